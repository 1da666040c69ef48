-- wrk script of the soak (run-soak.sh): requests with bad tokens, each of which a correct server
-- answers 401, and one machine-readable RESULT line that counts every other answer as wrong.
--
--   wrk ... URL -s invalid.lua -- ONE_FILE DELAY_MS
--
-- Derived from the valid token of ONE_FILE (never printed), in turn: its signature altered; its header
-- replaced by {"alg":"none"} and the signature dropped; a fresh random kid per request (a key the
-- server does not have); a payload cut short; three parts of garbage; a 6,000-character token.
-- Pacing as in mix.lua (DELAY_MS per connection and request, 0 for none).

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

local function base64url(s)
   local out = {}
   for i = 1, #s, 3 do
      local a, b, c = string.byte(s, i, i + 2)
      local n = a * 65536 + (b or 0) * 256 + (c or 0)
      local chars = 2 + (b and 1 or 0) + (c and 1 or 0)
      for j = 1, chars do
         local shift = 18 - 6 * (j - 1)
         local k = math.floor(n / 2 ^ shift) % 64
         table.insert(out, string.sub(B64, k + 1, k + 1))
      end
   end
   return table.concat(out)
end

local function bearer(token)
   return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end

function init(args)
   local valid = nil
   for line in io.lines(args[1]) do
      if #line > 0 then valid = line break end
   end
   assert(valid, "no token in " .. args[1])
   delay_ms = tonumber(args[2])
   local header, payload, signature = string.match(valid, "^([^.]+)%.([^.]+)%.([^.]+)$")
   assert(signature, "the token of " .. args[1] .. " is not a JWS")
   local flipped = string.sub(signature, 1, 10) .. (string.sub(signature, 11, 11) == "A" and "B" or "A")
      .. string.sub(signature, 12)
   fixed = {
      bearer(header .. "." .. payload .. "." .. flipped),
      bearer(base64url('{"alg":"none","typ":"JWT"}') .. "." .. payload .. "."),
      bearer(header .. "." .. string.sub(payload, 1, #payload - 7) .. "." .. signature),
      bearer("bm90.YS1qd3Q.Z2FyYmFnZQ"),
      bearer(string.rep("eyJhbGciOiJFUzI1NiJ9", 300)),
   }
   rest = payload .. "." .. signature
   kinds = #fixed + 1
   sent = 0
   math.randomseed(os.time() + #threads * 104729)
end

function request()
   sent = sent + 1
   local kind = sent % kinds + 1
   if kind <= #fixed then
      return fixed[kind]
   end
   local kid = string.format("soak-%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
   return bearer(base64url('{"alg":"ES256","typ":"JWT","kid":"' .. kid .. '"}') .. "." .. rest)
end

function delay()
   return delay_ms
end

function response(status, headers, body)
   if status == 401 then
      refused = (refused or 0) + 1
   elseif status >= 200 and status < 300 then
      accepted = (accepted or 0) + 1
   elseif status >= 500 then
      server_errors = (server_errors or 0) + 1
   else
      other = (other or 0) + 1
   end
end

function done(summary, latency, requests)
   local sum = function(k)
      local n = 0
      for _, t in ipairs(threads) do n = n + (t:get(k) or 0) end
      return n
   end
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f refused_401=%d accepted_2xx=%d server_5xx=%d other=%d p50_us=%d p99_us=%d "
         .. "socket_errors=%d timeouts=%d\n",
      summary.requests, summary.duration / 1e6, sum("refused"), sum("accepted"), sum("server_errors"), sum("other"),
      latency:percentile(50), latency:percentile(99),
      summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
