-- Issues of one hot coupon (BENCH_COUPON), each to a user who has not asked before: an administrator's
-- token (BENCH_TOKENS, first line) names the user in the body, so every request is a possible success
-- until the coupon sells out; 409 COUPON_SOLD_OUT is counted apart and is not a success.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local path, user
local headers = { ["Content-Type"] = "application/json" }

function init(args)
   headers["Authorization"] = lines(setting("BENCH_TOKENS"))[1]
   path = "/api/v1/coupons/" .. setting("BENCH_COUPON") .. "/issues"
   user = tonumber(setting("BENCH_FIRST_USER")) + tid * 100000000 -- each thread its own range of users
end

function request()
   user = user + 1
   sent = sent + 1
   return wrk.format("POST", path, headers, '{"userId": ' .. string.format("%d", user) .. '}')
end

function response(status, headers, body)
   outcome("", status, body, status == 201)
end
