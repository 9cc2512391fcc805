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
import os


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes")


bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() + 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
reuse_port = _flag("GUNICORN_REUSE_PORT", True)
keepalive = 5
timeout = 30
graceful_timeout = 10
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 0)
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
