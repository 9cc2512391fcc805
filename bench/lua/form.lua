-- A real form POST (the sign form, the register form) with a valid CSRF cookie+token pair and
-- a new address every time.
-- args: path, csrf token (form field), csrf cookie value, run id (keeps runs apart), the
-- form's other fields URL-encoded ("{n}" becomes the request's number), and the first part
-- of the clients' addresses (keeps one form's surge apart from another's).
local counter = 0
local thread_count = 0

setup = function(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

init = function(args)
  form_path, token, cookie, run_id, fields, network = args[1], args[2], args[3], args[4],
    args[5], tonumber(args[6])
  form_headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
  }
end

request = function()
  counter = counter + 1
  -- Each person from their own address, as in a real surge, passed on by the trusted proxy
  -- (the server is told 127.0.0.1 is one): the rate limits judge each address on its own.
  form_headers["X-Forwarded-For"] = string.format("%d.%d.%d.%d", network, thread_id % 256,
    math.floor(counter / 256) % 256, counter % 256)
  local body = table.concat({
    "csrfmiddlewaretoken=", token,
    "&email=bench.", run_id, ".", thread_id, ".", counter, "%40example.org&",
    (fields:gsub("{n}", tostring(counter))),
  })
  return wrk.format("POST", form_path, form_headers, body)
end
