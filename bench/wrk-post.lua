-- wrk script for npm run bench: POSTs the bodies of BENCH_BODIES (one JSON per line) in turn to BENCH_PATH,
-- with BENCH_AUTH and BENCH_PREFER as headers when set; prints one JSON line of figures when done.
local bodies = {}
for line in io.lines(os.getenv("BENCH_BODIES")) do bodies[#bodies + 1] = line end
local path = os.getenv("BENCH_PATH") or "/"
local headers = { ["content-type"] = "application/json" }
if os.getenv("BENCH_AUTH") ~= "" then headers["authorization"] = os.getenv("BENCH_AUTH") end
if os.getenv("BENCH_PREFER") ~= "" then headers["prefer"] = os.getenv("BENCH_PREFER") end
local i = math.random(#bodies)
-- BENCH_CONTENT_IDS=1: each request carries a content id of its own, as a platform sends its post ids (each
-- ruling's write then checks for one already recorded under its id). Unique across runs (the start time) and wrk's
-- threads (the number setup gives each: every thread's Lua starts from the same random seed), then a count.
local withIds = os.getenv("BENCH_CONTENT_IDS") == "1"
local threads = 0
local prefix = ""
local sent = 0

setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

init = function()
  prefix = string.format("b%x-%d", os.time(), thread_number or 0)
end

request = function()
  i = i % #bodies + 1
  local body = bodies[i]
  if withIds then
    sent = sent + 1
    body = body:gsub('^{"content":{', '{"content":{"id":"' .. prefix .. "-" .. sent .. '",', 1)
  end
  return wrk.format("POST", path, headers, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"bytes":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"p50_ms":%.2f,"p99_ms":%.2f}\n',
    summary.requests, summary.bytes, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
