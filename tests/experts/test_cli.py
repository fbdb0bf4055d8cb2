"""`whittle expert list | use` against a real data home."""

from whittle.cli import main
from whittle.experts.choice import connect_experts


def test_list_and_use_from_the_terminal(home, capsys, whittle):
    assert main(["expert", "list"]) == 0
    out = capsys.readouterr().out
    assert "linkgraph" in out and "built-in" in out and "tokens" in out
    experts = connect_experts(whittle)
    assert main(["expert", "use", "linkgraph"]) == 0
    assert "now uses the linkgraph expert" in capsys.readouterr().out
    assert experts.choice() == "linkgraph", "the running app reads the same conversation's choice"
    assert "Orphan: a page" in experts.for_turn("hi").text
    assert main(["expert", "use", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no expert called 'nope'" in err and "`whittle expert list` shows them" in err
    assert experts.choice() == "linkgraph", "a refused choice changes nothing"
    assert main(["expert", "use", "auto"]) == 0 and experts.choice() == "auto"
    assert main(["expert", "use", "none"]) == 0
    assert experts.choice() is None and experts.for_turn("What is click depth?") is None
