-- Checkouts: a buyer (BENCH_TOKENS, one "Bearer ..." a line for users BENCH_FIRST_USER..) places an order
-- of one unit of one of BENCH_SKUS (a file, one SKU a line) with a fresh Idempotency-Key, then pays it
-- with another. wrk's Lua state is per thread, not per connection, so the chain runs through a queue:
-- an order placed (201) waits in its thread's queue, and that thread's next request pays the oldest
-- waiting order before any new one is placed; so every connection alternates between the two steps.
-- A correct success is a paid order ("pay 201").
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local tokens, skus, first_user, prefix
local queue, head, tail = {}, 1, 0
local headers = { ["Content-Type"] = "application/json" }
waiting = 0 -- orders placed and not yet sent to payment (copied out at the end)

function init(args)
   tokens = lines(setting("BENCH_TOKENS"))
   skus = lines(setting("BENCH_SKUS"))
   first_user = tonumber(setting("BENCH_FIRST_USER"))
   prefix, n = thread_names()
end

function request()
   next_request()
   if head <= tail then
      local order = queue[head]
      queue[head] = nil
      head = head + 1
      waiting = tail - head + 1
      headers["Authorization"] = tokens[order.user - first_user + 1]
      headers["Idempotency-Key"] = prefix .. "pay-" .. n
      return wrk.format("POST", "/api/v1/orders/" .. order.id .. "/payment", headers, "{}")
   end
   headers["Authorization"] = tokens[n % #tokens + 1]
   headers["Idempotency-Key"] = prefix .. "place-" .. n
   return wrk.format("POST", "/api/v1/orders", headers,
      '{"lines": [{"sku": "' .. skus[n % #skus + 1] .. '", "quantity": 1}]}')
end

function response(status, headers, body)
   if status == 201 then
      if body:find('"status"%s*:%s*"PAID"') then
         outcome("pay ", status, body, true)
      else
         outcome("place ", status, body, false)
         tail = tail + 1
         queue[tail] = { id = body:match('"id"%s*:%s*"([^"]+)"'), user = tonumber(body:match('"userId"%s*:%s*(%d+)')) }
         waiting = tail - head + 1
      end
   else
      -- a problem's "instance" is the request's path: a payment's ends in /payment
      outcome(body and body:find("/payment", 1, true) and "pay " or "place ", status, body, false)
   end
end
