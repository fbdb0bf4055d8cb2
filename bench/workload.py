"""The product's own claim: whittle's router on a workload like its users', against all-top-tier.

    .venv/bin/python bench/workload.py                                  # bench/workload/default.jsonl
    .venv/bin/python bench/workload.py --workload FILE.jsonl [--json] [--top-model gpt-4.1 --top-provider openai]
    .venv/bin/python bench/workload.py --middle-tier http://127.0.0.1:8080/v1   # a second local tier between
    .venv/bin/python bench/workload.py --middle-tier models/qwen2.5-0.5b.gguf   # started on 127.0.0.1 for the run

Each line (one JSON object) is `{"id", "messages" | "prompt", "app"?, "caller_check"?, "judge",
"reference", "reference_tokens"?, "category"?, "app_side"?}` (see bench/workload/make_default.py).
An "app_side" line may carry "app_answer": what the app answers to its question itself.
`caller_check` is {"choices": [...]}, {"regex": "..."} or {"json_schema": {...}, "grounded": true or
[fields]?} (grounded: every extracted string, or those of the fields listed, must be in the last user
message, router/checks.py GroundedJsonCheck). A line with "app_side" is what an app says without any model (the Long job's
templated milestones): answered with its own text, never sent to the router, costing nothing either
way, and left out of the headline figures (reported apart, not as a model's win). Every request
goes through the real router of a real Whittle instance — privacy guard, budgets, answer cache, task
kind, checks, escalation, ledger — with the live embedded SmolLM2 as the cheapest tier. The top tier
is recorded, not called: when the router escalates to it, it answers with the line's `reference`,
billed at the named cloud model's genai-prices price for the prompt's and the reference's tokens
(counted with the embedded model's tokenizer, or `reference_tokens`). The router never sees `judge`
or `reference`; judges (bench/workload_judges.py) grade only the final answer.

Figures: quality (judge pass rate) of all-top-tier, all-local and the cascade; cost cut against
all-top-tier at the cascade's operating point, and the best cut at >= 95% of top-tier quality over
a sweep of the local confidence threshold (replayed from the ledger: each request's local answer,
its checks and its mean token log-probability are all recorded), and the ceiling of that cut for any
acceptance rule (an oracle keeping the right local answers); local share per category; cache
hits; routing overhead (wall time minus the models' own time) p50/p99. Ends with one JSON line
{"quality_cascade", "quality_top", "cost_cut", "cost_cut_at_95", "local_share", ...}, over the lines
that reach the router.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE), str(HERE / "workload")]
from figures import report, summarise, sweep_cost_cut_at  # noqa: E402, F401 - summarise is the runner's API too
from workload_judges import BadJudge, grade, validate_judge  # noqa: E402

DEFAULT_WORKLOAD = HERE / "workload" / "default.jsonl"


class BadWorkload(ValueError):
    """A workload file that cannot be run; the message names the line and the fix."""


@dataclass
class WorkloadItem:
    id: str
    messages: list[dict]
    judge: dict
    reference: str
    category: str = "other"
    app: str | None = None
    caller_check: dict | None = None
    reference_tokens: int | None = None
    app_side: str | None = None  # said by the app without a model (e.g. "template"): not routed
    app_answer: str | None = None  # what the app says to the line's question (default: its last message)


def load_workload(path: Path) -> list[WorkloadItem]:
    if not path.is_file():
        raise BadWorkload(f"{path}: no such workload file (the default is {DEFAULT_WORKLOAD})")
    items, seen = [], set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as error:
            raise BadWorkload(f"{where}: not JSON ({error.msg})") from None
        if not isinstance(line, dict) or not line.get("id"):
            raise BadWorkload(f"{where}: each line is a JSON object with an \"id\"")
        if line["id"] in seen:
            raise BadWorkload(f"{where}: id {line['id']!r} is used twice; ids must be unique")
        seen.add(line["id"])
        messages = line.get("messages") or ([{"role": "user", "content": line["prompt"]}] if line.get("prompt") else None)
        if not messages or not all(isinstance(m, dict) and m.get("role") in ("system", "user", "assistant")
                                   and isinstance(m.get("content"), str) for m in messages):
            raise BadWorkload(f"{where}: give \"messages\": [{{\"role\", \"content\"}}, ...] or \"prompt\": \"...\"")
        if not isinstance(line.get("reference"), str):
            raise BadWorkload(f"{where}: \"reference\" (the top tier's answer, a string) is missing")
        try:
            judge = validate_judge(line.get("judge"), where)
        except BadJudge as error:
            raise BadWorkload(str(error)) from None
        items.append(WorkloadItem(
            id=str(line["id"]), messages=messages, judge=judge, reference=line["reference"],
            category=line.get("category") or line.get("app") or "other", app=line.get("app"),
            caller_check=line.get("caller_check"), reference_tokens=line.get("reference_tokens"),
            app_side=line.get("app_side"), app_answer=line.get("app_answer"),
        ))
        try:
            router_check(items[-1].caller_check, messages)
        except BadWorkload as error:
            raise BadWorkload(f"{where}: {error}") from None
    if not items:
        raise BadWorkload(f"{path}: the workload is empty")
    return items


def router_check(spec: dict | None, messages: list[dict] = ()):
    """The check an app would pass to the router: choices, a JSON schema (grounded in the user's last
    message when "grounded" is true), or a regex."""
    if not spec:
        return None
    from whittle.router.checks import ChoiceCheck, GroundedJsonCheck, JsonCheck, RegexCheck

    if "choices" in spec:
        return ChoiceCheck(list(spec["choices"]))
    if "regex" in spec:
        return RegexCheck(spec["regex"])
    if "json_schema" in spec and spec.get("grounded"):
        users = [m["content"] for m in messages if m.get("role") == "user"]
        if not users:
            raise BadWorkload("a grounded caller_check needs a user message to ground the values in")
        fields = spec["grounded"] if isinstance(spec["grounded"], list) else None  # true: every string field
        return GroundedJsonCheck(model_from_schema(spec["json_schema"]), source=users[-1], fields=fields)
    if "json_schema" in spec:
        return JsonCheck(model_from_schema(spec["json_schema"]))
    raise BadWorkload(f"caller_check must have 'choices', 'regex' or 'json_schema', not {sorted(spec)}")


def model_from_schema(schema: dict):
    """A pydantic model for a flat JSON object schema (strings, numbers, booleans, lists of those)."""
    from pydantic import create_model

    scalar = {"string": str, "number": float, "integer": int, "boolean": bool}
    fields = {}
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        kind = prop.get("type", "string")
        annotation = list[scalar.get(prop.get("items", {}).get("type", "string"), str)] if kind == "array" else \
            scalar.get(kind, str)
        fields[name] = (annotation, ...) if name in required else (annotation | None, None)
    return create_model("WorkloadAnswer", **fields)


@dataclass
class RecordedTopTier:
    """The top tier, recorded: answers the current request with its reference (no network)."""

    tokenizer: object  # the embedded model: counts tokens as a stand-in for the cloud model's tokenizer
    name: str = "recorded-top"
    n_ctx: int = 128_000
    current: WorkloadItem | None = None

    def count_tokens(self, text: str) -> int:
        return self.tokenizer.count_tokens(text)

    def count_message_tokens(self, message) -> int:
        return self.tokenizer.count_message_tokens(message)

    def prompt_token_bound(self, messages) -> int:
        from whittle.llm.base import byte_token_bound

        return byte_token_bound(messages)

    def answer_tokens(self, item: WorkloadItem) -> int:
        return item.reference_tokens or self.count_tokens(item.reference)

    def prompt_tokens(self, messages) -> int:
        return sum(self.count_message_tokens(m) for m in messages)

    async def stream(self, messages, *, max_tokens=256, temperature=0.2, stats=None, **_options):
        item = self.current
        if stats is not None:
            stats.model = self.name
            stats.prompt_tokens = self.prompt_tokens(messages)
            stats.completion_tokens = self.answer_tokens(item)
            stats.usage_reported = True
            stats.pieces = 1
            stats.ttft_ms = 0.0
            stats.finish_reason = "stop"
        yield item.reference


def price_per_token(model: str, provider: str) -> tuple[float, float]:
    from genai_prices import Usage, calc_price

    million = 1_000_000
    price = calc_price(Usage(input_tokens=million, output_tokens=million), model_ref=model, provider_id=provider)
    return float(price.input_price) / million, float(price.output_price) / million


def write_config(home: Path, model: str, provider: str, middle_tier: str | None) -> Path:
    input_price, output_price = price_per_token(model, provider)
    middle = (
        f'[[tiers]]\nname = "middle"\nbackend = "openai"\nbase_url = "{middle_tier}"\nmodel = "middle"\n'
        'trust = "local"\n\n' if middle_tier else ""
    )
    path = home / "whittle.toml"
    path.write_text(
        '[[tiers]]\nname = "local"\nbackend = "embedded"\nmodel = "default"\ntrust = "local"\n\n'
        + middle
        + f'[[tiers]]\nname = "top"\nbackend = "openai"\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "{model}"\n'
        f'provider = "{provider}"\ntrust = "trusted"\n'
        f"price_input_per_mtok = {input_price * 1e6}\nprice_output_per_mtok = {output_price * 1e6}\n\n"
        "[budgets]\ndaily_usd = 1000.0\nmonthly_usd = 10000.0\n",
        encoding="utf-8",
    )
    return path


@dataclass
class Outcome:
    item: WorkloadItem
    answer: str
    tier: str
    cache_hit: bool
    cost_usd: float
    top_cost_usd: float
    local_answer: str | None
    local_accepted_by_checks: bool
    local_confidence: float | None
    overhead_ms: float
    passed: bool = False
    local_passed: bool = False
    reference_passed: bool = False
    extra: dict = field(default_factory=dict)


async def run(items: list[WorkloadItem], *, model: str, provider: str, middle_tier: str | None,
              max_tokens: int = 160, progress=None, check_for=None) -> list[Outcome]:
    """check_for(caller_check, messages): the check each request carries (router_check by default;
    a bench comparing ways of shaping the same check passes its own)."""
    check_for = check_for or router_check
    from whittle.config import Settings
    from whittle.core import Whittle
    from whittle.llm.embedded import EmbeddedModel
    from whittle.router.request import LLMRequest

    home = Path(tempfile.mkdtemp(prefix="whittle-workload-"))
    config = write_config(home, model, provider, middle_tier)
    embedded = EmbeddedModel(n_ctx=2048)
    whittle = Whittle(Settings(home=home, config_path=config), model=embedded)
    top = RecordedTopTier(embedded)
    top_tier = whittle.router.tiers[-1]
    top_tier.backend = top
    top_tier.unavailable = None
    input_price, output_price = price_per_token(model, provider)
    outcomes = []
    try:
        for index, item in enumerate(items):
            if item.app_side:
                outcomes.append(app_side_outcome(item))
                if progress:
                    progress(index + 1, len(items), outcomes[-1])
                continue
            top.current = item
            request = LLMRequest([dict(m) for m in item.messages], purpose=f"workload:{item.category}",
                                 kind=None, max_tokens=max_tokens, temperature=0.2,
                                 check=check_for(item.caller_check, item.messages),
                                 conversation=f"workload-{item.id}")
            started = time.perf_counter()
            result = await whittle.router.complete(request)
            wall_ms = (time.perf_counter() - started) * 1000
            rows = [dict(r) for r in whittle.db.query(
                "SELECT tier, response, outcome, confidence, latency_ms, cost_usd FROM llm_calls "
                "WHERE request_id=? ORDER BY id", (request.request_id,))]
            local_rows = [r for r in rows if r["tier"] == whittle.router.tiers[0].name]
            local = local_rows[0] if local_rows else None
            model_ms = sum(r["latency_ms"] or 0.0 for r in rows)
            top_cost = top.prompt_tokens(item.messages) * input_price + top.answer_tokens(item) * output_price
            outcome = Outcome(
                item=item, answer=result.text, tier=result.tier, cache_hit=result.cache_hit,
                cost_usd=sum(r["cost_usd"] or 0.0 for r in rows), top_cost_usd=top_cost,
                local_answer=local["response"] if local else (result.text if result.cache_hit else None),
                local_accepted_by_checks=bool(local and local["outcome"] == "accepted") or (
                    result.cache_hit and result.tier == whittle.router.tiers[0].name),
                local_confidence=local["confidence"] if local else None,
                overhead_ms=max(0.0, wall_ms - model_ms),
            )
            outcome.passed = grade(outcome.answer, item.judge)
            outcome.local_passed = outcome.local_answer is not None and grade(outcome.local_answer, item.judge)
            outcome.reference_passed = grade(item.reference, item.judge)
            outcomes.append(outcome)
            if progress:
                progress(index + 1, len(items), outcome)
    finally:
        whittle.close()
    return outcomes


def stratified(items: list[WorkloadItem], per_category: int) -> list[WorkloadItem]:
    """N lines of each category, evenly spaced through it, in the file's order."""
    groups = defaultdict(list)
    for item in items:
        groups[item.category].append(item)
    keep = set()
    for group in groups.values():
        step = max(1, len(group) / per_category)
        keep |= {group[int(i * step)].id for i in range(min(per_category, len(group)))}
    return [item for item in items if item.id in keep]


def app_side_outcome(item: WorkloadItem) -> Outcome:
    """What the app says itself (its `app_answer`, else the line's prompt): no model, no router, no cost."""
    text = item.app_answer or item.messages[-1]["content"]
    outcome = Outcome(item=item, answer=text, tier="app", cache_hit=False, cost_usd=0.0, top_cost_usd=0.0,
                      local_answer=text, local_accepted_by_checks=True, local_confidence=None, overhead_ms=0.0)
    outcome.passed = outcome.local_passed = grade(text, item.judge)
    outcome.reference_passed = grade(item.reference, item.judge)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", type=Path, default=DEFAULT_WORKLOAD, help="a workload .jsonl file")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument("--top-model", default="gpt-4.1", help="genai-prices model the top tier is priced as")
    parser.add_argument("--top-provider", default="openai", help="genai-prices provider id")
    parser.add_argument("--middle-tier", metavar="URL_OR_GGUF",
                        help="a second local tier between the two: an OpenAI-compatible server's URL (a llama.cpp "
                             "server on 127.0.0.1), or a .gguf file to serve on 127.0.0.1 for the run")
    parser.add_argument("--limit", type=int, help="only the first N requests")
    parser.add_argument("--per-category", type=int, metavar="N",
                        help="a stratified slice: N lines of each category, evenly spaced")
    args = parser.parse_args(argv)
    try:
        items = load_workload(args.workload)
    except BadWorkload as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    items = stratified(items, args.per_category) if args.per_category else items
    items = items[: args.limit] if args.limit else items

    def progress(done, total, outcome):
        if not args.json:
            mark = "ok " if outcome.passed else "BAD"
            print(f"  [{done:>3}/{total}] {mark} {outcome.tier:>6} {outcome.item.id}", file=sys.stderr)

    from local_server import BadMiddleTier, middle_tier_url

    try:
        with middle_tier_url(args.middle_tier) as middle:
            outcomes = asyncio.run(run(items, model=args.top_model, provider=args.top_provider,
                                       middle_tier=middle, progress=progress))
    except BadMiddleTier as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    figures = summarise(outcomes)
    if not args.json:
        print(report(figures, args.top_model))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
