-- wrk script: the same server's static stylesheet, with the session cookie.
local cookie = os.getenv("COOKIE")
function request()
  return wrk.format("GET", "/static/app.css", { ["Cookie"] = cookie })
end
function done(summary, latency, requests)
  local p = function(q) return latency:percentile(q) / 1000 end
  io.write(string.format("median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f requests/s\n",
    p(50), p(90), p(99), latency.max / 1000, summary.requests / (summary.duration / 1e6)))
end
