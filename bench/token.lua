-- wrk script: each thread sends its own slice of pre-built, unique token requests once, then stops.
-- Usage: wrk -t T -c C -d 300s -s bench/token.lua http://127.0.0.1:PORT -- <bodies-file> <T> <token-path> <idle-path> <done-prefix>
-- idle-path: a GET that answers 200 without a token, sent at most once per connection after the last body.
-- done-prefix: each thread creates <done-prefix><id> once all its bodies are answered, so run.py knows the end
-- without asking the server. A thread does not stop itself: wrk.thread:stop() drops the answers still in flight
-- on its other connections. wrk draws one request of thread 0 to check the script and never sends it.
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
  path, idlePath, donePrefix = args[3], args[4], args[5]
  expected = #bodies - (id == 0 and 1 or 0)
  nextBody, tokens, errors, reported = 1, 0, 0, false
end

function request()
  if nextBody > #bodies then
    return wrk.format("GET", idlePath)
  end
  local b = bodies[nextBody]
  nextBody = nextBody + 1
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded"}, b)
end

-- Once a connection has no body left, it waits 10 s between idle requests, until run.py interrupts wrk.
function delay()
  if nextBody > #bodies then return 10000 end
  return 0
end

function response(status, headers, body)
  if status == 200 then
    if string.sub(body, 1, 16) == '{"access_token":' then tokens = tokens + 1 end
  else
    errors = errors + 1
  end
  if not reported and tokens + errors >= expected then
    reported = true
    io.open(donePrefix .. id, "w"):close()
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
