-- wrk script: POST /v1/events/{id}/reward for events created by decide.lua with the same RUNID
-- and thread count; ids cycle over the first N events of each thread.
-- Usage: wrk -s reward.lua URL -- RUNID N [THINK_MS]
-- With THINK_MS each connection waits a random think time (exponential, mean THINK_MS) between a
-- response and its next request: a steady stream of rewards beside another load.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = args[1] or "r"
  n = tonumber(args[2] or "1000")
  counter = 0
  local think = tonumber(args[3] or "")
  if think then
    math.randomseed(2000 + tid)
    delay = function()
      return math.floor(-think * math.log(1 - math.random()) + math.random())
    end
  end
end

function request()
  counter = counter + 1
  -- wrk discards each thread's first generated request, so ids start at 2.
  local id = run .. "-" .. tid .. "-" .. ((counter - 1) % n + 2)
  local value = (counter % 3 == 0) and "1" or "0"
  return wrk.format("POST", "/v1/events/" .. id .. "/reward",
    {["Content-Type"] = "application/json"}, '{"value":' .. value .. '}')
end


local shown = 0
function response(status, headers, body)
  -- Show the first non-2xx answers of each thread, so an error rate is explained, not guessed.
  if status >= 300 and shown < 3 then
    shown = shown + 1
    io.write("NON2XX " .. status .. " " .. body .. "\n")
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
