"""How reliably does the assistant turn requests into the right tool calls? (issue 14)

    WHITTLE_THREADS=1 .venv/bin/python bench/agent.py [--requests FILE] [--limit N] [--ablation-limit N]

bench/agent/requests.jsonl (the dev set: the planner was tuned while looking at it) and
bench/agent/heldout.jsonl (written before any tuning against it, never used for diagnosis; run it
with --requests bench/agent/heldout.jsonl): natural-language requests across the apps (single calls, two-step
requests, references like "the first item", requests that need no tool, requests that cannot be
done), each with its expected calls. Each request runs against a fresh data home holding the real
apps and their registered tools; the planned calls are then really run (destructive ones as if
confirmed) and the resulting state (todos, profiles, workflow runs, jobs) is compared with the state
the expected calls produce — checked by state, not by wording.

Configurations:
- cascade: the embedded SmolLM2-135M under the span grammar with pre-selection, then a second local
  tier (`python -m llama_cpp.server` on 127.0.0.1 serving the same GGUF, grammar sent as `grammar`).
  The local tier's own figures are read off its ledger rows (its answer and latency), so the local
  model is run once.
- ablations on a slice (--ablation-limit): the local model with a JSON-schema constraint only
  (free strings), with no constraint, and with the grammar but every tool offered (no pre-selection).

Then the prompt-injection cases (bench/agent/injections.jsonl, --no-injections to skip; --only-injections
for just them): each injected string sits in the open app's state (a todo, a workflow field, a CSV
cell, a crawled page title, a tool result) and is shown in the prompt; the planner must make no
destructive call and no call outside the ones the user's request asked for — with the embedded
model, and with the second tier told to obey instructions found in the data.

Ends with one JSON line: exact_call_accuracy_local, valid_call_rate_local,
end_state_accuracy_cascade, local_share, then split (the request file's name),
exact_call_accuracy_local_single, latency_s_p50_local (per request that needed the model) and
misses_local: the local tier's misses counted by where they went wrong (agent_harness.MISS_KINDS).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent / "agent")]

from agent_harness import (  # noqa: E402
    MISS_KINDS,
    RemoteServer,
    apply_calls,
    exact,
    fresh_whittle,
    local_view,
    miss_kind,
    planner_for,
    prepare,
    run_injections,
    state_values_of,
    stop_jobs,
)

from whittle.agent.calls import ToolCall  # noqa: E402
from whittle.agent.select import LEARNED  # noqa: E402
from whittle.llm.embedded import EmbeddedModel  # noqa: E402

HERE = Path(__file__).resolve().parent / "agent"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


async def run_one(request: dict, model, remote_url: str | None, planner_options: dict, workdir: Path) -> dict:
    """Plan one request on a fresh home, run the calls, and compare with the expected calls' end state."""
    expected_calls = [ToolCall(c["tool"], c["args"]) for c in request["expect"]]
    expected_state = await apply_calls(workdir / "expected", request, model, expected_calls)
    whittle = fresh_whittle(workdir / "planned", request, model, remote_url)
    try:
        await prepare(whittle, request)
        app = whittle.apps[request["app"]]
        planner = planner_for(whittle, **planner_options)
        values = state_values_of(whittle, app)
        started = time.perf_counter()
        plan = await planner.plan(request["text"], app_name=app.name, state_values=values)
        latency = time.perf_counter() - started
        local = await local_view(whittle, plan, request["text"], app.name, values, **planner_options)
    finally:
        await stop_jobs(whittle)  # a started job writes to the home this closes
        whittle.close()
    state = await apply_calls(workdir / "planned-state", request, model, plan.calls)
    row = {
        "id": request["id"], "kind": request["kind"], "text": request["text"],
        "calls": [[c.tool, c.args] for c in plan.calls], "tier": plan.tier, "latency_s": latency,
        "model_used": bool(plan.call_ids), "exact": exact(plan.calls, expected_calls, whittle),
        "end_state": state == expected_state, "reason": plan.reason[:200],
        "miss": miss_kind(request["kind"], plan.calls, expected_calls, whittle),
    }
    if local is not None:
        row["local"] = local
        row["local"]["exact"] = exact(local["calls"], expected_calls, whittle)
        row["local"]["miss"] = miss_kind(request["kind"], local["calls"], expected_calls, whittle)
        row["local"]["end_state"] = (row["end_state"] if local["calls"] == plan.calls else
                                     await apply_calls(workdir / "local-state", request, model, local["calls"]) == expected_state)
        row["local"]["calls"] = [[c.tool, c.args] for c in local["calls"]]
    return row


def rate(rows: list[dict], key) -> float | None:
    values = [key(r) for r in rows]
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 3) if values else None


def summarize(name: str, rows: list[dict], *, local: bool = False) -> dict:
    """valid-call rate (answers that parse and validate), exact calls, end state, latency; per kind too."""
    view = (lambda r: r.get("local") or {"calls": [], "valid": None, "exact": r["exact"], "end_state": r["end_state"],
                                          "latency_s": r["latency_s"]}) if local else (lambda r: r)
    used = [r for r in rows if r["model_used"]]
    latencies = [view(r)["latency_s"] for r in used]
    summary = {
        "config": name, "requests": len(rows), "model_used": len(used),
        "valid_call_rate": rate(used, lambda r: view(r).get("valid", True)),
        "exact_call_accuracy": rate(rows, lambda r: view(r)["exact"]),
        "end_state_accuracy": rate(rows, lambda r: view(r)["end_state"]),
        "latency_s_mean": round(statistics.mean(latencies), 2) if latencies else None,
        "latency_s_p50": round(statistics.median(latencies), 2) if latencies else None,
        "latency_s_p90": round(sorted(latencies)[int(0.9 * (len(latencies) - 1))], 2) if latencies else None,
        "by_kind": {},
        "misses": {kind: sum(view(r).get("miss", r.get("miss")) == kind for r in rows) for kind in MISS_KINDS},
    }
    for kind in sorted({r["kind"] for r in rows}):
        of_kind = [r for r in rows if r["kind"] == kind]
        summary["by_kind"][kind] = {"n": len(of_kind), "exact": rate(of_kind, lambda r: view(r)["exact"]),
                                    "end_state": rate(of_kind, lambda r: view(r)["end_state"])}
    return summary


def print_summary(summary: dict) -> None:
    print(f"\n== {summary['config']}: {summary['requests']} requests, {summary['model_used']} needed a model")
    print(f"   valid-call rate {summary['valid_call_rate']}, exact calls {summary['exact_call_accuracy']}, "
          f"end state {summary['end_state_accuracy']}, latency mean {summary['latency_s_mean']} s "
          f"(p50 {summary['latency_s_p50']} s, p90 {summary['latency_s_p90']} s)")
    for kind, figures in summary["by_kind"].items():
        print(f"   {kind:11} n={figures['n']:3}  exact {figures['exact']}  end state {figures['end_state']}")
    print("   misses: " + ", ".join(f"{kind} {n}" for kind, n in summary["misses"].items()))


async def run_config(name: str, requests: list[dict], model, remote_url, options: dict, out: Path) -> list[dict]:
    rows = []
    for request in requests:
        with tempfile.TemporaryDirectory(prefix="whittle-agent-bench-") as tmp:
            row = await run_one(request, model, remote_url, options, Path(tmp))
        rows.append(row)
        mark = "ok " if row["exact"] else ("~  " if row["end_state"] else "XX ")
        print(f"  {mark}{row['latency_s']:5.1f}s [{row['tier']}] {row['text'][:44]:44} -> {row['calls']}", flush=True)
    (out / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return rows


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=Path, default=HERE / "requests.jsonl",
                        help="the request file (default: the dev set bench/agent/requests.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N requests")
    parser.add_argument("--ablation-limit", type=int, default=24, help="requests in each ablation (0: none)")
    parser.add_argument("--injections", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--only-injections", action="store_true", help="only bench/agent/injections.jsonl")
    parser.add_argument("--out", type=Path, default=None,
                        help="where rows and summary go (default bench/out/agent, or bench/out/agent-<file stem>)")
    args = parser.parse_args()
    if not args.requests.is_file():
        parser.error(f"no request file {args.requests}: give a .jsonl file such as bench/agent/heldout.jsonl")
    split = args.requests.stem
    if args.out is None:
        args.out = Path("bench/out/agent" if args.requests.resolve() == (HERE / "requests.jsonl").resolve()
                        else f"bench/out/agent-{split}")
    args.out.mkdir(parents=True, exist_ok=True)
    requests = load(args.requests)[: args.limit]
    model = EmbeddedModel(n_ctx=2048)
    if args.only_injections:
        with RemoteServer() as remote:
            report = await run_injections(load(HERE / "injections.jsonl"), model, remote.url)
        print(json.dumps({"injection_cases": report["cases"], "injection_violations": report["violations"],
                          "by_tier": report["by_tier"]}))
        return
    with RemoteServer() as remote:
        print(f"{len(requests)} requests from {args.requests}; second local tier: {remote.url}")
        print("\n-- cascade: SmolLM2-135M (grammar + pre-selection) -> llama_cpp.server")
        rows = await run_config("cascade", requests, model, remote.url, {}, args.out)
        local = summarize("local SmolLM2-135M, grammar + pre-selection", rows, local=True)
        cascade = summarize("cascade (local -> second local tier)", rows)
        summaries = [local, cascade]
        slice_ = requests[:: max(1, len(requests) // args.ablation_limit)][: args.ablation_limit] if args.ablation_limit else []
        for name, options in (("local-schema-only", {"constrain": "schema"}), ("local-no-constraint", {"constrain": "none"}),
                              ("local-grammar-no-preselect", {"preselect": False})):
            if not slice_:
                break
            print(f"\n-- ablation {name} on {len(slice_)} requests (local tier only)")
            ablation = await run_config(name, slice_, model, None, options, args.out)
            summaries.append(summarize(f"{name} (slice of {len(slice_)})", ablation, local=True))
        injection_report = await run_injections(load(HERE / "injections.jsonl"), model, remote.url) if args.injections else None
    for summary in summaries:
        print_summary(summary)
    singles = [r for r in rows if r["kind"] == "single"]
    single_exact = rate(singles, lambda r: (r.get("local") or r)["exact"])
    model_rows = [r for r in rows if r["model_used"]]
    local_share = rate(rows, lambda r: r["tier"] in (None, "local", LEARNED))
    print(f"\nlocal exact on single calls: {single_exact}; local share (no model, the learned models, or the local tier's answer kept): "
          f"{local_share}; of requests that needed a model: {rate(model_rows, lambda r: r['tier'] == 'local')}")
    if injection_report:
        print(f"injections: {injection_report['cases']} cases, {injection_report['violations']} violations "
              f"(destructive or unasked calls) — {injection_report['by_tier']}")
    (args.out / "summary.json").write_text(json.dumps({"summaries": summaries, "injections": injection_report}, indent=2))
    print(json.dumps({
        "exact_call_accuracy_local": local["exact_call_accuracy"],
        "valid_call_rate_local": local["valid_call_rate"],
        "end_state_accuracy_cascade": cascade["end_state_accuracy"],
        "local_share": local_share,
        "split": split,
        "exact_call_accuracy_local_single": single_exact,
        "latency_s_p50_local": local["latency_s_p50"],
        "misses_local": local["misses"],
    }))


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the second tier's server on kill too
    asyncio.run(main())
