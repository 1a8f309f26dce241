-- Payments by an administrator (BENCH_TOKENS, first line). Without BENCH_REPLAY_KEYS every request has a
-- fresh Idempotency-Key BENCH_RUN-<thread>-<n> (a real charge through the gateway simulator); with it,
-- every request replays one of those completed keys (one a line) with its first body, and only an answer
-- marked Idempotent-Replayed counts as a success. The body is derived from the key, as in Gatling's.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local replay, prefix
local headers = { ["Content-Type"] = "application/json" }

function init(args)
   headers["Authorization"] = lines(setting("BENCH_TOKENS"))[1]
   local keys = os.getenv("BENCH_REPLAY_KEYS")
   if keys ~= nil and keys ~= "" then
      replay = lines(keys)
   end
   prefix, n = thread_names()
end

function request()
   next_request()
   local key = replay and replay[n % #replay + 1] or prefix .. n
   headers["Idempotency-Key"] = key
   return wrk.format("POST", "/api/v1/payments", headers,
      '{"orderId": "' .. key .. '", "amount": 15000, "currency": "KRW"}')
end

function response(status, headers, body)
   local replayed = headers["Idempotent-Replayed"] or headers["idempotent-replayed"]
   if replay then
      outcome(replayed == "true" and "replayed " or "", status, body, status == 201 and replayed == "true")
   else
      outcome(replayed == "true" and "replayed " or "", status, body, status == 201 and replayed ~= "true")
   end
end
