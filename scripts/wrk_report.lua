-- wrk script: optional POST body from the environment, counts responses with an
-- unexpected status, and prints one JSON line with the figures at the end.
--   WRK_METHOD (GET), WRK_BODY, WRK_CONTENT_TYPE, WRK_EXPECT ("200" or "2xx3xx")
wrk.method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE") or "application/x-www-form-urlencoded"
end
local expect = os.getenv("WRK_EXPECT") or "200"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
  first_unexpected = 0
end

function response(status, headers, body)
  local ok
  if expect == "2xx3xx" then
    ok = status >= 200 and status < 400
  else
    ok = status == tonumber(expect)
  end
  if not ok then
    unexpected = unexpected + 1
    if first_unexpected == 0 then first_unexpected = status end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    if first == 0 then first = thread:get("first_unexpected") end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "max_ms": %.2f, "socket_errors": %d, "timeouts": %d, "unexpected_status": %d, ' ..
    '"first_unexpected_status": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write, e.timeout, bad, first))
end
