-- wrk script: POST /v1/decide with 100 candidates and a fresh event id per request.
-- Usage: wrk -s decide.lua URL -- RUNID [THINK_MS]
-- With THINK_MS each connection waits a random think time (exponential, mean THINK_MS) between a
-- response and its next request, so the offered rate is about connections / (THINK_MS + latency)
-- instead of as fast as the server answers: latency at a given throughput, not at saturation.
-- wrk measures latency from the request's first byte, so think time is never counted as latency.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = args[1] or "r"
  counter = 0
  local think = tonumber(args[2] or "")
  if think then
    math.randomseed(1000 + tid)
    -- wrk's delay() is whole milliseconds: round stochastically so the mean stays THINK_MS.
    delay = function()
      return math.floor(-think * math.log(1 - math.random()) + math.random())
    end
  end
  local c = {}
  for i = 1, 100 do
    c[i] = '{"id":"n' .. i .. '"}'
  end
  candidates = "[" .. table.concat(c, ",") .. "]"
end

function request()
  counter = counter + 1
  local body = '{"eventId":"' .. run .. "-" .. tid .. "-" .. counter .. '","userId":"u' ..
    (counter % 1000) .. '","context":{"hour":' .. (counter % 24) ..
    ',"device":"ios","balance":' .. (counter % 97) .. '},"candidates":' .. candidates .. '}'
  return wrk.format("POST", "/v1/decide", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
