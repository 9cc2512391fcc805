"""The background worker: django-tasks-db's queue runner plus periodic jobs and crash recovery.

One process does three things:
- runs queued tasks (django_tasks_db's Worker, all queues);
- runs periodic jobs (core's own, and those each app declares in its platform.py) in a
  scheduler thread, each at most once per interval across every worker sharing the database;
- keeps a heartbeat, and puts back on the queue any task a dead worker had claimed.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from ayni.core import registry
from ayni.core.models import PeriodicRun, WorkerHeartbeat
from ayni.core.registry import PeriodicJob

logger = logging.getLogger("ayni.worker")

HEARTBEAT_SECONDS = 5

# Core's own jobs; each app declares its own in its platform.py.
CORE_JOBS = (
    PeriodicJob("core.prune_retried_attempts", "ayni.core.tasks.prune_retried_attempts", 60),
)


def periodic_jobs() -> list[PeriodicJob]:
    return [*CORE_JOBS, *registry.periodic_jobs()]


def stale_seconds() -> int:
    """A worker silent for this long is taken for dead (settings.WORKER_STALE_SECONDS)."""
    return int(getattr(settings, "WORKER_STALE_SECONDS", 30))


def beat(worker_id: str, started_at) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now, "hostname": socket.gethostname()[:200], "pid": os.getpid()},
        create_defaults={
            "seen_at": now,
            "started_at": started_at,
            "hostname": socket.gethostname()[:200],
            "pid": os.getpid(),
        },
    )


def oldest_live_worker_start() -> datetime | None:
    """When the longest-running live worker started (None if no worker is beating).

    Work claimed before this moment was claimed by a worker that has died since, so it
    can be taken over without waiting for the claim to time out.
    """
    cutoff = timezone.now() - timedelta(seconds=stale_seconds())
    starts = WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list(
        "started_at", flat=True
    )
    return min(starts, default=None)


def requeue_orphaned_tasks(*, stale_after: int | None = None) -> int:
    """Tasks left RUNNING by a worker that stopped beating go back to READY (tasks are idempotent)."""
    stale_after = stale_seconds() if stale_after is None else stale_after
    cutoff = timezone.now() - timedelta(seconds=stale_after)
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    orphaned = [
        task.id
        for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "id", "worker_ids"
        )
        if not task.worker_ids or task.worker_ids[-1] not in alive
    ]
    if orphaned:
        DBTaskResult.objects.filter(id__in=orphaned, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Requeued %d task(s) left running by a dead worker", len(orphaned))
    WorkerHeartbeat.objects.filter(seen_at__lt=cutoff - timedelta(hours=1)).delete()
    return len(orphaned)


def due_periodic_jobs(jobs: list[PeriodicJob], now: datetime) -> list[PeriodicJob]:
    """The jobs whose interval has passed since their last run by any worker: one read, no
    lock. The scheduler asks twice a second; taking a write lock per job each time (SQLite has
    one for the whole database) kept the web server's writes waiting on jobs not due."""
    last = dict(
        PeriodicRun.objects.filter(name__in=[job.name for job in jobs]).values_list(
            "name", "last_run_at"
        )
    )
    return [
        job
        for job in jobs
        if last.get(job.name) is None or (now - last[job.name]).total_seconds() >= job.seconds()  # type: ignore[operator]
    ]


def claim_periodic_run(name: str, interval: float) -> bool:
    """True if this worker should run `name` now; records the run so others skip it. One
    conditional UPDATE: of two workers claiming at once, one changes the row, the other none."""
    now = timezone.now()
    PeriodicRun.objects.get_or_create(name=name)
    not_since = Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - timedelta(seconds=interval))
    return PeriodicRun.objects.filter(not_since, name=name).update(last_run_at=now) == 1


def run_periodic_jobs(*, force: bool = False) -> list[str]:
    """Run every periodic job that is due (every one, with `force`); returns the names that
    ran."""
    ran = []
    jobs = periodic_jobs()
    for job in jobs if force else due_periodic_jobs(jobs, timezone.now()):
        name = job.name
        if not force and not claim_periodic_run(name, job.seconds()):
            continue
        try:
            import_string(job.task)()
            error = ""
        except Exception as exc:  # a failing job must not stop the others
            logger.exception("Periodic job %s failed", name)
            error = repr(exc)[:2000]
        PeriodicRun.objects.update_or_create(
            name=name,
            defaults={"last_error": error},
            create_defaults={"last_error": error, "last_run_at": timezone.now()},
        )
        ran.append(name)
    return ran


class Scheduler(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="ayni-scheduler", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def run(self) -> None:
        last_beat = 0.0
        while not self.stopping.is_set():
            try:
                close_old_connections()
                if time.monotonic() - last_beat >= HEARTBEAT_SECONDS:
                    beat(self.worker_id, self.started_at)
                    requeue_orphaned_tasks()
                    last_beat = time.monotonic()
                run_periodic_jobs()
            except Exception:
                logger.exception("Scheduler loop failed; retrying")
            self.stopping.wait(0.5)
        connection.close()


def run_worker(*, interval: float = 0.2, with_scheduler: bool = True) -> None:
    if settings.WORKER_NICE:
        # On a machine shared with the web server, pages and signing come first under a
        # surge; the email backlog drains as soon as there is CPU to spare.
        os.nice(min(settings.WORKER_NICE, 19))
    worker_id = get_random_string(32)
    started_at = timezone.now()
    beat(worker_id, started_at)
    requeue_orphaned_tasks()
    scheduler = Scheduler(worker_id) if with_scheduler else None
    if scheduler:
        scheduler.start()
    worker = Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    logger.info("ayni worker %s started (pid %d)", worker_id, os.getpid())
    try:
        worker.run()
    finally:
        if scheduler:
            scheduler.stopping.set()
        WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def run_pending_tasks(max_tasks: int = 10_000) -> int:
    """Run what is on the queue now, in this process (tests and the `run_tasks` command).

    Uses the real worker's claim and run steps, without its connection recycling, so it
    also works inside a test's transaction. Runs the periodic jobs that feed the queue
    whenever it is empty, so work waiting in rows (signature emails) is done too.
    """
    worker_id = get_random_string(32)
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    feeders = [import_string(job.task) for job in periodic_jobs() if job.feeds_queue]
    ran = 0
    while ran < max_tasks:
        task = DBTaskResult.objects.ready().first()
        if task is None:
            # Rows waiting for work become tasks through the feeders (the periodic jobs that
            # do it in a running worker); once they have nothing more to queue, all is done.
            for feeder in feeders:
                feeder()
            task = DBTaskResult.objects.ready().first()
        if task is None:
            break
        task.claim(worker_id)
        worker.run_task(task)
        ran += 1
    return ran
