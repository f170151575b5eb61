-- wrk script for npm run bench: POSTs the bodies of BENCH_BODIES (one JSON per line) in turn to BENCH_PATH,
-- with BENCH_AUTH and BENCH_PREFER as headers when set; prints one JSON line of figures when done.
local bodies = {}
for line in io.lines(os.getenv("BENCH_BODIES")) do bodies[#bodies + 1] = line end
local path = os.getenv("BENCH_PATH") or "/"
local headers = { ["content-type"] = "application/json" }
if os.getenv("BENCH_AUTH") ~= "" then headers["authorization"] = os.getenv("BENCH_AUTH") end
if os.getenv("BENCH_PREFER") ~= "" then headers["prefer"] = os.getenv("BENCH_PREFER") end
local i = math.random(#bodies)

request = function()
  i = i % #bodies + 1
  return wrk.format("POST", path, headers, bodies[i])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"bytes":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"p50_ms":%.2f,"p99_ms":%.2f}\n',
    summary.requests, summary.bytes, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
