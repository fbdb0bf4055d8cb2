"""Auto: the built-in expert a message calls for, from the experts' front matter alone; none for unrelated chat."""

import pytest

from whittle.experts.pick import MIN_SCORE, pick_expert, rank_experts, terms
from whittle.experts.store import BUILTIN_DIR, ExpertStore, make_expert

BUILTINS = ExpertStore(BUILTIN_DIR / "no-user-folder").all()

# Two messages per built-in expert, worded as users write, not copied from the front matter.
SHOULD_PICK = [
    ("How do I reorder items on my todo list?", "todo"),
    ("I want to add a task", "todo"),
    ("What is click depth and why are orphan pages bad?", "linkgraph"),
    ("Which pages have no internal links pointing to them?", "linkgraph"),
    ("How much did the AI calls cost me this week?", "costs"),
    ("How much budget is left?", "costs"),
    ("How do I switch to another workspace for my client?", "profiles"),
    ("Can I rename a profile without losing its todos?", "profiles"),
    ("How do I compare my competitors' pricing?", "competitive-analysis"),
    ("Which aspects are in the comparison table by default?", "competitive-analysis"),
    ("Can I cancel the long job and resume it later?", "long-job"),
    ("Does the background job keep going if I close the tab?", "long-job"),
    ("How do I revert to an earlier step in a workflow run?", "hello-workflow"),
    ("What does finalizing a run do?", "hello-workflow"),
    ("What is whittle and how do I start?", "introduction"),
    ("How do I get started?", "introduction"),
]
SHOULD_NOT_PICK = [
    "Tell me a joke about cats",
    "What's the capital of France?",
    "hello",
    "thanks!",
    "Write me a poem about the sea",
    "Can you help me write an email to my landlord?",
    "Explain quantum physics simply",
    "what is the weather like",
    "What can you do?",
]


def test_every_builtin_expert_is_covered_by_the_cases():
    assert {name for _, name in SHOULD_PICK} == {expert.name for expert in BUILTINS}


@pytest.mark.parametrize(("message", "expected"), SHOULD_PICK)
def test_a_message_about_an_app_or_domain_picks_its_expert(message, expected):
    match = pick_expert(message, BUILTINS)
    assert match is not None and match.expert.name == expected, rank_experts(message, BUILTINS)[:3]
    assert match.score >= MIN_SCORE and match.matched


@pytest.mark.parametrize("message", SHOULD_NOT_PICK)
def test_unrelated_chat_gets_no_expert(message):
    assert pick_expert(message, BUILTINS) is None, rank_experts(message, BUILTINS)[:3]


def test_the_open_apps_own_expert_wins_a_shared_word_but_never_unrelated_chat():
    shared = "what does this workflow do?"  # "workflow" is in two experts' front matter
    assert pick_expert(shared, BUILTINS).expert.name == "hello-workflow"
    assert pick_expert(shared, BUILTINS, app_name="competitive-analysis").expert.name == "competitive-analysis"
    assert pick_expert("Tell me a joke about cats", BUILTINS, app_name="todo") is None, "the prior needs a match"


def test_a_users_expert_is_picked_by_its_own_description_and_stemming_meets_plurals():
    birds = make_expert("birds", "Knows garden birds and how to feed them.", "Robins eat worms.",
                        "questions about birds, feeders, nesting boxes, bird song")
    assert pick_expert("Which feeder do robins and other birds like?", [*BUILTINS, birds]).expert.name == "birds"
    assert terms("Feeders") == terms("feeder") and terms("the todos") == terms("todo")
    assert pick_expert("anything", []) is None and pick_expert("", BUILTINS) is None
