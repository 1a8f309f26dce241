-- Reservations of one unit of one SKU (BENCH_SKU), each by the next of many buyers (BENCH_TOKENS, one
-- "Bearer ..." a line), so that no buyer nears its rate limit; orderIds BENCH_RUN-<thread>-<n>.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local tokens, sku, prefix
local headers = { ["Content-Type"] = "application/json" }

function init(args)
   tokens = lines(setting("BENCH_TOKENS"))
   sku = setting("BENCH_SKU")
   prefix, n = thread_names()
end

function request()
   next_request()
   headers["Authorization"] = tokens[n % #tokens + 1]
   return wrk.format("POST", "/api/v1/reservations", headers,
      '{"orderId": "' .. prefix .. n .. '", "lines": [{"sku": "' .. sku .. '", "quantity": 1}]}')
end

function response(status, headers, body)
   outcome("", status, body, status == 201)
end
