"""Narration: milestones said verbatim, after the user's turns, in order, stale ones dropped, never twice.

The hub is the real one. A user's turn is held open by a real listening app that answers the
message itself once released, so "the chat is busy" is exact and needs no model; one test runs
the real model's answer instead.
"""

import asyncio

import pytest

from whittle.chat.narration import FINAL, Milestone, Narrator, one_line

SOURCE = "app:test-job"


class HoldingApp:
    """An open app that keeps the user's turn until `release`, then answers it itself."""

    name = "test-job"

    def __init__(self, hub):
        self.hub = hub
        self.released = asyncio.Event()
        self.holding = asyncio.Event()

    async def on_user_message(self, message) -> bool:
        self.holding.set()
        await self.released.wait()
        await self.hub.say(f"(answer to {message.content!r})", source="app:test-job-answers")
        return True


@pytest.fixture
def hub(whittle):
    return whittle.chat


@pytest.fixture
def narrator(hub):
    return Narrator(hub, SOURCE)


def said(hub) -> list[str]:
    return [m.content for m in hub.store.visible() if m.source == SOURCE]


def fixed(text):
    return lambda: text


async def hold_a_turn(hub, text="how long is left?"):
    app = HoldingApp(hub)
    turn = asyncio.create_task(hub.user_message(text, app))
    await asyncio.wait_for(app.holding.wait(), 5)
    assert hub.busy
    return app, turn


async def test_said_at_once_and_verbatim_when_the_chat_is_idle(hub, narrator):
    narrator.post(Milestone(1, 25, fixed("Job: 25% done — 6 of 24 MB in 0.4 s, about 1.2 s left.")))
    await narrator.settled()
    assert said(hub) == ["Job: 25% done — 6 of 24 MB in 0.4 s, about 1.2 s left."]
    assert not hub.generating and not any(m.source == "model" for m in hub.store.history()), "no model call"


async def test_the_users_turn_goes_first_and_a_newer_milestone_replaces_an_unsaid_one(hub, narrator):
    app, turn = await hold_a_turn(hub)
    narrator.post(Milestone(1, 25, fixed("Job: 25% done.")))
    narrator.post(Milestone(1, 50, fixed("Job: 50% done.")))
    await asyncio.sleep(0.1)
    assert said(hub) == [], "nothing is said while the user's turn is open"
    assert narrator.pending == 1

    app.released.set()
    await turn
    await narrator.settled()
    visible = [(m.source, m.content) for m in hub.store.visible()]
    assert visible == [
        ("user", "how long is left?"),
        ("app:test-job-answers", "(answer to 'how long is left?')"),
        (SOURCE, "Job: 50% done."),
    ]


async def test_a_milestone_stale_when_its_turn_comes_is_dropped_and_the_end_is_said_once(hub, narrator):
    job = {"running": True}
    app, turn = await hold_a_turn(hub)
    narrator.post(Milestone(7, 75, lambda: "Job: 75% done." if job["running"] else None))
    job["running"] = False  # the job ends while the user's turn is open
    app.released.set()
    await turn
    await narrator.settled()
    assert said(hub) == []

    narrator.post(Milestone(7, FINAL, fixed("Job is done in 2.0 s.")))
    narrator.post(Milestone(7, FINAL, fixed("Job is done in 2.0 s.")))
    await narrator.settled()
    assert said(hub) == ["Job is done in 2.0 s."]


async def test_the_end_replaces_a_waiting_milestone_of_the_same_job(hub, narrator):
    app, turn = await hold_a_turn(hub)
    narrator.post(Milestone(3, 25, fixed("Job: 25% done.")))
    narrator.post(Milestone(3, FINAL, fixed("Job was cancelled at 31%.")))
    narrator.post(Milestone(3, 50, fixed("Job: 50% done.")))  # a straggler after the end: older, ignored
    app.released.set()
    await turn
    await narrator.settled()
    assert said(hub) == ["Job was cancelled at 31%."]


async def test_in_order_within_a_job_and_each_text_once_per_job(hub, narrator):
    narrator.post(Milestone(1, 50, fixed("Job: 50% done.")))
    await narrator.settled()
    narrator.post(Milestone(1, 25, fixed("Job: 25% done.")))  # late and out of order
    narrator.post(Milestone(1, FINAL, fixed("Job: 50% done.")))  # the same job, the same words: not said twice
    await narrator.settled()
    narrator.post(Milestone(2, FINAL, fixed("Job: 50% done.")))  # a rerun with the same figures: said again
    narrator.post(Milestone(3, 25, fixed("Third job: 25% done.")))
    await narrator.settled()
    assert said(hub) == ["Job: 50% done.", "Job: 50% done.", "Third job: 25% done."]


async def test_a_queued_user_message_also_goes_before_narration(hub, narrator):
    app, turn = await hold_a_turn(hub, "first question")
    queued = await hub.user_message("second question", app)
    assert queued.status == "queued"
    narrator.post(Milestone(1, 25, fixed("Job: 25% done.")))
    app.released.set()
    await turn
    await narrator.settled()
    await asyncio.wait_for(_idle(hub), 5)
    visible = [m.content for m in hub.store.visible()]
    assert visible.index("Job: 25% done.") == len(visible) - 1, visible
    assert visible.count("(answer to 'second question')") == 1


async def test_a_broken_template_costs_only_its_own_message(hub, narrator):
    narrator.post(Milestone(1, 25, lambda: 1 / 0))
    await narrator.settled()
    narrator.post(Milestone(1, 50, fixed("Job: 50% done.")))
    await narrator.settled()
    assert said(hub) == ["Job: 50% done."]


async def test_narration_waits_for_the_models_answer_to_the_user(hub, narrator):
    """The real model answers; a milestone posted meanwhile is said after that answer, not inside it."""
    turn = asyncio.create_task(hub.user_message("Say hello."))
    await asyncio.sleep(0)
    await turn
    assert hub.busy
    narrator.post(Milestone(1, 25, fixed("Job: 25% done.")))
    await narrator.settled()
    visible = hub.store.visible()
    assert [m.source for m in visible] == ["user", "model", SOURCE]
    assert visible[1].status == "done", "the answer had finished before the narration was said"


async def _idle(hub):
    await hub.wait_until_idle()


# -- the optional model flourish ---------------------------------------------------
CHEER = "React to the news you just gave in one short, friendly sentence. Give no numbers."
DONE = "Job is done: 60 MB hashed in 0.4 s."


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # What the bundled SmolLM2 wrote for the Long job's end, read and labelled by hand: all junk.
        ("This is a short, friendly sentence.", None),
        ("The news you just gave (Long job finished): 61 MB hashed in 0.1 s. SHA", None),
        ("Long job is done: 60 MB hashed in 0.0 s. SHA-256 f", None),
        ("The news you just gave: 64 MB hashed in 0.4 s. SHA-256", None),
        ("", None),
        ("Great!", None),
        ("Great news: the job finished smoothly.\nAnything else?", "Great news: the job finished smoothly."),
        ("Nice work, that's finished now.", "Nice work, that's finished now."),
    ],
)
def test_a_flourish_is_kept_only_if_it_adds_tone_and_nothing_else(written, shown):
    messages = [{"role": "system", "content": "You are whittle's assistant."},
                {"role": "assistant", "content": DONE}, {"role": "user", "content": CHEER}]
    assert one_line(written, messages, DONE) == shown


async def test_the_user_writing_cancels_a_flourish_and_goes_first(hub, narrator):
    narrator.post(Milestone(1, FINAL, fixed(DONE), CHEER))
    async with asyncio.timeout(5):
        while not narrator._flourishes:
            await asyncio.sleep(0.01)
    flourish = next(iter(narrator._flourishes))
    app = HoldingApp(hub)
    app.released.set()
    await hub.user_message("thanks", app)
    await narrator.settled()
    assert flourish.cancelled()
    assert [m.content for m in hub.store.visible()] == [DONE, "thanks", "(answer to 'thanks')"]


async def test_a_flourish_from_the_real_model_is_one_clean_line_right_after_its_milestone_or_nothing(hub, narrator):
    narrator.post(Milestone(1, FINAL, fixed(DONE), CHEER))
    await narrator.settled()
    visible = hub.store.visible()
    assert visible[0].content == DONE and len(visible) <= 2
    if len(visible) == 2:
        line = visible[1]
        assert line.source == "model" and "\n" not in line.content and not any(c.isdigit() for c in line.content)
