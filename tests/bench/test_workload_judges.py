"""The workload benchmark's judges: each passes what the request asked for and fails what it did not."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError
from workload import BadWorkload, load_workload, model_from_schema
from workload_judges import BadJudge, final_number, grade, is_repetition_loop, validate_judge


@pytest.mark.parametrize(
    ("answer", "judge", "expected"),
    [
        ("Tungsten.", {"type": "exact", "value": "tungsten"}, True),
        ("Tungsten is element 74.", {"type": "exact", "value": "tungsten"}, False),
        ("17 × 23 = 391, so the answer is 391.", {"type": "number", "value": 391}, True),
        ("the answer is 23", {"type": "number", "value": 391}, False),
        ("It comes to 1,240 pages.", {"type": "number", "value": 1240}, True),
        ("no number here", {"type": "number", "value": 3}, False),
        ("shopping", {"type": "choice", "value": {"answer": "shopping", "choices": ["work", "shopping"]}}, True),
        ("work or shopping", {"type": "choice", "value": {"answer": "shopping", "choices": ["work", "shopping"]}}, False),
        ("Work.", {"type": "choice", "value": {"answer": "shopping", "choices": ["work", "shopping"]}}, False),
        ('Sure: {"name": "Priya", "colour": "Teal"}', {"type": "json", "value": {"name": "priya", "colour": "teal"}}, True),
        ('{"name": "Priya", "colour": "red"}', {"type": "json", "value": {"name": "Priya", "colour": "teal"}}, False),
        ('{"name": "Ahrefs", "strengths": []}', {"type": "json", "value": {"name": "Ahrefs", "strengths": "*"}}, False),
        ('{"name": "Ahrefs", "strengths": ["index"]}', {"type": "json", "value": {"name": "Ahrefs", "strengths": "*"}}, True),
        ("A: 1. 2. 3. 4. 5", {"type": "json", "value": {"name": "*"}}, False),
        ("The /blog/2019/ section is too deep.", {"type": "contains_all", "value": ["/blog/2019/", ["depth", "deep"]]}, True),
        ("The blog is fine.", {"type": "contains_all", "value": ["/blog/2019/", ["depth", "deep"]]}, False),
        ("Hello! How can I help?", {"type": "regex", "value": r"(?i)\bhello\b"}, True),
        ("I'm a creative writing assistant.", {"type": "regex", "value": r"(?i)\bhello\b"}, False),
        ("Halfway there.", {"type": "max_words", "value": 5}, True),
        ("one two three four five six", {"type": "max_words", "value": 5}, False),
        ("", {"type": "max_words", "value": 5}, False),
    ],
)
def test_each_judge_type(answer, judge, expected) -> None:
    assert grade(answer, validate_judge(judge, "test")) is expected


def test_repetition_loop_is_not_a_short_answer() -> None:
    loop = "This competitor is a luxury hotel. " * 6
    assert is_repetition_loop(loop)
    assert not grade(loop, {"type": "max_words", "value": 200})
    assert not is_repetition_loop("The long job is half done: 768 of 1536 MB hashed, about twelve seconds to go now.")


def test_final_number_reads_the_last_number() -> None:
    assert final_number("17 * 23 = 391") == 391
    assert final_number("-4.5 degrees") == -4.5
    assert final_number("none") is None


@pytest.mark.parametrize(
    "judge",
    [
        None,
        {"type": "fuzzy", "value": 1},
        {"type": "choice", "value": {"answer": "x", "choices": ["a", "b"]}},
        {"type": "regex", "value": "("},
        {"type": "number", "value": "many"},
        {"type": "max_words", "value": 0},
    ],
)
def test_malformed_judges_name_the_fix(judge) -> None:
    with pytest.raises(BadJudge, match="line 3"):
        validate_judge(judge, "w.jsonl line 3")


def test_workload_file_errors_name_the_line(tmp_path) -> None:
    path = tmp_path / "w.jsonl"
    good = {"id": "a", "prompt": "hi", "judge": {"type": "regex", "value": "."}, "reference": "hello"}
    path.write_text(json.dumps(good) + "\n" + json.dumps(dict(good, reference=None)) + "\n")
    with pytest.raises(BadWorkload, match='line 2'):
        load_workload(path)
    path.write_text(json.dumps(good) + "\n" + json.dumps(good) + "\n")
    with pytest.raises(BadWorkload, match="used twice"):
        load_workload(path)
    path.write_text("{not json\n")
    with pytest.raises(BadWorkload, match="line 1: not JSON"):
        load_workload(path)


def test_prompt_lines_become_one_user_message(tmp_path) -> None:
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps({"id": "a", "prompt": "hi", "judge": {"type": "regex", "value": "."}, "reference": "x"}))
    (item,) = load_workload(path)
    assert item.messages == [{"role": "user", "content": "hi"}]


def test_default_workload_is_valid_and_its_references_pass() -> None:
    items = load_workload(__import__("workload").DEFAULT_WORKLOAD)
    assert len(items) >= 300
    assert len({item.category for item in items}) >= 9
    assert all(grade(item.reference, item.judge) for item in items)


def test_json_schema_check_becomes_a_model() -> None:
    model = model_from_schema({"type": "object", "properties": {"name": {"type": "string"},
                                                              "tags": {"type": "array", "items": {"type": "string"}}},
                               "required": ["name"]})
    assert model.model_validate({"name": "x", "tags": ["a"]}).name == "x"
    with pytest.raises(ValidationError):
        model.model_validate({"tags": ["a"]})
