-- wrk script of the fault benchmark (run-faults.sh): sends a mix of requests, each of a known class,
-- and judges every answer against what a correct server must send, per second.
--
--   wrk -tN -cN ... http://127.0.0.1:PORT -s faults.lua -- key=value ...
--
-- ONE CONNECTION PER THREAD (-t equal to -c): then requests and answers of a thread strictly
-- alternate, so response() knows the class of the request it answers. Arguments:
--   mix=own:4,idp:3,bad:2,refresh:1   classes and their weights (a fixed interleaved sequence)
--   own=FILE idp1=FILE idp2=FILE bad=FILE revoked=FILE flood=FILE   token files, one token a line
--   cookies=FILE    refresh tokens (cookie values), one a line: thread i refreshes the chain of line i
--   phase=FILE      the runner writes "<normal|fault> <idp key set: 1, 12 or 2>"; read once a second
--   affected=own,idp   classes that may also answer 503 with Retry-After while the phase is "fault"
--   delay=MS        pause before each request, fractions allowed (pacing: about 70 % of saturation)
--   host=HOST:PORT  the server's origin (the refresh endpoint checks Origin)
-- The per-second TSV goes to the file named by the environment variable FAULTS_OUT (done() runs in
-- wrk's main Lua state, which has no init arguments); per-class totals and wrong answers go to stdout.
--
-- What a correct server answers, by class:
--   own, idp (valid bearer tokens of the app and of the outside issuer), refresh: 200
--   bad (refused tokens), revoked (tokens revoked before the run): 401
--   flood (random kids, oversized, malformed): 400 or 401, or 503 with Retry-After (a rate-limited kid lookup)
-- plus 503 with Retry-After for an affected class during a fault. Anything else is WRONG.
-- Never prints a token.

local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
end

local function lines(file)
   local list = {}
   if not file then
      return list
   end
   for line in io.lines(file) do
      if #line > 0 then
         table.insert(list, line)
      end
   end
   return list
end

local function set_of(csv)
   local set = {}
   for item in string.gmatch(csv or "", "[^,]+") do
      set[item] = true
   end
   return set
end

local expected = {
   own = { [200] = true }, idp = { [200] = true }, refresh = { [200] = true },
   bad = { [401] = true }, revoked = { [401] = true },
   flood = { [400] = true, [401] = true, ["503ra"] = true },
}

function init(args)
   local opt = {}
   for _, arg in ipairs(args) do
      local key, value = string.match(arg, "^([%w_]+)=(.*)$")
      if not key then
         error("argument " .. arg .. " is not key=value")
      end
      opt[key] = value
   end
   tokens = {
      own = lines(opt.own), idp1 = lines(opt.idp1), idp2 = lines(opt.idp2), bad = lines(opt.bad),
      revoked = lines(opt.revoked), flood = lines(opt.flood),
   }
   position = {}
   -- the mix as a sequence: "own:4,idp:3" gives own idp own idp own idp own (interleaved by weight)
   sequence = {}
   local weights, total = {}, 0
   for name, weight in string.gmatch(opt.mix or "own:1", "(%w+):(%d+)") do
      if not expected[name] then
         error("unknown class " .. name)
      end
      table.insert(weights, { name = name, weight = tonumber(weight), credit = 0 })
      total = total + tonumber(weight)
   end
   for _ = 1, total do
      local best = nil
      for _, w in ipairs(weights) do
         w.credit = w.credit + w.weight
         if not best or w.credit > best.credit then
            best = w
         end
      end
      best.credit = best.credit - total
      table.insert(sequence, best.name)
   end
   slot = index % #sequence
   affected = set_of(opt.affected)
   phase_file = opt.phase
   pause = tonumber(opt.delay or "0")
   host = opt.host
   local chains = lines(opt.cookies)
   cookie = chains[index + 1] -- nil: this thread sends no refreshes
   stats = {}
   wrong_kinds = {}
   state, idp_set, phase_second = "normal", "1", -1
   current = nil
   idp_sent = 0
end

local function next_token(name)
   local list = tokens[name]
   if #list == 0 then
      error("no tokens for class " .. name)
   end
   -- threads start at different places in each list
   local p = (position[name] or (index * 7)) % #list + 1
   position[name] = p
   return list[p]
end

local function read_phase()
   local now = os.time()
   if now ~= phase_second then
      phase_second = now
      local f = phase_file and io.open(phase_file, "r")
      if f then
         local text = f:read("*l") or ""
         f:close()
         local s, k = string.match(text, "^(%a+)%s+(%d+)")
         if s then
            state, idp_set = s, k
         end
      end
   end
end

local function bearer(token)
   return wrk.format("GET", "/orders/api/ping/secure", { ["Authorization"] = "Bearer " .. token })
end

-- wrk takes whole milliseconds: a fractional pause is dithered (0.5 ms = 0, 1, 0, 1, ...) so that the
-- average is exact
local owed = 0
function delay()
   owed = owed + pause
   local whole = math.floor(owed)
   owed = owed - whole
   return whole
end

function request()
   read_phase()
   slot = slot % #sequence + 1
   local class = sequence[slot]
   if class == "refresh" and not cookie then
      class = "own"
   end
   current = class
   if class == "refresh" then
      return wrk.format("POST", "/orders/oauth/token", {
         ["Content-Type"] = "application/x-www-form-urlencoded",
         ["Cookie"] = "__Host-jwtguard-refresh=" .. cookie,
         ["X-JWT-Guard-CSRF"] = "1",
         ["Origin"] = "http://" .. host,
      }, "grant_type=refresh_token")
   elseif class == "idp" then
      -- during a rotation's overlap the issuer's tokens carry either key
      local key = idp_set
      if key == "12" then
         -- alternate by this thread's own count of idp requests (the slots of a class in the mix
         -- sequence can all have the same parity)
         idp_sent = idp_sent + 1
         key = (idp_sent % 2 == 0) and "1" or "2"
      end
      return bearer(next_token("idp" .. key))
   else
      return bearer(next_token(class))
   end
end

local function count(key)
   stats[key] = (stats[key] or 0) + 1
end

function response(status, headers, body)
   local class = current
   local column
   if status == 200 then
      column = "200"
   elseif status == 401 then
      column = "401"
   elseif status == 503 then
      column = (headers["Retry-After"] or headers["retry-after"]) and "503ra" or "503"
   elseif status >= 500 then
      column = "5xx"
   else
      column = "other"
   end
   local ok = expected[class][status] or expected[class][column]
      or (column == "503ra" and state == "fault" and affected[class])
   local second = os.time()
   count(second .. "|requests")
   count(second .. "|" .. column)
   count("class|" .. class .. "|" .. column)
   if not ok then
      count(second .. "|wrong")
      count("wrong|" .. class .. "|" .. status .. "|" .. state)
   end
   if class == "refresh" then
      if status == 200 then
         local set = headers["Set-Cookie"] or headers["set-cookie"] or ""
         local value = string.match(set, "__Host%-jwtguard%-refresh=([^;]+)")
         if value and #value > 0 then
            cookie = value
         else
            cookie = nil -- a 200 without the rotated cookie: nothing left to refresh with
            count("wrong|refresh|no-cookie|" .. state)
         end
      elseif status ~= 503 then
         cookie = nil -- the chain is broken (reuse detected or refused): stop refreshing
         count("chain-lost|" .. status)
      end
   end
end

function done(summary, latency, requests)
   local merged = {}
   for _, t in ipairs(threads) do
      for key, n in pairs(t:get("stats")) do
         merged[key] = (merged[key] or 0) + n
      end
   end
   local out = assert(io.open(os.getenv("FAULTS_OUT") or "faults.tsv", "w"))
   out:write("epoch\trequests\tok_200\tr_401\tr_503_retry_after\tr_503_no_retry_after\tother_5xx\tother\twrong\n")
   local seconds = {}
   for key, _ in pairs(merged) do
      local s = string.match(key, "^(%d+)|requests$")
      if s then
         table.insert(seconds, tonumber(s))
      end
   end
   table.sort(seconds)
   for _, s in ipairs(seconds) do
      local function v(c)
         return merged[s .. "|" .. c] or 0
      end
      out:write(string.format("%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", s, v("requests"), v("200"), v("401"),
         v("503ra"), v("503"), v("5xx"), v("other"), v("wrong")))
   end
   out:close()
   local keys = {}
   for key, _ in pairs(merged) do
      if string.match(key, "^class|") or string.match(key, "^wrong|") or string.match(key, "^chain%-lost|") then
         table.insert(keys, key)
      end
   end
   table.sort(keys)
   for _, key in ipairs(keys) do
      io.write(string.format("COUNT %s %d\n", key, merged[key]))
   end
   io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_us=%d p99_us=%d max_us=%d socket_errors=%d timeouts=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), latency.max,
      summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
