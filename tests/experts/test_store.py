"""Experts on disk: front matter, the user's file over a built-in one, clear errors."""

import pytest

from whittle.experts.store import BUILTIN_DIR, ExpertError, ExpertStore, make_expert, parse_expert
from whittle.plugins import BUILTIN_PLUGINS

GOOD = "---\nname: seo-basics\ndescription: 'SEO: links in plain words.'\nwhen_to_use: pagerank, depth\n---\nBe brief.\n"


def test_every_builtin_app_ships_an_expert_that_parses():
    experts = ExpertStore(BUILTIN_DIR / "none").all()
    assert all(e.builtin and e.approx_tokens < 400 for e in experts), "short enough for a 2,048-token window"
    names = {e.name for e in experts}
    assert {"todo", "profiles", "hello-workflow", "competitive-analysis", "long-job", "linkgraph", "costs",
            "introduction"} <= names
    assert len(list(BUILTIN_DIR.glob("*.md"))) == len(experts), "no built-in file is unreadable"
    assert "whittle.apps.experts" in BUILTIN_PLUGINS


def test_round_trip_and_the_users_file_replaces_a_builtin(tmp_path):
    store = ExpertStore(tmp_path)
    expert = parse_expert(GOOD, source="x")
    assert expert.description == "SEO: links in plain words." and expert.when_to_use == "pagerank, depth"
    assert parse_expert(expert.to_markdown(), source="again") == expert
    store.save(make_expert("todo", "My own todo expert.", "Only ever answer 'done'."))
    assert store.get("todo").body == "Only ever answer 'done'." and not store.get("todo").builtin
    assert store.delete("todo") and store.get("todo").builtin, "deleting the edited copy brings the built-in back"
    assert not store.delete("linkgraph"), "a built-in expert cannot be deleted"


@pytest.mark.parametrize("text, message", [
    ("no front matter", "has no front matter"),
    ("---\nname: [unclosed\n---\nx", "not valid YAML"),
    ("---\nname: Bad Name\ndescription: d\n---\nx", "not usable"),
    ("---\nname: ok\n---\nx", "needs a description"),
    ("---\nname: ok\ndescription: d\n---\n   ", "has no text"),
    ("---\nname: ok\ndescription: d\n---\n" + "x" * 13_000, "keep it under 12,000"),
])
def test_bad_files_say_how_to_fix_them(tmp_path, text, message):
    with pytest.raises(ExpertError, match=message):
        parse_expert(text, source="f.md")
    (tmp_path / "f.md").write_text(text)
    store = ExpertStore(tmp_path)
    assert [p for p in store.problems() if message.split()[0] in p], "the page lists the unreadable file"
    assert all(e.builtin for e in store.all()), "and skips it"
