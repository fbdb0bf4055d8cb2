"""JobRunner on its own: keys, progress from threads, failures, cancel, the updates stream, forgetting."""

import asyncio
import threading

import pytest

from whittle.jobs import JobBusy, JobFailed, JobRunner, sse_event


def gated(release: asyncio.Event, steps: int = 2):
    """Work that reports one step, then waits for `release` before each further step."""

    async def work(context):
        for done in range(1, steps + 1):
            context.progress(done, steps)
            if done < steps:
                await release.wait()
        return {"steps": steps}

    return work


async def test_jobs_of_different_keys_run_side_by_side_one_per_key(db):
    ended = []
    runner = JobRunner(db, "batch", milestones=(), on_end=ended.append)
    release = asyncio.Event()
    first = runner.start(gated(release), key="1:work", label="batch step")
    second = runner.start(gated(release), key="2:work", total=5, done=2)
    assert (second.done, second.total) == (2, 5), "a resumed job starts where it was"
    with pytest.raises(JobBusy, match="batch step is already running"):
        runner.start(gated(release), key="1:work")
    assert runner.running("1:work") and runner.running("2:work") and not runner.running("")

    release.set()
    done = await runner.wait("1:work")
    await runner.wait("2:work")
    assert done.id == first.id and done.status == "done" and done.result == {"steps": 2}
    assert sorted(state.key for state in ended) == ["1:work", "2:work"]
    assert runner.store.latest("batch", "1:work") == done


async def test_the_last_progress_detail_is_kept_in_memory_only(db):
    runner = JobRunner(db, "detail", milestones=())
    release = asyncio.Event()
    runner.start(gated(release))
    await asyncio.sleep(0)
    runner.progress(1, 2, detail={"message": "did a"})
    state = runner.state()
    assert state.detail == {"message": "did a"} and runner.store.get(state.id).detail is None
    release.set()
    assert (await runner.wait()).detail is None, "each report replaces it; the work's last report had none"


async def test_a_total_learned_later_and_progress_from_a_worker_thread(db):
    runner = JobRunner(db, "thread", milestones=(50,))
    seen_half = asyncio.Event()
    runner.on_milestone = lambda state, marks: seen_half.set()

    async def work(context):
        def count():
            for done in range(1, 11):
                context.progress(done, 10)

        await asyncio.to_thread(count)
        await seen_half.wait()  # progress crossed from the thread to the loop in order

    state = runner.start(work)
    assert state.total == 0 and state.percent == 0 and state.eta() is None
    final = await runner.wait()
    assert final.status == "done" and final.done == final.total == 10 and final.milestones == (50,)


async def test_failures_say_what_happened(db, caplog):
    runner = JobRunner(db, "failing", milestones=())

    async def refuse(context):
        raise JobFailed("The list is empty; add a name first.")

    async def crash(context):
        raise KeyError("boom")

    runner.start(refuse, key="a")
    runner.start(crash, key="b")
    assert (await runner.wait("a")).error == "The list is empty; add a name first."
    assert (await runner.wait("b")).error == "KeyError: 'boom'"
    logged = [record.message for record in caplog.records]
    assert logged == ["job failing:b failed"], "only the unexpected failure is logged, with its traceback"


async def test_cancel_stops_a_worker_thread_and_reports_nothing_after(db):
    runner = JobRunner(db, "cancel", milestones=())
    stopped = threading.Event()

    async def work(context):
        def spin():
            while not context.stop_requested:
                context.progress(1, 2)
            stopped.set()

        await asyncio.to_thread(spin)

    runner.start(work)
    await asyncio.sleep(0.05)
    state = await runner.cancel()
    assert state.status == "cancelled" and runner.store.get(state.id).status == "cancelled"
    assert stopped.wait(1)
    version = runner.version()
    await asyncio.sleep(0.05)
    assert runner.version() == version, "stragglers from the thread are ignored"
    assert await runner.cancel() is None


async def test_cancel_right_after_start_is_recorded_too(db):
    ended = []
    runner = JobRunner(db, "early", milestones=(), on_end=ended.append)
    started = runner.start(gated(asyncio.Event()))
    state = await runner.cancel()  # the task never ran a line of the work
    assert state.status == "cancelled" and runner.store.get(started.id).status == "cancelled"
    assert [s.status for s in ended] == ["cancelled"]


async def test_cancel_all_stops_every_key_that_runs(db):
    runner = JobRunner(db, "many", milestones=())
    release = asyncio.Event()
    runner.start(gated(release), key="a")
    runner.start(gated(release), key="b")
    runner.start(gated(asyncio.Event()), key="c")
    await asyncio.sleep(0.05)
    await runner.cancel_all()
    assert [runner.state(k).status for k in "abc"] == ["cancelled"] * 3
    assert not any(runner.running(k) for k in "abc")
    await runner.cancel_all()  # nothing runs: nothing to do


async def test_updates_stream_while_it_runs_and_end_with_the_job(db):
    runner = JobRunner(db, "stream", milestones=())
    assert [state async for state in runner.updates("none")] == [], "nothing runs: the stream ends at once"
    release = asyncio.Event()
    runner.start(gated(release, steps=3), key="k")
    updates = runner.updates("k", resend_after=0.05)
    assert [(await anext(updates)).done for _ in range(3)] == [0, 1, 1], "start, change, unchanged sent again"
    release.set()
    rest = [state async for state in updates]
    assert all(state.running for state in rest[:-1]) and rest[-1].status == "done", "then once how it ended"
    assert [state async for state in runner.updates("k")] == [], "a stream opened after the end gets nothing"


async def test_updates_end_after_max_seconds_with_the_job_still_running(db):
    runner = JobRunner(db, "short", milestones=())
    release = asyncio.Event()
    runner.start(gated(release))
    states = [state async for state in runner.updates(resend_after=0.02, max_seconds=0.1)]
    assert states and runner.running()
    await runner.cancel()


async def test_forget_drops_ended_jobs_but_never_a_running_one(db):
    runner = JobRunner(db, "forget", milestones=())
    release = asyncio.Event()
    runner.start(gated(release), key="old")
    await runner.cancel("old")
    runner.start(gated(release), key="live")
    runner.forget("old")
    runner.forget("live")
    assert runner.state("old") is None and runner.store.latest("forget", "old") is None
    assert runner.state("live").running
    await runner.cancel("live")


async def test_a_restart_marks_running_jobs_interrupted(db):
    runner = JobRunner(db, "restart", milestones=())
    release = asyncio.Event()
    started = runner.start(gated(release), key="7:analysis")
    await asyncio.sleep(0)
    again = JobRunner(db, "restart", milestones=())  # a new process on the same database
    state = again.state("7:analysis")
    assert state.id == started.id and state.status == "interrupted" and not again.running("7:analysis")
    assert [s async for s in again.updates("7:analysis")] == []
    await runner.cancel("7:analysis")


def test_sse_events_keep_every_line_and_empty_data():
    assert sse_event("progress", "<p>1\nof 2</p>") == "event: progress\ndata: <p>1\ndata: of 2</p>\n\n"
    assert sse_event("done", "") == "event: done\ndata: \n\n", "a browser drops an event without a data line"
