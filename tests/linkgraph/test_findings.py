"""Ranked findings from the site summary: which problem is worst, in one sentence with its figures and fix."""

from __future__ import annotations

import copy

import pytest

from tests.linkgraph.helpers import HAND_EDGES, SITE, edge_csv, write
from whittle.linkgraph.analysis import analyse
from whittle.linkgraph.findings import answer, findings, findings_text, median_of_counts, share_text, worst
from whittle.linkgraph.importer import import_graph
from whittle.linkgraph.reading import analysis_note, reading_messages
from whittle.linkgraph.summary import summary_text


def site(pages=7000, **changes):
    """An ordinary site summary (median depth 3, nothing wrong), shaped as site_summary returns it."""
    summary = {
        "pages": pages, "links": pages * 23, "unique_links": pages * 20, "followed_unique_links": pages * 20,
        "start_url": "https://shop.example/", "options": {"exclude_sitewide": False},
        "depth": {"distribution": {"0": 1, "1": 8, "2": pages // 4, "3": pages // 2, "4": pages - 9 - pages // 4 - pages // 2},
                  "max": 4, "mean": 3.0, "median": 3.0, "unreachable": 0},
        "orphans": {"count": 0, "examples": [], "by_section": []},
        "dead_ends": {"count": 0, "examples": []},
        "hubs": [{"url": "https://shop.example/", "out_links_unique": 30}],
        "top_pages": [{"url": "https://shop.example/", "pagerank": 0.05, "link_score": 100.0, "in_links_unique": pages}],
        "pagerank_concentration": {"top_1pct_share": 0.2, "top_10pct_share": 0.5, "gini": 0.6},
        "excluded_from_pagerank": 0,
        "deepest_sections": [{"segment": "/blog/", "pages": pages // 5, "mean_depth": 3.4, "median_depth": 3.0,
                              "max_depth": 4, "unreachable": 0, "orphans": 0, "pagerank_share": 0.2}],
        "sections": [], "sections_count": 3,
        "status_classes": {"2xx": pages},
        "sitewide": {"links": pages * 8, "targets": 8, "examples": [], "excluded": False},
    }
    for path, value in changes.items():
        *parents, key = path.split("__")
        target = summary
        for parent in parents:
            target = target[parent]
        target[key] = value
    return summary


def orphaned(count=3266, pages=7000, section="/tags/", in_section=2612):
    return site(pages, orphans={"count": count, "examples": [], "by_section": [
        {"segment": section, "orphans": in_section}, {"segment": "/blog/", "orphans": count - in_section}]},
        depth__unreachable=count)


def deep(section="/docs/v1/", depth=10.0, pages=32000, share=20):
    summary = site(pages)
    summary["deepest_sections"].insert(0, {"segment": section, "pages": pages // share, "mean_depth": depth,
                                           "median_depth": depth, "max_depth": int(depth) + 1, "unreachable": 0,
                                           "orphans": 0, "pagerank_share": 0.01})
    return summary


def test_an_ordinary_site_has_no_findings():
    assert findings(site()) == [] and findings_text([]) == "" and answer([]) == ""


def test_orphans_sentence_has_figures_section_and_fix():
    [finding] = findings(orphaned())
    assert finding.kind == "orphans" and finding.pages == 3266
    assert finding.text == ("3,266 pages (47%) are orphans with no internal link to them, most in /tags/: "
                            "link them from their section's hub pages.")
    assert finding.severity == pytest.approx(46.66, abs=0.01) and finding.priority == "high"


def test_orphans_spread_over_sections_name_the_largest_share_with_its_count():
    [finding] = findings(orphaned(count=1000, in_section=400))
    assert ", the most in /tags/ (400):" in finding.text


def test_a_deep_section_names_its_depth_against_the_site_median():
    [finding] = findings(deep())
    assert finding.kind == "deep_section"
    assert finding.fact == ("The /docs/v1/ section (1,600 pages, 5%) sits at median click depth 10, "
                            "7 clicks deeper than the site's median of 3")
    # 5% of the pages, harm capped at 0.9 (7 clicks x 0.15 = 1.05)
    assert finding.severity == pytest.approx(4.5)


def test_one_click_deeper_than_the_median_is_ordinary_hierarchy():
    assert findings(deep(depth=4.0)) == []
    assert [f.kind for f in findings(deep(depth=5.0))] == ["deep_section"]


def test_severity_weighs_the_share_of_pages_with_the_harm():
    # Orphans on 47% of the site outrank a deep section on 5%; a deep section on half the site
    # outranks orphans on 1% of it.
    both = deep()
    both["orphans"] = orphaned(count=320, pages=32000, in_section=300)["orphans"]
    both["depth"]["unreachable"] = 320
    assert [f.kind for f in findings(both)] == ["deep_section", "orphans"]
    many = orphaned(count=16000, pages=32000, in_section=15000)
    many["deepest_sections"] = deep()["deepest_sections"]
    assert [f.kind for f in findings(many)] == ["orphans", "deep_section"]


def test_status_classes_errors_outrank_redirects_of_the_same_count():
    summary = site(status_classes={"2xx": 6800, "3xx": 100, "4xx": 100})
    ranked = findings(summary)
    assert [f.kind for f in ranked] == ["errors_4xx", "redirects"]
    assert ranked[0].text == "100 linked pages (1.4%) answer with a client error (4xx): fix or remove the internal links to them."
    assert ranked[0].severity == pytest.approx(100 * 100 / 7000, abs=0.01) and ranked[1].severity == pytest.approx(0.29)


def test_pagerank_concentration_is_a_finding_only_beyond_half():
    assert findings(site(pagerank_concentration={"top_1pct_share": 0.45, "top_10pct_share": 0.7, "gini": 0.7})) == []
    [finding] = findings(site(pagerank_concentration={"top_1pct_share": 0.8, "top_10pct_share": 0.9, "gini": 0.91}))
    assert finding.kind == "pagerank" and "hold 80% of the internal PageRank (Gini 0.91)" in finding.text
    assert finding.severity == pytest.approx(29.7, abs=0.1)  # 0.5 x (0.8 - 0.5) / 0.5 x 99% of the pages


def test_sitewide_links_are_at_most_a_low_finding():
    [finding] = findings(site(sitewide={"links": 7000 * 20, "targets": 9, "examples": [], "excluded": False}))
    assert finding.kind == "sitewide" and finding.severity == pytest.approx(2.0) and finding.priority == "medium"
    assert findings(site(sitewide={"links": 7000 * 9, "targets": 9, "examples": [], "excluded": False})) == []


def test_dead_ends_and_unreachable_pages_that_are_not_orphans():
    summary = orphaned(count=70, in_section=60)
    summary["depth"]["unreachable"] = 170
    summary["dead_ends"] = {"count": 700, "examples": []}
    kinds = {f.kind: f for f in findings(summary)}
    assert kinds["unreachable"].pages == 100 and "cannot be reached from the start page" in kinds["unreachable"].text
    assert kinds["dead_ends"].text.startswith("700 pages (10%) are dead ends")


def test_older_summaries_without_medians_use_the_depth_table_and_mean():
    summary = deep()
    del summary["depth"]["median"]
    del summary["deepest_sections"][0]["median_depth"]
    [finding] = findings(summary)
    assert "sits at mean click depth 10, 7 clicks deeper than the site's median of 3" in finding.text
    summary_text(summary)  # and the text still renders


def test_worst_leaves_out_trifles_next_to_the_real_problem():
    summary = orphaned()
    summary["status_classes"] = {"2xx": 6950, "3xx": 35, "4xx": 15}
    assert [f.kind for f in findings(summary)] == ["orphans", "errors_4xx", "redirects"]
    assert [f.kind for f in worst(summary)] == ["orphans"]
    assert findings_text(worst(summary)).startswith("Biggest problem: 3,266 pages (47%) are orphans")
    comparable = orphaned(count=700, in_section=600)
    comparable["status_classes"] = {"2xx": 6600, "4xx": 400}
    assert findings_text(worst(comparable)).startswith("Biggest problems, worst first: 1. 700 pages (10%) are orphans")
    assert " 2. 400 linked pages (5.7%) answer with a client error (4xx)" in findings_text(worst(comparable))


def test_answer_is_the_worst_finding_in_two_sentences():
    assert answer(worst(orphaned())) == ("Biggest problem: 3,266 pages (47%) are orphans with no internal link to them, "
                                         "most in /tags/. Link them from their section's hub pages.")


def test_the_note_and_the_reading_carry_the_findings_after_the_figures():
    note = analysis_note(orphaned())
    assert note.startswith("Link graph analysis (figures computed by whittle, exact):\nPages: 7,000;")
    assert note.endswith("\nBiggest problem: 3,266 pages (47%) are orphans with no internal link to them, most in /tags/: "
                         "link them from their section's hub pages.")
    assert "most in /tags/" in reading_messages(orphaned())[1]["content"]
    assert analysis_note(site()) == "Link graph analysis (figures computed by whittle, exact):\n" + summary_text(site())


def test_findings_leave_the_summary_unchanged():
    summary = orphaned()
    before = copy.deepcopy(summary)
    findings(summary)
    assert summary == before


def test_share_and_median_helpers():
    assert [share_text(n, 1000) for n in (0, 4, 90, 95, 470)] == ["0%", "0.4%", "9%", "10%", "47%"]
    assert median_of_counts({"0": 1, "1": 2, "2": 1}) == 1 and median_of_counts({"1": 1, "2": 1}) == 1.5
    assert median_of_counts({}) is None


def test_findings_of_a_real_analysis(tmp_path):
    """The hand-checked graph: /g and /f have no inlinks (2 of 7 pages), /e and /f no outlinks."""
    edges = edge_csv(tmp_path / "links.csv", HAND_EDGES)
    meta = write(tmp_path / "pages.csv", "Address,Status Code\n" + "".join(f"{SITE}{p},200\n" for p in ("/", "/b", "/c", "/d", "/e", "/f", "/g")))
    import_graph(edges, tmp_path / "graph", metadata_csv=meta)
    summary = analyse(tmp_path / "graph").summary
    assert summary["depth"]["median"] == 1.0  # depths 0, 1, 1, 2, 3
    ranked = findings(summary)
    assert [f.kind for f in ranked] == ["orphans", "dead_ends"]
    assert ranked[0].text.startswith("2 pages (29%) are orphans with no internal link to them")
    assert ranked[1].severity == pytest.approx(100 * 0.2 * 2 / 7, abs=0.01)
