"""Crash recovery in the worker: heartbeats, orphaned tasks, periodic jobs run once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ayni.core import registry
from ayni.core.models import PeriodicRun, WorkerHeartbeat
from ayni.core.registry import Contribution, PeriodicJob, Registered
from ayni.core.worker import (
    beat,
    claim_periodic_run,
    due_periodic_jobs,
    oldest_live_worker_start,
    periodic_jobs,
    requeue_orphaned_tasks,
    run_pending_tasks,
    run_periodic_jobs,
    stale_seconds,
)

pytestmark = pytest.mark.django_db

CALLS: list[str] = []


@task()
def task_sample(n: int) -> int:
    CALLS.append(f"task {n}")
    return n


def feed_the_queue() -> None:
    """A test app's feeder: turns its waiting row (here, one) into a task, once."""
    CALLS.append("feed")
    if CALLS.count("feed") == 1:
        task_sample.enqueue(7)


def tick() -> None:
    CALLS.append("tick")


def broken() -> None:
    raise RuntimeError("job failed")


@pytest.fixture
def test_app_jobs(monkeypatch):
    """A registered app declaring three periodic jobs, one of which feeds the queue."""
    contribution = Contribution(
        periodic_jobs=(
            PeriodicJob("testapp.feed", f"{__name__}.feed_the_queue", 60, feeds_queue=True),
            PeriodicJob("testapp.tick", f"{__name__}.tick", "TEST_TICK_INTERVAL"),
            PeriodicJob("testapp.broken", f"{__name__}.broken", 60),
        )
    )
    monkeypatch.setattr(registry, "registered", lambda: (Registered("testapp", contribution),))
    CALLS.clear()
    yield
    CALLS.clear()


def heartbeat(worker_id: str, *, seen_ago: float, started_ago: float = 3600) -> WorkerHeartbeat:
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        seen_at=now - timedelta(seconds=seen_ago),
        started_at=now - timedelta(seconds=started_ago),
    )


def running_task(worker_id: str | None) -> DBTaskResult:
    task = DBTaskResult.objects.get(id=task_sample.enqueue(1).id)
    if worker_id:
        task.claim(worker_id)
    else:
        DBTaskResult.objects.filter(id=task.id).update(status=TaskResultStatus.RUNNING)
    return DBTaskResult.objects.get(id=task.id)


def test_running_task_of_a_dead_worker_goes_back_to_ready():
    heartbeat("dead", seen_ago=120)
    heartbeat("alive", seen_ago=1)
    orphan = running_task("dead")
    busy = running_task("alive")
    never_claimed = running_task(None)

    requeued = requeue_orphaned_tasks()

    assert requeued == 2
    orphan.refresh_from_db()
    busy.refresh_from_db()
    never_claimed.refresh_from_db()
    assert orphan.status == TaskResultStatus.READY and orphan.started_at is None
    assert never_claimed.status == TaskResultStatus.READY
    assert busy.status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.ready().count() == 2  # ready to run now, not later


def test_task_of_a_worker_with_no_heartbeat_at_all_is_orphaned():
    task = running_task("vanished")

    assert requeue_orphaned_tasks() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_a_recent_heartbeat_keeps_the_task_running():
    heartbeat("slow", seen_ago=stale_seconds() - 5)
    task = running_task("slow")

    assert requeue_orphaned_tasks() == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_stale_threshold_comes_from_settings(settings):
    settings.WORKER_STALE_SECONDS = 10
    heartbeat("quiet", seen_ago=15)
    task = running_task("quiet")

    assert stale_seconds() == 10
    assert requeue_orphaned_tasks() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_finished_tasks_are_never_requeued():
    task = running_task("dead")
    DBTaskResult.objects.filter(id=task.id).update(status=TaskResultStatus.SUCCESSFUL)

    assert requeue_orphaned_tasks() == 0


def test_heartbeats_long_dead_are_cleaned_up():
    heartbeat("ancient", seen_ago=3 * 3600)
    heartbeat("recent-dead", seen_ago=120)

    requeue_orphaned_tasks()

    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"recent-dead"}


def test_beat_creates_then_refreshes_one_row():
    started = timezone.now() - timedelta(minutes=5)
    beat("w1", started)
    first = WorkerHeartbeat.objects.get().seen_at
    beat("w1", started)

    row = WorkerHeartbeat.objects.get()
    assert row.started_at == started
    assert row.seen_at >= first
    assert row.pid > 0


def test_oldest_live_worker_start_ignores_dead_workers():
    assert oldest_live_worker_start() is None
    heartbeat("dead", seen_ago=300, started_ago=7200)
    young = heartbeat("young", seen_ago=1, started_ago=60)
    heartbeat("old", seen_ago=2, started_ago=600)

    assert oldest_live_worker_start() < young.started_at
    WorkerHeartbeat.objects.filter(worker_id="old").delete()
    assert oldest_live_worker_start() == young.started_at


def test_periodic_run_is_claimed_once_per_interval():
    assert claim_periodic_run("job", 60) is True
    assert claim_periodic_run("job", 60) is False
    PeriodicRun.objects.filter(name="job").update(
        last_run_at=timezone.now() - timedelta(seconds=61)
    )
    assert claim_periodic_run("job", 60) is True


def test_a_periodic_run_claimed_by_another_worker_meanwhile_is_not_claimed_again():
    PeriodicRun.objects.create(name="job", last_run_at=timezone.now() - timedelta(seconds=61))
    # Another worker claims it between this one's read and its claim.
    PeriodicRun.objects.filter(name="job").update(last_run_at=timezone.now())

    assert claim_periodic_run("job", 60) is False


def test_the_scheduler_reads_once_and_writes_nothing_when_no_job_is_due(
    test_app_jobs, settings, django_assert_num_queries
):
    settings.TEST_TICK_INTERVAL = 3600
    run_periodic_jobs()

    # Twice a second, every worker: one read of the runs, no lock taken, nothing written.
    with django_assert_num_queries(1):
        assert run_periodic_jobs() == []


def test_due_periodic_jobs_are_those_whose_interval_has_passed(test_app_jobs, settings):
    settings.TEST_TICK_INTERVAL = 3600
    now = timezone.now()
    jobs = {job.name: job for job in periodic_jobs()}
    PeriodicRun.objects.create(name="testapp.tick", last_run_at=now - timedelta(seconds=3599))
    PeriodicRun.objects.create(name="testapp.feed", last_run_at=now - timedelta(hours=2))

    due = due_periodic_jobs(list(jobs.values()), now)

    # Never run (core's, broken) or run longer ago than their interval (feed); not tick.
    assert [job.name for job in due] == [
        "core.prune_retried_attempts",
        "testapp.feed",
        "testapp.broken",
    ]


def test_periodic_jobs_are_cores_own_then_each_apps(test_app_jobs):
    assert [job.name for job in periodic_jobs()] == [
        "core.prune_retried_attempts",
        "testapp.feed",
        "testapp.tick",
        "testapp.broken",
    ]


def test_due_jobs_run_once_per_interval_and_a_failure_is_recorded(test_app_jobs, settings):
    settings.TEST_TICK_INTERVAL = 3600

    first = run_periodic_jobs()
    second = run_periodic_jobs()

    assert first == [
        "core.prune_retried_attempts",
        "testapp.feed",
        "testapp.tick",
        "testapp.broken",
    ]
    assert second == []
    assert CALLS == ["feed", "tick"]
    assert PeriodicRun.objects.get(name="testapp.tick").last_error == ""
    assert PeriodicRun.objects.get(name="testapp.broken").last_error == (
        "RuntimeError('job failed')"
    )
    assert run_periodic_jobs(force=True) == first


def test_run_pending_tasks_runs_the_jobs_that_feed_the_queue(test_app_jobs):
    ran = run_pending_tasks()

    assert ran == 1
    assert CALLS == ["feed", "task 7", "feed"]  # fed, ran, nothing more to feed
