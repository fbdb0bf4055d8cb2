"""`whittle expert list | use` against a real data home."""

from whittle.cli import main


def test_list_and_use_from_the_terminal(home, capsys, whittle):
    assert main(["expert", "list"]) == 0
    out = capsys.readouterr().out
    assert "linkgraph" in out and "built-in" in out and "tokens" in out
    assert main(["expert", "use", "linkgraph"]) == 0
    assert "Orphan: a page" in whittle.system_prompt(), "the running app reads the same choice"
    assert main(["expert", "use", "nope"]) == 2
    assert "no expert called 'nope'" in capsys.readouterr().err
    assert main(["expert", "use", "none"]) == 0
    assert "Orphan: a page" not in whittle.system_prompt()
