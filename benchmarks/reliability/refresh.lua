-- wrk script of the soak (run-soak.sh): one refresh-token family kept alive by rotation, the way a
-- browser session of the orders example refreshes. Run it with ONE thread and ONE connection
-- (wrk -t1 -c1): every request waits for the answer of the one before, whose Set-Cookie carries the
-- next refresh token.
--
--   wrk -t1 -c1 ... URL -s refresh.lua -- CONTEXT ORIGIN USER PASSWORD DELAY_MS
--
-- The first request logs in (POST CONTEXT/auth/login, form fields username and password: PBKDF2, so
-- slow by design); every later one refreshes (POST CONTEXT/oauth/token grant_type=refresh_token with
-- the __Host-jwtguard-refresh cookie, the Origin and the X-JWT-Guard-CSRF header the page sends).
-- A refresh answered 400 or 401 means the family is gone: the next request logs in again (counted as
-- lost). 503 keeps the token (the store is unavailable; nothing was rotated). Prints one RESULT line
-- of counts; never a token or the password.

local COOKIE = "__Host-jwtguard-refresh"
local counts = { logins = 0, login_failed = 0, refreshed = 0, lost = 0, unavailable = 0, other = 0 }
local token = nil
local last_was_login = false
local thread_ref = nil

function setup(thread)
   thread_ref = thread
end

local function url_encode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
   context, origin, user, password = args[1], args[2], args[3], args[4]
   delay_ms = tonumber(args[5])
   login_body = "username=" .. url_encode(user) .. "&password=" .. url_encode(password)
end

function request()
   local headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = origin }
   if token == nil then
      last_was_login = true
      return wrk.format("POST", context .. "/auth/login", headers, login_body)
   end
   last_was_login = false
   headers["Cookie"] = COOKIE .. "=" .. token
   headers["X-JWT-Guard-CSRF"] = "1"
   return wrk.format("POST", context .. "/oauth/token", headers, "grant_type=refresh_token")
end

function delay()
   if token == nil then
      return 0
   end
   return delay_ms
end

local function cookie_of(headers)
   for name, value in pairs(headers) do
      if string.lower(name) == "set-cookie" then
         local found = string.match(value, "__Host%-jwtguard%-refresh=([^;]+)")
         if found then
            return found
         end
      end
   end
   return nil
end

function response(status, headers, body)
   if last_was_login then
      if status == 200 then
         token = cookie_of(headers)
         counts.logins = counts.logins + 1
      else
         counts.login_failed = counts.login_failed + 1
      end
   elseif status == 200 then
      local next = cookie_of(headers)
      if next then
         token = next
         counts.refreshed = counts.refreshed + 1
      else
         counts.other = counts.other + 1
      end
   elseif status == 400 or status == 401 then
      token = nil
      counts.lost = counts.lost + 1
   elseif status == 503 then
      counts.unavailable = counts.unavailable + 1
   else
      counts.other = counts.other + 1
   end
   for k, v in pairs(counts) do
      wrk.thread:set(k, v)
   end
end

function done(summary, latency, requests)
   local get = function(k) return thread_ref:get(k) or 0 end
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f logins=%d login_failed=%d refreshed=%d lost=%d unavailable=%d other=%d "
         .. "p50_us=%d p99_us=%d socket_errors=%d timeouts=%d\n",
      summary.requests, summary.duration / 1e6, get("logins"), get("login_failed"), get("refreshed"), get("lost"),
      get("unavailable"), get("other"), latency:percentile(50), latency:percentile(99),
      summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
