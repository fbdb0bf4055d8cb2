"""The content checks of competitive analysis, on answers SmolLM2-135M really gave under the JSON schema."""

import json

from whittle.apps.competitive_checks import AnalysisCheck, DraftCheck

ASPECTS = ["Audience", "Pricing", "Strengths", "Weaknesses"]


def _draft(*names):
    return json.dumps({"competitors": list(names)})


def test_junk_names_are_refused():
    check = DraftCheck("a luxury hotel in Paris")
    for junk in (
        _draft("Name", "Company A", "Company B", "Company C", "Company D"),  # the schema's example, copied
        _draft("Luxury Hotel", "Hotel Paris", "Hotel Paris", "Luxury Hotel Paris"),  # the business itself
        _draft("A: 1. 2. 3. 4. 5", "1.", "2"),  # format tokens, what users saw
        _draft("Etsy", "Etsy", "Etsy", "Etsy"),  # one name repeated
        _draft("", " ", "N/A"),
        "Sure! Here are some competitors: Ritz, Four Seasons",  # not the JSON asked for
    ):
        assert not check(junk).ok, junk
    drafted = check.read(_draft("Le Bristol", "1.", "Ritz Paris", "Company A", "Four Seasons George V", "ritz paris"))
    assert drafted.names == ["Le Bristol", "Ritz Paris", "Four Seasons George V"]
    assert [problem for _, problem in drafted.refused] == [
        "a number or list marker, not a name",
        "a placeholder, not a name",
        "a repeat",
    ]
    assert check(_draft("Le Bristol", "Ritz Paris")).ok
    assert check('```json\n{"competitors": ["3M", "7-Eleven"]}\n```').ok, "short real names with digits pass"


def test_analysis_values_must_each_say_something_of_their_own():
    check = AnalysisCheck("Asana", ASPECTS, "an online project-management tool for small teams")
    seen = '{"Audience": "Asana", "Pricing": "1.0.0.1", "Strengths": "1.0.0.1", "Weaknesses": "1.0.0.1"}'
    verdict = check(seen)
    assert not verdict.ok and "Pricing: no words, only numbers or marks" in verdict.reason
    assert {aspect: problem for aspect, (_, problem) in check.read(seen).items()}["Audience"] == (
        "the competitor, the aspect or a placeholder repeated"
    )
    repeated = json.dumps({a: f"This competitor is a luxury hotel with {a.lower()} of note" for a in ASPECTS})
    assert "every aspect says the same thing" in check(repeated).reason
    parrot = json.dumps({**{a: f"fine {a}" for a in ASPECTS}, "Audience": "an online project-management tool for small teams"})
    assert not check(parrot).ok
    assert not check('{"Audience": "teams"}').ok, "every aspect is required"
    good = {
        "Audience": "Small and mid-size teams",
        "Pricing": "Free tier; paid plans from $10.99 per user",
        "Strengths": "Polished UI, many integrations",
        "Weaknesses": "Gets expensive for large teams",
    }
    assert check(json.dumps(good)).ok
    read = check.read(json.dumps({**good, "Pricing": "Free"}))
    assert read["Pricing"] == ("Free", None), "a one-word answer is still an answer"
