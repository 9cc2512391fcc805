"""gunicorn settings for `make run` and production (override with GUNICORN_* env vars).

Chosen by measurement on a 2-core machine (docs/performance.md, `make bench`):
- threads=1: a Django request is CPU-bound Python; a second thread in the same process only
  fights the first for the GIL, and that costs up to half the throughput. Processes scale.
- workers = cores + 1: one more than the cores so a worker waiting on SQLite's write lock or
  the network does not leave a core idle.
- gthread (not sync) even with one thread: it keeps connections alive (sync closes every one),
  and a long response such as the CSV export does not trip the worker timeout.
- reuse_port: each worker listens on its own socket and the kernel spreads new connections
  over them. With one shared socket, the first worker to wake takes every connection a
  client (a proxy, a load generator) opens at once, and keeps them: measured, one worker at
  100% of a core and the others idle, half the throughput.
- no max_requests: with reuse_port a restarting worker's socket closes with connections
  still queued on it, and those are reset (measured: thousands of failed requests at 3,000
  requests/s with a restart every 5,000 requests; none without restarts). A restart also
  costs a second of CPU to boot Django. Set GUNICORN_MAX_REQUESTS (and consider
  GUNICORN_REUSE_PORT=0) if a worker ever needs recycling.
"""

import multiprocessing
import sys

from ayni.core.env import ConfigError, env_bool, env_int, env_str

try:
    PORT = env_int("PORT", 8000, minimum=1, maximum=65535)
    bind = env_str("GUNICORN_BIND", f"127.0.0.1:{PORT}")
    workers = env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1, minimum=1)
    worker_class = env_str("GUNICORN_WORKER_CLASS", "gthread")
    threads = env_int("GUNICORN_THREADS", 1, minimum=1)
    reuse_port = env_bool("GUNICORN_REUSE_PORT", True)
    max_requests = env_int("GUNICORN_MAX_REQUESTS", 0, minimum=0)
    # One line per request on stdout ("-"); a file path writes there, "off" writes none.
    _accesslog = env_str("GUNICORN_ACCESSLOG", "-")
    loglevel = env_str("GUNICORN_LOGLEVEL", "info")
    forwarded_allow_ips = env_str("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
except ConfigError as error:
    sys.exit(f"ayni configuration error: {error}")

accesslog = None if _accesslog in ("", "off") else _accesslog
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
errorlog = "-"
keepalive = 5
timeout = 30
graceful_timeout = 10
max_requests_jitter = max_requests // 10


def when_ready(server) -> None:
    """Say where the site really is: the address of each socket gunicorn listens on."""
    for listener in server.LISTENERS:
        server.log.info("ayni is listening on %s/", listener)


def post_fork(server, worker) -> None:
    # With reuse_port each worker opens its own socket after the fork (gunicorn's own
    # "Listening at:" line is then empty), so each says where it listens.
    if not server.LISTENERS:
        for listener in worker.sockets:
            server.log.info("ayni is listening on %s/ (worker %s)", listener, worker.pid)
