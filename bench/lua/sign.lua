-- A real sign-form POST with a valid CSRF cookie+token pair and a new address every time.
-- args: path, csrf token (form field), csrf cookie value, run id (keeps runs apart).
local counter = 0
local thread_count = 0

setup = function(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

init = function(args)
  sign_path, token, cookie, run_id = args[1], args[2], args[3], args[4]
  sign_headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
  }
end

request = function()
  counter = counter + 1
  -- Each signer from their own address, as in a real surge, passed on by the trusted proxy
  -- (the server is told 127.0.0.1 is one): the rate limits judge each address on its own.
  sign_headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", thread_id % 256,
    math.floor(counter / 256) % 256, counter % 256)
  local body = table.concat({
    "csrfmiddlewaretoken=", token,
    "&kind=individual&name=Bench+Signer+", counter,
    "&email=bench.", run_id, ".", thread_id, ".", counter, "%40example.org",
    "&country=GB&organisation=Bench+Branch&role=&comment=Solidarity",
    "&show_publicly=on&website=&altcha=",
  })
  return wrk.format("POST", sign_path, sign_headers, body)
end
