-- The HTTP floor: the service's cheapest answer, GET /actuator/info, without a token.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local info

function init(args)
   info = wrk.format("GET", "/actuator/info") -- here, not when loaded: wrk.host (the Host header) is set by then
end

function request()
   sent = sent + 1
   return info
end

function response(status, headers, body)
   outcome("", status, body, status == 200)
end
