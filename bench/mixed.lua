-- The mixed workload for wrk: each request is the next line of a file of
-- "path<TAB>cookie" lines (bench/workload.py writes them), with that Cookie header
-- (none when the cookie is empty).
--
--   wrk -t2 -c4 -d5s -s bench/mixed.lua http://127.0.0.1:8000 -- FILE OFFSET THREADS
--
-- Thread i (0-based) takes lines OFFSET + i, OFFSET + i + THREADS, ... so the threads
-- together walk the file in order from OFFSET, wrapping at its end; bench/run.py passes
-- the number of requests already made from the file, so a new run goes on where the last
-- one stopped instead of asking again for pages the page cache holds. Responses other
-- than 200 are counted; done() prints "mixed: <n> non-200 (first status <s>)".

local threads = {}
local count = 0

function setup(thread)
  thread:set("index", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  local file, offset, stride = args[1], tonumber(args[2]) or 0, tonumber(args[3]) or 1
  requests = {}
  for line in io.lines(file) do
    local path, cookie = line:match("^([^\t]*)\t?(.*)$")
    local headers = {}
    if cookie ~= "" then
      headers["Cookie"] = cookie
    end
    requests[#requests + 1] = wrk.format("GET", path, headers)
  end
  position = offset + index
  step = stride
  bad = 0
  first_status = 0
end

function request()
  local i = position % #requests + 1
  position = position + step
  return requests[i]
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if first_status == 0 then
      first_status = status
    end
  end
end

function done(summary, latency, requests)
  local total, first = 0, 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("bad") or 0)
    if first == 0 then
      first = thread:get("first_status") or 0
    end
  end
  io.write(string.format("mixed: %d non-200 (first status %d)\n", total, first))
end
