-- wrk script: each thread sends its own slice of pre-built, unique token requests once, then stops.
-- Usage: wrk -t T -c C -d 300s -s bench/token.lua http://127.0.0.1:PORT -- <bodies-file> <T>
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(args[2])
  bodies = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % n == id then bodies[#bodies + 1] = line end
    i = i + 1
  end
  nextBody, tokens, errors = 1, 0, 0
end

function request()
  if nextBody > #bodies then
    wrk.thread:stop()
    return wrk.format("GET", "/health/live")
  end
  local b = bodies[nextBody]
  nextBody = nextBody + 1
  return wrk.format("POST", "/oidc/token", {["Content-Type"] = "application/x-www-form-urlencoded"}, b)
end

function response(status, headers, body)
  if status == 200 then
    if string.sub(body, 1, 16) == '{"access_token":' then tokens = tokens + 1 end
  else
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local t, e = 0, 0
  for _, th in ipairs(threads) do
    t = t + th:get("tokens")
    e = e + th:get("errors")
  end
  io.write(string.format("RESULT tokens=%d errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f duration_s=%.3f\n",
    t, e, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.duration / 1e6))
end
