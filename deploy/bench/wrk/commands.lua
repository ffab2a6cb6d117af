-- wrk script of deploy/bench/commands.sh: one kind of request per run, chosen by the environment.
--   BENCH_KIND        note (POST /api/v1/incidents/{id}/notes), get (GET /api/v1/incidents/{id}) or
--                     declare (POST /api/v1/incidents)
--   BENCH_IDS         a file of incident ids, one per line (note, get): each request takes one at random
--   BENCH_IDEMPOTENT  1: every request carries an Idempotency-Key of its own
--   BENCH_PACE_MS     a pause before each request of a connection (pacing a lighter load), default none
-- When the run ends it prints one tab-separated line on stdout:
--   result  answered  seconds  answered/s  p50_ms  p99_ms  errors
-- where answered counts the 2xx answers, and errors every other answer and every socket error.
local kind = os.getenv("BENCH_KIND") or "note"
local idempotent = os.getenv("BENCH_IDEMPOTENT") == "1"
local pace = tonumber(os.getenv("BENCH_PACE_MS") or "")
local ids = {}
local sent = 0
local run = ""

local threads = {}
function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  if kind ~= "declare" then
    for line in io.lines(os.getenv("BENCH_IDS")) do
      if #line > 0 then ids[#ids + 1] = line end
    end
    assert(#ids > 0, "BENCH_IDS names no incident")
  end
  math.randomseed(os.time() * 1000 + number)
  run = string.format("%d-%d-%d", os.time(), number, math.random(1, 1000000000))
end

local authorization = "Bearer " .. assert(os.getenv("BENCH_TOKEN"), "BENCH_TOKEN names no API token")
local json = { ["Content-Type"] = "application/json", ["Authorization"] = authorization }
local plain = { ["Authorization"] = authorization }

function request()
  sent = sent + 1
  local headers = kind == "get" and plain or json
  if idempotent then
    headers = { ["Content-Type"] = "application/json", ["Authorization"] = authorization,
                ["Idempotency-Key"] = run .. "-" .. sent }
  end
  if kind == "declare" then
    return wrk.format("POST", "/api/v1/incidents", headers, string.format(
      '{"title":"bench %s-%d","severity":"P3","services":["bench"],"drill":true}', run, sent))
  end
  local id = ids[math.random(#ids)]
  if kind == "get" then
    return wrk.format("GET", "/api/v1/incidents/" .. id, headers)
  end
  return wrk.format("POST", "/api/v1/incidents/" .. id .. "/notes", headers,
    '{"text":"a note of moderate length, as a responder writes during an incident"}')
end

if pace then
  function delay()
    return pace
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  local answered = summary.requests - summary.errors.status
  io.write(string.format("result\t%d\t%.2f\t%.1f\t%.2f\t%.2f\t%d\n", answered, seconds,
    answered / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
