-- wrk script: 50 clients save one answer and read the section summary back, over and over.
-- Each request saves on one of FILES files (round robin), with the version the server last
-- gave for that file (ETag); the next request on that file reads the section page back.
-- Run by bench/run.sh, which sets COOKIE and CSRF.
local files = tonumber(os.getenv("FILES") or "50")
local cookie = os.getenv("COOKIE")
local csrf = os.getenv("CSRF")
local versions = {}
local counter = 0
local statuses = {}

function init(args)
  for i = 1, files do
    versions[i] = os.getenv("VERSION_" .. i)
  end
end

function request()
  counter = counter + 1
  local i = (math.floor(counter / 2) % files) + 1
  local path = "/a/load-" .. i .. ".yaml/s/claims"
  local headers = { ["Cookie"] = cookie }
  if counter % 2 == 1 then
    return wrk.format("GET", path, headers)
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "csrf=" .. csrf .. "&version=" .. (versions[i] or "") ..
    "&q=claims.data_age&claims.data_age%3Avalue=" .. (counter % 600) ..
    "&claims.data_age%3Acomment=load+" .. counter
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  -- Header names arrive as the server wrote them: lower case (HTTP/1.1 from hyper).
  local location = headers["content-location"] or headers["Content-Location"]
  local etag = headers["etag"] or headers["ETag"]
  if location and etag then
    local i = tonumber(string.match(location, "/a/load%-(%d+)%.yaml"))
    if i then versions[i] = string.sub(etag, 2, -2) end
  end
end

function done(summary, latency, requests)
  local codes = {}
  for status, count in pairs(statuses) do codes[#codes + 1] = status .. ": " .. count end
  table.sort(codes)
  io.write("responses by status: " .. table.concat(codes, ", ") .. "\n")
  local p = function(q) return latency:percentile(q) / 1000 end
  io.write(string.format("median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f requests/s\n",
    p(50), p(90), p(99), latency.max / 1000, summary.requests / (summary.duration / 1e6)))
end
