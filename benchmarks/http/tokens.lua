-- wrk script of the HTTP benchmark (run-http-bench.sh): sends GET requests to the URL's path with
-- "Authorization: Bearer <token>" taken from a token file, and prints one machine-readable RESULT line.
--
--   wrk ... URL -s tokens.lua -- none
--   wrk ... URL -s tokens.lua -- cycle FILE            every thread cycles over all tokens of FILE
--   wrk ... URL -s tokens.lua -- once FILE FIRST LAST  each token with index FIRST..LAST-1 is sent at most once
--
-- Token files hold one token per line, all lines the same length (HttpBenchTokens writes them so),
-- which lets "once" seek straight to a token instead of reading the whole file into every thread.
-- In "once" mode thread t of n sends tokens FIRST+t, FIRST+t+n, FIRST+t+2n, ...; a thread that reaches
-- LAST stops (wrk.thread:stop) and the run is reported with exhausted=1 instead of repeating a token.
--
-- Statuses: wrk counts responses with a status over 399 (errors.status); defining response() here
-- would make wrk hand every response's headers and body to Lua, a client cost on the cores the
-- server needs. The runner checks with curl beforehand that every scenario's request answers 200.

local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
   -- the stride of "once" is the thread count, known only when the last thread is set up
   for _, t in ipairs(threads) do
      t:set("stride", #threads)
   end
end

local function bearer(token)
   return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end

local function line_length(file)
   local first = file:read("*l")
   if not first or #first == 0 then
      error("empty token file")
   end
   return #first + 1
end

function init(args)
   mode = args[1] or "none"
   sent = 0
   exhausted = 0
   if mode == "none" then
      local plain = wrk.format("GET", nil, {})
      request = function()
         sent = sent + 1
         return plain
      end
   elseif mode == "cycle" then
      local requests = {}
      for token in io.lines(args[2]) do
         if #token > 0 then
            table.insert(requests, bearer(token))
         end
      end
      if #requests == 0 then
         error("no tokens in " .. args[2])
      end
      -- threads start at different tokens, so they do not move through the set in lockstep
      local next = (index * math.floor(#requests / stride)) % #requests
      request = function()
         sent = sent + 1
         next = next + 1
         if next > #requests then
            next = 1
         end
         return requests[next]
      end
   elseif mode == "once" then
      local file = assert(io.open(args[2], "rb"))
      local length = line_length(file)
      local last = tonumber(args[4])
      local position = tonumber(args[3]) + index
      local previous = nil
      request = function()
         if position >= last then
            -- out of never-seen tokens: stop rather than repeat one; the runner flags the run
            exhausted = 1
            wrk.thread:stop()
            return previous or wrk.format("GET", nil, {})
         end
         file:seek("set", position * length)
         local token = file:read(length - 1)
         position = position + stride
         sent = sent + 1
         previous = bearer(token)
         return previous
      end
   else
      error("unknown mode " .. tostring(mode) .. " (none, cycle or once)")
   end
end

function done(summary, latency, requests)
   local exhausted_threads = 0
   local most_sent = 0
   for _, t in ipairs(threads) do
      exhausted_threads = exhausted_threads + t:get("exhausted")
      most_sent = math.max(most_sent, t:get("sent"))
   end
   local errors = summary.errors
   local seconds = summary.duration / 1e6
   -- tokens_reserved: how far "once" may have reached in the file, i.e. where the next run must start
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d status_errors=%d "
         .. "socket_errors=%d timeouts=%d exhausted_threads=%d tokens_reserved=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50), latency:percentile(99), latency.max,
      errors.status, errors.connect + errors.read + errors.write, errors.timeout,
      exhausted_threads, most_sent * #threads))
end
