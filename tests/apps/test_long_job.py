"""Long job: real hashing in the background, milestones, cancel, one job at a time, persistence, SSE."""

import asyncio
import hashlib
import re
import time

import pytest
from fasthtml.common import to_xml

from tests.chat.test_narration import HoldingApp
from whittle.apps.long_job import SEED, LongJobSettingError, _duration, size_from_env
from whittle.core import Whittle
from whittle.jobs import JobBusy


@pytest.fixture
def app(whittle):
    return whittle.apps["long-job"]


def _said(whittle) -> list[str]:
    """What the Long job said in the chat (verbatim, no model)."""
    return [m.content for m in whittle.chat.store.visible() if m.source == "app:long-job"]


def _expected_sha256(megabytes: int) -> str:
    # Written out independently of the app: SHAKE-256(seed || big-endian chunk number), 1 MiB per chunk.
    digest = hashlib.sha256()
    for index in range(megabytes):
        digest.update(hashlib.shake_256(SEED + index.to_bytes(8, "big")).digest(1 << 20))
    return digest.hexdigest()


def _start_locked(html: str) -> bool:
    """Is the Start button disabled and showing Pico's spinner? Both or neither, never half."""
    button = re.search(r'<button[^>]*id="long-job-start"[^>]*>', html).group(0)
    disabled, busy = bool(re.search(r" disabled[ >]", button)), 'aria-busy="true"' in button
    assert disabled == busy, button
    return disabled


async def _until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.005)


async def test_runs_to_100_with_the_right_checksum_and_each_milestone_once(whittle, app):
    app.size_mb = 24
    seen: list[int] = []

    async def watch():
        version = -1
        while True:
            version = await app.runner.wait_for_change(version, timeout=5)
            seen.append(app.runner.state().percent)
            if not app.runner.state().running:
                return

    watcher = asyncio.create_task(watch())
    app.start_job()
    state = await app.runner.wait()
    await watcher
    await app.narrations_finished()

    assert state.status == "done" and state.percent == 100 and state.done == 24
    assert state.result == {"sha256": _expected_sha256(24), "megabytes": 24}
    assert len(set(seen)) >= 10, f"progress must be visible while the job runs, saw {sorted(set(seen))}"
    assert seen == sorted(seen)
    assert state.milestones == (25, 50, 75, 100)
    # Said as facts, in order, once each; a mark the job had passed when its turn came is dropped.
    said = _said(whittle)
    assert said[-1] == f"Long job is done: 24 MB hashed in {_duration(state.elapsed())}. SHA-256 {state.result['sha256'][:16]}…"
    progress = [int(re.match(r"Long job: (\d+)% done — (\d+) of 24 MB hashed in ", line).group(1)) for line in said[:-1]]
    assert progress == sorted(set(progress)) and all(25 <= p < 100 for p in progress), said
    assert len(said) == len(set(said))
    assert not any(m.source == "model" for m in whittle.chat.store.history()), "narration holds no model"


async def test_a_job_that_ends_during_the_users_turn_says_only_its_end_after_it(whittle, app):
    """The user's question first; the 25/50/75% lines went stale meanwhile and are dropped."""
    app.size_mb = 24
    holder = HoldingApp(whittle.chat)
    turn = asyncio.create_task(whittle.chat.user_message("is it done yet?", holder))
    await asyncio.wait_for(holder.holding.wait(), 5)
    app.start_job()
    state = await app.runner.wait()
    assert state.status == "done" and _said(whittle) == []

    holder.released.set()
    await turn
    await app.narrations_finished()
    visible = [(m.source, m.content) for m in whittle.chat.store.visible()]
    assert [source for source, _ in visible] == ["user", "app:test-job-answers", "app:long-job"]
    assert visible[-1][1].startswith("Long job is done: 24 MB hashed in ")


async def test_state_facts_and_a_training_prompt_that_does_not_ask_the_model_to_narrate(app):
    assert app.state_facts() == ["Long job: no job has run yet."]
    app.size_mb = 5000
    app.start_job()
    await _until(lambda: app.runner.state().done >= 1)
    assert re.fullmatch(r"Long job: running, \d+% done; [\d,]+ of 5,000 MB hashed in .*\.", app.state_facts()[0])
    await app.cancel_job()
    assert app.state_facts()[0].startswith("Long job: the last job was cancelled at ")
    assert "tell the user" not in app.training_prompt.lower()


async def test_cancel_stops_promptly_and_is_recorded(whittle, app):
    app.size_mb = 5000
    app.start_job()
    await _until(lambda: app.runner.state().done >= 3)

    began = time.perf_counter()
    state = await app.cancel_job()
    latency = time.perf_counter() - began

    assert state.status == "cancelled" and 3 <= state.done < state.total
    assert latency < 0.25, f"cancel took {latency * 1000:.0f} ms"
    assert not app.runner.running()
    await asyncio.sleep(0.1)
    assert app.runner.state().done == state.done, "no progress after cancel"
    assert app.runner.store.get(state.id).status == "cancelled"
    await app.narrations_finished()
    ended = [line for line in _said(whittle) if "cancelled" in line]
    assert ended == [f"Long job was cancelled at {state.percent}%: {state.done:,.0f} of 5,000 MB hashed in {_duration(state.elapsed())}."]
    assert await app.cancel_job() is None


async def test_a_second_start_is_refused_while_one_runs(app):
    app.size_mb = 5000
    first = app.start_job()
    with pytest.raises(JobBusy, match="already running.*cancel it first"):
        app.start_job()
    assert app.runner.state().id == first.id
    await app.cancel_job()
    second = app.start_job()  # allowed again once the first has ended
    assert second.id == first.id + 1
    await app.cancel_job()


async def test_progress_is_persisted_and_a_restart_shows_it_interrupted(whittle, settings, model, app):
    app.size_mb = 5000
    job = app.start_job()
    await _until(lambda: app.runner.store.get(job.id).done > 0)
    stored = app.runner.store.get(job.id)
    assert stored.status == "running" and stored.total == 5000

    # A second process on the same data (the server restarted after a crash) sees the last known state.
    restarted = Whittle(settings, model=model)
    try:
        state = restarted.apps["long-job"].runner.state()
        assert state.id == job.id and state.status == "interrupted" and state.done >= stored.done
        html = str(restarted.apps["long-job"].render())
        assert f"Interrupted at {state.percent}%" in html
        assert "sse-connect" not in html, "nothing to stream for a job that no longer runs"
    finally:
        restarted.close()
    await app.cancel_job()


def test_http_start_refuse_cancel_and_the_sse_stream(client, whittle, app):
    app.size_mb = 5000
    page = client.get("/app/long-job").text
    assert "No job has run yet." in page and not _start_locked(page)

    running = client.post("/app/long-job/start").text
    assert 'sse-connect="/app/long-job/events"' in running
    assert _start_locked(running)

    refused = client.post("/app/long-job/start").text
    assert "already running" in refused and 'role="alert"' in refused
    assert whittle.db.query_one("SELECT COUNT(*) FROM jobs")[0] == 1

    tabs = whittle.chat.subscribe()
    cancelled = client.post("/app/long-job/cancel").text
    assert "Cancelled in" in cancelled and 'data-status="cancelled"' in cancelled
    pushed = " ".join(to_xml(e.component) for e in tabs.drain() if hasattr(e, "component"))
    assert "Cancelled in" in pushed and 'data-status="cancelled"' in pushed, "also sent to every tab's socket"
    assert not _start_locked(cancelled)
    assert "sse-connect" not in cancelled
    assert "nothing to cancel" in client.post("/app/long-job/cancel").text

    app.size_mb = 200  # long enough (~1-2 s) for several progress events on a fast machine too
    client.post("/app/long-job/start")
    streams = [client.get("/app/long-job/events").text]  # each ends with a panel: the job's end, or a fresh stream
    while 'data-status="running"' in streams[-1].split("event: panel")[1] and len(streams) < 10:
        streams.append(client.get("/app/long-job/events").text)
    assert sum(stream.count("event: progress") for stream in streams) >= 2
    final = streams[-1].split("event: panel")[1]
    assert 'data-status="done"' in final and "SHA-256:" in final and "aria-busy" not in final
    assert "sse-connect" not in final, "the last panel closes the stream for good"
    assert client.get("/app/long-job/status").json()["percent"] == 100


def test_size_setting_errors_tell_the_fix(monkeypatch):
    monkeypatch.delenv("WHITTLE_LONG_JOB_MB", raising=False)
    assert size_from_env() == 1536
    monkeypatch.setenv("WHITTLE_LONG_JOB_MB", "120")
    assert size_from_env() == 120
    for bad in ("lots", "0", "-5", "2.5"):
        monkeypatch.setenv("WHITTLE_LONG_JOB_MB", bad)
        with pytest.raises(LongJobSettingError, match="Fix: set it to a whole number"):
            size_from_env()
