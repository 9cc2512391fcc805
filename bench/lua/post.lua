-- A bodiless POST (the bare insert view is CSRF-exempt).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "x=1"
