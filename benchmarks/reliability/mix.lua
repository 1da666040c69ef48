-- wrk script of the soak (run-soak.sh): GET requests with valid tokens, a mix of one token repeated,
-- many tokens cycled and never-seen tokens, optionally paced, and one machine-readable RESULT line.
--
--   wrk ... URL -s mix.lua -- ONE_FILE CYCLE_FILE NEVER_SEEN_FILE FIRST LAST ONE_SHARE NEVER_SEEN_SHARE DELAY_MS
--
-- Each request picks its kind at random: the token of ONE_FILE with probability ONE_SHARE, the next
-- never-seen token with probability NEVER_SEEN_SHARE, else the next token of CYCLE_FILE (each thread
-- starts elsewhere in the set). Never-seen tokens are taken as in ../http/tokens.lua's "once" mode:
-- thread t of n sends FIRST+t, FIRST+t+n, ...; a thread that reaches LAST sends a cycled token
-- instead (counted as exhausted, never a repeated "never-seen" token). Token files hold one token per
-- line, all lines the same length.
--
-- Pacing: wrk has no rate option. With DELAY_MS > 0 every connection waits that long (on average:
-- whole milliseconds at random around it, since wrk's timer counts whole milliseconds) before each
-- request, so the rate is about connections / (DELAY_MS + latency); the runner calibrates DELAY_MS.
--
-- Every request here must answer 200: wrk counts other statuses (over 399) as status errors, which
-- the runner reports as wrong answers. No response() callback: it would cost client CPU per request.

local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
   for _, t in ipairs(threads) do
      t:set("stride", #threads)
   end
end

local function bearer(token)
   return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end

local function read_all(path)
   local list = {}
   for token in io.lines(path) do
      if #token > 0 then
         table.insert(list, bearer(token))
      end
   end
   if #list == 0 then
      error("no tokens in " .. path)
   end
   return list
end

function init(args)
   local one = read_all(args[1])[1]
   local cycle = read_all(args[2])
   local file = assert(io.open(args[3], "rb"))
   local first_line = file:read("*l")
   if not first_line or #first_line == 0 then
      error("empty token file " .. args[3])
   end
   local length = #first_line + 1
   local position = tonumber(args[4]) + index
   local last = tonumber(args[5])
   local one_share = tonumber(args[6])
   local never_seen_share = tonumber(args[7])
   delay_ms = tonumber(args[8])
   math.randomseed(os.time() + index * 7919)
   local next = (index * math.floor(#cycle / stride)) % #cycle
   sent = 0
   never_seen = 0
   exhausted = 0

   local function cycled()
      next = next + 1
      if next > #cycle then
         next = 1
      end
      return cycle[next]
   end

   request = function()
      sent = sent + 1
      local pick = math.random()
      if pick < one_share then
         return one
      elseif pick < one_share + never_seen_share then
         if position >= last then
            exhausted = exhausted + 1
            return cycled()
         end
         file:seek("set", position * length)
         local token = file:read(length - 1)
         position = position + stride
         never_seen = never_seen + 1
         return bearer(token)
      end
      return cycled()
   end

end

-- defined at the top level (wrk looks for it before init runs); 0 with DELAY_MS 0
function delay()
   if delay_ms <= 0 then
      return 0
   end
   local whole = math.floor(delay_ms)
   if math.random() < delay_ms - whole then
      return whole + 1
   end
   return whole
end

function done(summary, latency, requests)
   local most_sent, never_seen_total, exhausted_total = 0, 0, 0
   for _, t in ipairs(threads) do
      most_sent = math.max(most_sent, t:get("sent"))
      never_seen_total = never_seen_total + t:get("never_seen")
      exhausted_total = exhausted_total + t:get("exhausted")
   end
   local errors = summary.errors
   local seconds = summary.duration / 1e6
   -- tokens_reserved: how far the never-seen positions may have reached, where the next run must start
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d status_errors=%d "
         .. "socket_errors=%d timeouts=%d never_seen=%d exhausted=%d tokens_reserved=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max,
      errors.status, errors.connect + errors.read + errors.write, errors.timeout,
      never_seen_total, exhausted_total, most_sent * #threads))
end
