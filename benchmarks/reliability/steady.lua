-- wrk script of the redeploy run (run-redeploy.sh): steady GET requests with valid tokens (cycled
-- over a token file) against the application that is NOT redeployed, every answer but 200 counted
-- as an error, per second. Stop it with SIGINT (wrk then prints its summary) or let -d end it.
--
--   wrk ... URL -s steady.lua -- TOKEN_FILE DELAY_MS
--
-- Prints "SECOND <epoch> <ok> <errors>" for every second that saw an answer, then one RESULT line.

local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
end

function init(args)
   requests_of = {}
   for token in io.lines(args[1]) do
      if #token > 0 then
         table.insert(requests_of, wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token }))
      end
   end
   assert(#requests_of > 0, "no tokens in " .. args[1])
   delay_ms = tonumber(args[2])
   position = (index * 997) % #requests_of
   ok, errors = {}, {}
end

function request()
   position = position % #requests_of + 1
   return requests_of[position]
end

function delay()
   return delay_ms
end

function response(status, headers, body)
   local second = os.time()
   if status == 200 then
      ok[second] = (ok[second] or 0) + 1
   else
      errors[second] = (errors[second] or 0) + 1
   end
end

function done(summary, latency, requests)
   local seconds, oks, errs = {}, {}, {}
   for _, t in ipairs(threads) do
      for second, n in pairs(t:get("ok")) do
         oks[second] = (oks[second] or 0) + n
         seconds[second] = true
      end
      for second, n in pairs(t:get("errors")) do
         errs[second] = (errs[second] or 0) + n
         seconds[second] = true
      end
   end
   local sorted, total_errors = {}, 0
   for second in pairs(seconds) do table.insert(sorted, second) end
   table.sort(sorted)
   for _, second in ipairs(sorted) do
      io.write(string.format("SECOND %d %d %d\n", second, oks[second] or 0, errs[second] or 0))
      total_errors = total_errors + (errs[second] or 0)
   end
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d non_200=%d socket_errors=%d timeouts=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max, total_errors,
      summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
