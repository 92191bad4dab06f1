-- Computed allocation reports under concurrent load with wrk (issue 5's latency goals through HTTP):
--
--   wrk -t2 -c8 -d20s --latency -s deploy/bench/wrk-reports.lua http://127.0.0.1:18088 -- 24 "2025-11-30 23:50:18"
--
-- Arguments after "--": hours-back and the latest snapshot time (metadata.end_time of any report). Every request
-- names another window end, a minute apart across all threads, so no report computed before can be reused: the
-- figure is the cost of computing. wrk is light on CPU next to a JVM client, so the server keeps the cores.
local threads = 0
local thread_id = 0
local thread_count = 1
local counter = 0
local hours = "24"
local latest = 0

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

function init(args)
  hours = args[1] or "24"
  local y, mo, d, h, mi, s = string.match(args[2] or "", "(%d+)-(%d+)-(%d+) (%d+):(%d+):(%d+)")
  if not y then
    error("second argument: the latest snapshot time as 'YYYY-MM-DD HH:MM:SS'")
  end
  -- os.time and os.date both use the local zone, so minutes subtract exactly on the naive wall clock.
  latest = os.time({year = y, month = mo, day = d, hour = h, min = mi, sec = s})
  thread_count = tonumber(os.getenv("WRK_THREADS") or "2")
end

function request()
  counter = counter + 1
  local minutes_back = counter * thread_count + thread_id
  local end_time = os.date("%Y-%m-%d %H:%M:%S", latest - 60 * minutes_back)
  return wrk.format("GET", "/api/v1/report?hours-back=" .. hours .. "&end-time=" .. string.gsub(end_time, " ", "%%20"))
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect
      + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
