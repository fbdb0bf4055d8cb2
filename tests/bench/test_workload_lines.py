"""The workload runner's line handling without a model: grounded caller checks, app-side lines,
stratified slices, the middle tier's URL, and the label-threshold choice of calibrate.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from workload import (
    DEFAULT_WORKLOAD,
    HERE,
    BadWorkload,
    app_side_outcome,
    load_workload,
    router_check,
    stratified,
    summarise,
)

NOTE = "Invoice from Ostara Foods, Kraków office, dated 2 May."
SCHEMA = {"type": "object", "properties": {"company": {"type": "string"}, "city": {"type": "string"}},
          "required": ["company", "city"]}


def _write(tmp_path: Path, *lines: dict) -> Path:
    path = tmp_path / "w.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _line(id_: str, **extra) -> dict:
    return {"id": id_, "messages": [{"role": "system", "content": "Extract as JSON."}, {"role": "user", "content": NOTE}],
            "judge": {"type": "json", "value": {"company": "Ostara Foods"}},
            "reference": '{"company": "Ostara Foods", "city": "Kraków"}', **extra}


def test_a_grounded_caller_check_holds_values_to_the_users_text(tmp_path: Path) -> None:
    [item] = load_workload(_write(tmp_path, _line("a", caller_check={"json_schema": SCHEMA, "grounded": True})))
    check = router_check(item.caller_check, item.messages)
    assert check('{"company": "ostara foods", "city": "Krakow"}').ok
    assert not check('{"company": "Ostara Foods", "city": "Lyon"}').ok  # valid JSON, wrong value
    plain = router_check({"json_schema": SCHEMA}, item.messages)
    assert plain('{"company": "Ostara Foods", "city": "Lyon"}').ok  # what the ungrounded check let through


def test_a_grounded_check_needs_a_user_message(tmp_path: Path) -> None:
    line = _line("a", caller_check={"json_schema": SCHEMA, "grounded": True})
    line["messages"] = [{"role": "system", "content": NOTE}]
    with pytest.raises(BadWorkload, match="w.jsonl line 1: a grounded caller_check needs a user message"):
        load_workload(_write(tmp_path, line))


def test_app_side_lines_cost_nothing_and_stay_out_of_the_headline(tmp_path: Path) -> None:
    said = {"id": "n", "category": "narration", "app_side": "template", "prompt": "Long job: 50% done — 1 of 2 MB.",
            "judge": {"type": "contains_all", "value": ["50%"]}, "reference": "Long job: 50% done — 1 of 2 MB."}
    [item] = load_workload(_write(tmp_path, said))
    outcome = app_side_outcome(item)
    assert outcome.tier == "app" and outcome.cost_usd == outcome.top_cost_usd == 0 and outcome.passed
    # One routed line kept local and wrong: the app's right answer must not lift the headline.
    from workload import Outcome

    [routed] = load_workload(_write(tmp_path, _line("r")))
    wrong = Outcome(item=routed, answer="{}", tier="local", cache_hit=False, cost_usd=0, top_cost_usd=1.0,
                    local_answer="{}", local_accepted_by_checks=True, local_confidence=-0.1, overhead_ms=1.0,
                    reference_passed=True)
    figures = summarise([outcome, wrong])
    assert figures["requests"] == 2 and figures["routed_requests"] == 1 and figures["app_side_requests"] == 1
    assert figures["quality_cascade"] == 0.0 and figures["local_share"] == 1.0
    assert figures["by_category"]["narration"]["model_calls"] == 0


def test_a_cache_hit_is_free_at_every_threshold_of_the_sweep(tmp_path: Path) -> None:
    from workload import Outcome, sweep_cost_cut_at

    [item] = load_workload(_write(tmp_path, _line("r")))
    # The repeat of a question the top tier answered: free, and right, whatever the threshold.
    hit = Outcome(item=item, answer="ok", tier="top", cache_hit=True, cost_usd=0, top_cost_usd=1.0,
                  local_answer="ok", local_accepted_by_checks=False, local_confidence=None, overhead_ms=1.0,
                  passed=True, reference_passed=True)
    paid = Outcome(item=item, answer="ok", tier="top", cache_hit=False, cost_usd=1.0, top_cost_usd=1.0,
                   local_answer="no", local_accepted_by_checks=False, local_confidence=-2.0, overhead_ms=1.0,
                   passed=True, reference_passed=True)
    cut, _ = sweep_cost_cut_at([hit, paid], quality_floor=1.0)
    assert cut == 0.5


def test_the_link_graph_question_is_answered_by_the_app_from_its_findings() -> None:
    items = [i for i in load_workload(HERE / "workload" / "default.jsonl") if i.category == "link-graph reading"]
    assert items and all(i.app_side == "findings" and i.app_answer.startswith("Biggest problem:") for i in items)
    # The app's answer is graded like any other: by the line's judge, on the app's own text.
    assert all(app_side_outcome(i).passed for i in items)


def test_default_workload_narration_is_app_side_and_extraction_is_grounded() -> None:
    items = load_workload(HERE / "workload" / "default.jsonl")
    assert len(items) >= 300
    assert all(item.app_side for item in items if item.category == "narration")
    extraction = [item for item in items if item.category == "extraction"]
    assert extraction and all(item.caller_check.get("grounded") for item in extraction)
    scored = {item.messages[-1]["content"] for item in items if item.category == "classification"}
    calibration = load_workload(HERE / "workload" / "calibration.jsonl")
    assert not scored & {item.messages[-1]["content"] for item in calibration}  # the threshold never saw these


def test_a_stratified_slice_takes_n_of_each_category() -> None:
    items = load_workload(HERE / "workload" / "default.jsonl")
    picked = stratified(items, 2)
    categories = {item.category for item in items}
    assert len(picked) == 2 * len(categories)
    assert {item.category for item in picked} == categories


def test_the_middle_tier_is_local(tmp_path: Path) -> None:
    from local_server import BadMiddleTier, middle_tier_url  # bench/workload/, on the path once workload is imported

    with middle_tier_url(None) as url:
        assert url is None
    with middle_tier_url("http://127.0.0.1:8080/v1") as url:
        assert url == "http://127.0.0.1:8080/v1"
    with pytest.raises(BadMiddleTier, match="127.0.0.1"), middle_tier_url("https://api.example.com/v1"):
        pass
    with pytest.raises(BadMiddleTier, match=".gguf"), middle_tier_url(str(tmp_path / "missing.gguf")):
        pass


def test_the_label_threshold_is_chosen_on_training_folds_only() -> None:
    from calibrate import choose_threshold, cross_validate

    # Confident labels are right, unsure ones wrong: the threshold falls between them.
    pairs = [(0.95, True), (0.9, True), (0.85, True), (0.8, True), (0.4, False), (0.3, False), (0.2, True), (0.1, False)]
    assert choose_threshold(pairs, 0.9) == 0.8
    assert choose_threshold([(0.99, False), (0.5, True)], 0.9) == 1.0  # none qualifies: keep none
    assert choose_threshold([(0.99, True), (0.5, False)], 0.9, min_kept=2) == 1.0  # one right answer is too few
    separable = [(0.5 + i / 100, True) for i in range(20)] + [(0.1 + i / 100, False) for i in range(20)]
    result = cross_validate(separable, 0.9, folds=4)
    assert len(result["fold_thresholds"]) == 4 and result["heldout_precision"] >= 0.9
    assert all(0.2 < threshold <= 0.5 for threshold in result["fold_thresholds"])
    assert 0.5 <= result["heldout_kept_share"] < 0.6


def test_every_top_tier_json_answer_of_the_default_workload_passes_its_own_check() -> None:
    """JsonCheck's docstring: no top-tier answer to a JSON request leaves a placeholder or fills two fields
    with one text, so those rules escalate only the local model's habits."""
    items = [item for item in load_workload(DEFAULT_WORKLOAD)
             if item.caller_check and "json_schema" in item.caller_check]
    failed = [(item.id, router_check(item.caller_check, item.messages)(item.reference).reason) for item in items
              if not router_check(item.caller_check, item.messages)(item.reference).ok]
    assert (len(items), failed) == (85, [])


def test_the_extraction_dev_sets_load_as_grounded_requests_with_and_without_the_span_grammar() -> None:
    import extraction_dev  # bench/workload/, on the path once workload is imported

    from whittle.router.constrain import implied_constraint

    items = extraction_dev.items()
    counts = {c: sum(i.category == c for i in items) for c in ("name and colour", "company, city, date")}
    assert counts == {"name and colour": 60, "company, city, date": 30}
    note = next(i for i in items if i.category == "company, city, date")
    spans = implied_constraint(router_check(note.caller_check, note.messages))
    plain = implied_constraint(extraction_dev.schema_only(note.caller_check, note.messages))
    repeat = implied_constraint(extraction_dev.spans_may_repeat(note.caller_check, note.messages))
    assert spans.gbnf and plain.json_schema["required"] == ["company", "city", "date"]
    assert "obj-1-0" in spans.gbnf and repeat.gbnf and "obj-1-0" not in repeat.gbnf
    # Neither dev set is the scored workload.
    scored = {m["content"] for line in load_workload(DEFAULT_WORKLOAD) for m in line.messages if m["role"] == "user"}
    assert not scored & {i.messages[-1]["content"] for i in items}


def test_the_ceiling_keeps_right_local_answers_then_the_dearest_wrong_ones_down_to_the_floor(tmp_path: Path) -> None:
    from figures import ceiling_cost_cut_at
    from workload import Outcome

    [item] = load_workload(_write(tmp_path, _line("r")))

    def outcome(top_cost: float, local_passed: bool) -> Outcome:
        return Outcome(item=item, answer="x", tier="top", cache_hit=False, cost_usd=top_cost, top_cost_usd=top_cost,
                       local_answer="x", local_accepted_by_checks=False, local_confidence=-1.0, overhead_ms=1.0,
                       passed=True, local_passed=local_passed, reference_passed=True)

    right, cheap_wrong, dear_wrong = outcome(1.0, True), outcome(1.0, False), outcome(2.0, False)
    outcomes = [right, cheap_wrong, dear_wrong]
    # At full quality only the right local answer is free; at 2/3 the dearer wrong one is kept too.
    assert ceiling_cost_cut_at(outcomes, 1.0) == 0.25
    assert ceiling_cost_cut_at(outcomes, 2 / 3) == 0.75
    # A request with no local answer (the router went straight up) is paid for at any floor.
    no_local = outcome(4.0, False)
    no_local.local_answer = None
    assert ceiling_cost_cut_at([no_local], 0.0) == 0.0
