"""`whittle linkgraph import | analyse | summary | export` end to end, through the real entry point."""

from __future__ import annotations

import polars as pl

from tests.linkgraph.helpers import HAND_EDGES, SITE, edge_csv, write
from whittle.cli import main


def test_import_analyse_summary_export(tmp_path, capsys):
    edges = edge_csv(tmp_path / "links.csv", HAND_EDGES, header="From,To")
    pages = write(tmp_path / "pages.csv", f"Address,Status Code\n{SITE}/f,200\n")
    graph = tmp_path / "site"
    assert main(["linkgraph", "import", str(edges), "--pages", str(pages), "--out", str(graph),
                 "--map", "source=From", "--map", "target=To"]) == 0
    out = capsys.readouterr().out
    assert "6 links" in out and "7 URLs" in out
    assert main(["linkgraph", "analyse", str(graph), "--start", f"{SITE}/"]) == 0
    out = capsys.readouterr().out
    assert "Orphans (no inlinks): 2" in out and "max 3" in out
    assert main(["linkgraph", "summary", str(graph)]) == 0
    assert "Pages: 7" in capsys.readouterr().out
    assert main(["linkgraph", "export", str(graph), "--out", str(tmp_path / "m.csv")]) == 0
    assert pl.read_csv(tmp_path / "m.csv").height == 7


def test_errors_name_the_fix(tmp_path, capsys):
    assert main(["linkgraph", "import", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "g")]) == 2
    assert "does not exist" in capsys.readouterr().err
    edges = edge_csv(tmp_path / "links.csv", HAND_EDGES, header="Von,Nach")
    assert main(["linkgraph", "import", str(edges), "--out", str(tmp_path / "g")]) == 2
    assert "Von, Nach" in capsys.readouterr().err
    assert not (tmp_path / "g").exists()
    assert main(["linkgraph", "analyse", str(tmp_path / "g")]) == 2
    assert "whittle linkgraph import" in capsys.readouterr().err
    assert main(["linkgraph", "import", str(edges), "--out", str(tmp_path / "g"), "--map", "source"]) == 2
    assert "role=Column" in capsys.readouterr().err
