-- Shared by the wrk scripts of infra/bench (loaded by each with dofile): reads the run's settings from
-- the environment, counts every answer by outcome in the thread that received it, and at the end prints
-- the merged counts with wrk's own figures as "BENCH ..." lines, which WrkRun parses.
--
-- wrk runs setup() and done() in its main Lua state and init(), request(), response() in one state per
-- thread; the per-thread globals below (counts, sent, ok) are copied out with thread:get() in done().

counts = {}   -- outcome ("201", "409 COUPON_SOLD_OUT", "pay 201", ...) -> answers
sent = 0      -- requests built by request(): answered + in flight when wrk stopped
ok = 0        -- correct successes, as the scenario defines them
tid = 0       -- this thread's number, 1.., set by setup()
n = 0         -- this thread's sequence of requests (see next_request)

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

function setting(name)
   local value = os.getenv(name)
   if value == nil or value == "" then
      error("wrk script: environment variable " .. name .. " is not set")
   end
   return value
end

function lines(path)
   local all = {}
   for line in io.lines(path) do
      if line ~= "" then
         all[#all + 1] = line
      end
   end
   if #all == 0 then
      error("wrk script: " .. path .. " is empty")
   end
   return all
end

-- this thread's prefix of names (orderIds, keys): BENCH_RUN-<thread>-, and its first sequence number, apart
-- from the other threads' so that they start at different buyers
function thread_names()
   return setting("BENCH_RUN") .. "-" .. tid .. "-", tid * 7919
end

-- the next sequence number of this thread, counted as a request sent
function next_request()
   n = n + 1
   sent = sent + 1
   return n
end

-- the problem's "code" of an error answer (RFC 9457 body), nil if there is none
function problem_code(body)
   return body and body:match('"code"%s*:%s*"([^"]+)"')
end

-- counts one answer under "<label><status>[ <code>]" and, when it is a correct success, in ok
function outcome(label, status, body, success)
   local key = label .. status
   if status >= 400 then
      local code = problem_code(body)
      if code then
         key = key .. " " .. code
      end
   end
   counts[key] = (counts[key] or 0) + 1
   if success then
      ok = ok + 1
   end
end

function done(summary, latency, requests)
   local merged, all_sent, all_ok = {}, 0, 0
   for _, thread in ipairs(threads) do
      for key, value in pairs(thread:get("counts")) do
         merged[key] = (merged[key] or 0) + value
      end
      all_sent = all_sent + thread:get("sent")
      all_ok = all_ok + thread:get("ok")
   end
   local errors = summary.errors
   io.write(string.format("BENCH duration_us %d\n", summary.duration))
   io.write(string.format("BENCH answered %d\n", summary.requests))
   io.write(string.format("BENCH sent %d\n", all_sent))
   io.write(string.format("BENCH ok %d\n", all_ok))
   io.write(string.format("BENCH errors %d %d %d %d %d\n", errors.connect, errors.read, errors.write,
      errors.status, errors.timeout))
   io.write(string.format("BENCH latency_us %d %d %d %d\n", latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max))
   for key, value in pairs(merged) do
      io.write(string.format("BENCH count %d %s\n", value, key))
   end
end
