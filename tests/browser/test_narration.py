"""Long job narration in headless chromium: facts in order, the user's answer first, stale milestones dropped."""

import re

import pytest

from tests.support.testing import ServerProcess

pytestmark = pytest.mark.browser

SIZE_MB = 60  # well under a second of hashing: it ends while the model is still writing its answer
NARRATION = "#chat-messages .msg-assistant .msg-body"
# Some words of the answer are on the page: a reply stopped before its first word leaves no bubble.
WRITING = """() => [...document.querySelectorAll('.msg-body.streaming')].some(body =>
  [...body.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim().length >= 8)"""
PROGRESS_LINE = re.compile(r"^Long job: (\d+)% done — (\d+) of 60 MB hashed in [\d.]+ s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for this module, with a small job (the size is read at start-up)."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WHITTLE_LONG_JOB_MB", str(SIZE_MB))
        running = ServerProcess(tmp_path_factory.mktemp("narration") / "home", extra_args=("--max-tokens", "300")).start()
    yield running
    running.stop()


def _open_long_job(page):
    page.click("#app-menu >> text=Long job")
    page.wait_for_selector("#long-job-panel")


def _job_lines(page) -> list[str]:
    return [text.strip() for text in page.locator(NARRATION).all_inner_texts() if text.strip().startswith("Long job")]


def test_milestones_while_the_model_answers_are_dropped_and_the_end_is_said_after_the_answer(page):
    _open_long_job(page)
    page.fill("#chat-input", "Write a long story about a lighthouse keeper and his cat.")
    page.press("#chat-input", "Enter")
    page.wait_for_function(WRITING, timeout=120_000)  # the model is writing (not just reading the prompt)

    page.click("#long-job-start")
    page.wait_for_selector("#long-job-panel[data-status=done]", timeout=30_000)
    assert page.locator(".msg-assistant.msg-streaming").count() == 1, "precondition: the job ended mid-answer"
    page.wait_for_timeout(300)
    assert _job_lines(page) == [], "nothing is said into the middle of the user's answer"

    page.click("#chat-stop")  # the answer ends (stopped): now the chat is idle and the narrator speaks
    page.wait_for_selector(f"{NARRATION} >> text=Long job is done", timeout=10_000)
    page.wait_for_timeout(500)  # anything stale would arrive right behind it
    lines = _job_lines(page)
    assert len(lines) == 1 and re.match(r"^Long job is done: 60 MB hashed in [\d.]+ s\. SHA-256 [0-9a-f]{16}…$", lines[0]), lines
    classes = page.eval_on_selector_all("#chat-messages .msg", "els => els.map(e => e.className)")
    assert "msg-user" in classes[-3] and "msg-stopped" in classes[-2], f"the user's turn goes first: {classes}"
    assert page.locator("#chat-messages .msg").last.inner_text().strip().startswith("Long job is done")


def test_with_the_chat_idle_each_milestone_is_said_once_in_order_with_the_jobs_numbers(page):
    _open_long_job(page)
    before = len(_job_lines(page))
    page.click("#long-job-start")
    page.wait_for_selector("#long-job-panel[data-status=done]", timeout=30_000)
    done_lines = sum(line.startswith("Long job is done") for line in _job_lines(page)[:before])
    page.wait_for_function(
        f"[...document.querySelectorAll('{NARRATION}')].filter(e => e.innerText.startsWith('Long job is done')).length > {done_lines}",
        timeout=10_000,
    )
    page.wait_for_timeout(300)
    lines = _job_lines(page)[before:]
    progress = [PROGRESS_LINE.match(line) for line in lines[:-1]]
    assert all(progress), lines
    percents = [int(match.group(1)) for match in progress]
    assert percents == sorted(set(percents)) and all(25 <= p < 100 for p in percents), lines
    assert len(lines) == len(set(lines)), "no line said twice"
    assert lines[-1].startswith("Long job is done: 60 MB hashed in ")
    assert page.locator(".msg-assistant.msg-streaming").count() == 0, "no model call for narration"
