-- A GET with optional extra headers: args are "Name: value" strings.
init = function(args)
  for _, header in ipairs(args) do
    local name, value = header:match("^([^:]+):%s*(.*)$")
    if name then wrk.headers[name] = value end
  end
end
