"""`report.pool`: every job runs, on several processes at once, and a dying worker loses none."""

from __future__ import annotations

import functools
import os

import pytest

from cpo_model.report.pool import Retry, _context, run_pool


def _square(_state, x):
    return x * x


def _pid(state, _job):
    return state


def _die_once(_state, job):
    marker, value = job
    if value == "die" and not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(9)
    return value


def _always_die(_state, job):
    if job == "die":
        os._exit(9)
    return job


def _retry_always(_state, job):
    if job == "flaky":
        raise Retry("the kernel stopped")
    return job


def _fail(_state, job):
    if job == "bad":
        raise ValueError("no such company")
    return job


def test_every_job_once_in_completion_order_or_in_order():
    done = list(run_pool(list(range(20)), _square, workers=3))
    assert sorted(d.index for d in done) == list(range(20))
    assert all(d.value == d.index**2 and d.error is None for d in done)
    ordered = list(run_pool(list(range(5)), _square, workers=2, ordered=True))
    assert [d.value for d in ordered] == [0, 1, 4, 9, 16]


def _keep(barrier):
    return barrier


def _wait_together(barrier, _job):
    barrier.wait(timeout=60)
    return os.getpid()


def test_workers_run_at_the_same_time():
    """Two jobs that each wait for the other can only finish on two processes at once."""
    barrier = _context().Barrier(2)  # handed to each worker as it starts
    done = list(
        run_pool([1, 2], _wait_together, workers=2, start=functools.partial(_keep, barrier))
    )
    assert [d.error for d in done] == [None, None], "a job waited alone: not run at once"
    assert len({d.value for d in done}) == 2, "two different processes"


def test_start_runs_once_per_worker():
    done = list(run_pool(list(range(12)), _pid, workers=2, start=os.getpid))
    assert len({d.value for d in done}) <= 2 and os.getpid() not in {d.value for d in done}


def test_a_worker_that_dies_is_replaced_and_its_job_retried(tmp_path):
    marker = str(tmp_path / "died")
    jobs = [(marker, "a"), (marker, "die"), (marker, "b")]
    done = {d.index: d for d in run_pool(jobs, _die_once, workers=2)}
    assert [done[i].value for i in range(3)] == ["a", "die", "b"]
    assert os.path.exists(marker), "the worker really died once"


def test_a_job_that_always_kills_its_worker_is_marked_after_two_tries():
    done = {d.index: d for d in run_pool(["a", "die", "b", "c"], _always_die, workers=2)}
    assert done[1].error == "the worker stopped (exit code 9) (tried 2 times)"
    assert [done[i].value for i in (0, 2, 3)] == ["a", "b", "c"]


def test_retry_is_tried_once_more_then_marked():
    done = {d.index: d for d in run_pool(["x", "flaky"], _retry_always, workers=1)}
    assert done[0].value == "x" and done[1].error == "the kernel stopped (tried 2 times)"


def test_an_error_in_a_job_is_its_own_and_not_retried():
    done = {d.index: d for d in run_pool(["a", "bad", "b"], _fail, workers=2)}
    assert done[1].error == "ValueError: no such company"
    assert done[0].value == "a" and done[2].value == "b"


@pytest.mark.parametrize("workers", [0, 1, 5])
def test_any_pool_size_finishes(workers):
    assert len(list(run_pool([1, 2, 3], _square, workers=workers))) == 3


def test_no_jobs_no_workers():
    assert list(run_pool([], _square, workers=4)) == []


def test_workers_are_spawned_when_threads_run(monkeypatch, tmp_path):
    """Inside a Jupyter kernel (threads running) forking is unsafe: workers are spawned, and a
    dying one is still replaced."""
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert _context().get_start_method() == "spawn"
    marker = str(tmp_path / "died")
    done = {d.index: d for d in run_pool([(marker, "a"), (marker, "die")], _die_once, 2)}
    assert [done[0].value, done[1].value] == ["a", "die"] and os.path.exists(marker)
