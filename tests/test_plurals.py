from whittle.plurals import counted


def test_one_is_singular_everything_else_plural():
    assert counted(1, "suggestion") == "1 suggestion"
    assert counted(0, "suggestion") == "0 suggestions"
    assert counted(2, "step") == "2 steps"
    assert counted(1200, "page") == "1,200 pages"
    assert counted(1, "entry", "entries") == "1 entry" and counted(3, "entry", "entries") == "3 entries"
    assert counted(1.5, "hour") == "1.5 hours"
