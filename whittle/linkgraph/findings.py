"""The link graph's problems, found and ranked by whittle itself: the model only phrases them.

An SEO crawler's issues list (Screaming Frog's Issues tab, Sitebulb's hints) is computed, not
written: the tool knows which problem is worst. So does this module, from the site summary
(summary.py `site_summary`) alone, and each finding is one plain sentence with its figures and
its fix, ready to be said as it is.

Severity, 0 to 100, on one scale for every kind of problem:

    severity = 100 x (share of the site's pages the problem touches) x (harm to each of them, 0..1)

that is, roughly the share of the site's search visibility at stake. A problem on half the site
outranks one on a twentieth of it; of two problems on the same pages, the one that stops a crawler
outranks the one that only weakens a signal. The harm weights follow the priorities crawlers give
the same issues (high: the page cannot be found or is broken; low: a weaker signal):

- orphans (no internal link points to them): 1.0. Crawlers find them only through a sitemap or an
  external link, and they receive no internal PageRank.
- pages unreachable from the start page although something links to them (linked only from
  orphans, or only through nofollow links): 0.9, nearly as lost as orphans.
- client (4xx) and server (5xx) errors: 1.0. The link leads nowhere: crawl spent, equity lost.
- redirects (3xx): 0.2. They work, but every internal link to one costs a hop and a little equity.
- a deep section: 0.15 per click its median depth lies beyond the site's median, at most 0.9.
  Pages within about three clicks are crawled often and get their share of PageRank; each further
  click lowers both, and a section many clicks down is rarely refreshed. Flagged from 2 clicks
  beyond the median (and depth 4): one click more is ordinary hierarchy.
- dead ends (no internal outlinks): 0.2. They stop visitors and crawlers and pass nothing on, but
  the pages themselves are fine.
- PageRank concentration: the pages outside the top 1% are the ones touched, harmed in proportion
  to how far the top 1%'s share exceeds half (the home page and the sections in the navigation,
  linked from every page, always hold a large share: 40-50% on an ordinary shop), times 0.5: a
  weaker signal, not a lost page. At 80% the rest of the site shares a fifth: severity 30.
- sitewide links: not a share of pages: 100 x 0.02 x how far their share of the unique links
  exceeds half, so at most 2. Navigation is needed and search engines discount boilerplate links;
  the finding says that contextual links are drowned out, a refinement rather than a fault.

Priorities, as crawlers label issues: high from severity 10 (a tenth of the site lost, or a fifth
badly weakened), medium from 2, low below.

Every finding with a non-zero figure is listed, however small, so the page can show them all;
the chat hears the worst few, those at least a quarter as severe as the worst (`worst`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

# Harm per touched page (see the module docstring for why each).
ORPHAN_HARM = 1.0
UNREACHABLE_HARM = 0.9
ERROR_HARM = 1.0
REDIRECT_HARM = 0.2
DEAD_END_HARM = 0.2
DEPTH_HARM_PER_CLICK = 0.15
DEPTH_HARM_MAX = 0.9
CONCENTRATION_HARM = 0.5
SITEWIDE_HARM = 0.02
# Thresholds below which a figure is ordinary, not a problem.
DEEP_EXCESS_CLICKS = 2  # a section's median depth this far beyond the site's median...
DEEP_MIN_DEPTH = 4  # ...and at least this deep
ORDINARY_TOP_1PCT_SHARE = 0.50
ORDINARY_SITEWIDE_SHARE = 0.50
DEEP_SECTIONS_LISTED = 2
# A finding is told to the chat beside the worst one only when at least this fraction as severe.
COMPARABLE = 4.0
# Priority labels, as crawlers name them, from the severity.
HIGH, MEDIUM = 10.0, 2.0


@dataclass(frozen=True)
class Finding:
    kind: str  # orphans, unreachable, deep_section, errors_4xx, errors_5xx, redirects, dead_ends, pagerank, sitewide
    severity: float  # 0..100, see the module docstring
    fact: str  # what is wrong, with its figures: "3,266 pages (47%) are orphans ..., most in /tags/"
    fix: str  # what to do: "link them from their section's hub pages"
    pages: int  # pages touched (0 where the finding is about links)

    @property
    def text(self) -> str:
        """One sentence: the figures, then the fix after a colon."""
        return f"{self.fact}: {self.fix}."

    @property
    def sentences(self) -> str:
        """The same as two sentences, as an answer says it."""
        return f"{self.fact}. {self.fix[0].upper()}{self.fix[1:]}."

    @property
    def priority(self) -> str:
        return "high" if self.severity >= HIGH else "medium" if self.severity >= MEDIUM else "low"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"text": self.text, "priority": self.priority}


def share_text(part: int, whole: int) -> str:
    """47% and 0.4%: whole percent unless that would say 0% or round a small share away."""
    share = part / whole if whole else 0.0
    return f"{share:.0%}" if share >= 0.095 or share == 0 else f"{share:.1%}".replace(".0%", "%")


def median_of_counts(distribution: Mapping[str, int]) -> float | None:
    """The median of a {value: count} table (the summary's pages per click depth)."""
    pairs = sorted((float(value), count) for value, count in distribution.items())
    total = sum(count for _, count in pairs)
    if not total:
        return None
    lower = upper = None
    seen = 0
    for value, count in pairs:
        seen += count
        if lower is None and seen >= (total + 1) // 2:
            lower = value
        if seen >= total // 2 + 1:
            upper = value
            break
    return (lower + upper) / 2


def site_median_depth(summary: Mapping[str, Any]) -> float | None:
    depth = summary.get("depth") or {}
    if depth.get("median") is not None:
        return float(depth["median"])
    return median_of_counts(depth.get("distribution") or {})


def counted(count: int, one: str, many: str) -> str:
    """'1 page is', '3,266 pages are': the count with its noun (and verb) agreeing."""
    return f"{count:,} {one if count == 1 else many}"


def _number(value: float) -> str:
    return f"{value:g}"


def _orphans(summary: Mapping[str, Any], pages: int) -> list[Finding]:
    orphans = summary.get("orphans") or {}
    count = int(orphans.get("count") or 0)
    if not count:
        return []
    where = ""
    sections = orphans.get("by_section") or []
    if sections:
        top = sections[0]
        where = (f", in {top['segment']}" if top["orphans"] == count == 1
                 else f", most in {top['segment']}" if top["orphans"] * 2 > count
                 else f", the most in {top['segment']} ({top['orphans']:,})")
    fact = (f"{counted(count, 'page', 'pages')} ({share_text(count, pages)}) "
            f"{'is an orphan' if count == 1 else 'are orphans'} with no internal link to {'it' if count == 1 else 'them'}{where}")
    fix = "link it from its section's hub page" if count == 1 else "link them from their section's hub pages"
    return [Finding("orphans", 100 * ORPHAN_HARM * count / pages, fact, fix, count)]


def _unreachable(summary: Mapping[str, Any], pages: int) -> list[Finding]:
    unreachable = int((summary.get("depth") or {}).get("unreachable") or 0)
    linked = unreachable - int((summary.get("orphans") or {}).get("count") or 0)  # orphans have their own finding
    if linked <= 0:
        return []
    fact = (f"{counted(linked, 'page', 'pages')} ({share_text(linked, pages)}) {'has' if linked == 1 else 'have'} "
            "internal links but cannot be reached from the "
            "start page (linked only from orphans or through nofollow links)")
    return [Finding("unreachable", 100 * UNREACHABLE_HARM * linked / pages, fact,
                    "link them from a page that can be reached", linked)]


def _deep_sections(summary: Mapping[str, Any], pages: int) -> list[Finding]:
    median = site_median_depth(summary)
    if median is None:
        return []
    found = []
    for row in summary.get("deepest_sections") or []:
        depth = row.get("median_depth")
        measure = "median" if depth is not None else "mean"  # summaries before the medians have means only
        depth = row.get("mean_depth") if depth is None else depth
        if depth is None:
            continue
        excess = float(depth) - median
        if excess < DEEP_EXCESS_CLICKS or depth < DEEP_MIN_DEPTH:
            continue
        harm = min(DEPTH_HARM_MAX, DEPTH_HARM_PER_CLICK * excess)
        fact = (f"The {row['segment']} section ({row['pages']:,} pages, {share_text(row['pages'], pages)}) sits at "
                f"{measure} click depth {_number(float(depth))}, {_number(excess)} clicks deeper than the site's median "
                f"of {_number(median)}")
        fix = "link to it from the home page or a hub page so its pages are fewer clicks away"
        found.append(Finding("deep_section", 100 * harm * row["pages"] / pages, fact, fix, int(row["pages"])))
    return sorted(found, key=lambda f: -f.severity)[:DEEP_SECTIONS_LISTED]


def _status(summary: Mapping[str, Any], pages: int) -> list[Finding]:
    classes = summary.get("status_classes") or {}
    found = []
    for kind, key, harm, verb, what, fix in (
        ("errors_4xx", "4xx", ERROR_HARM, ("answers", "answer"), "with a client error (4xx)",
         "fix or remove the internal links to them"),
        ("errors_5xx", "5xx", ERROR_HARM, ("answers", "answer"), "with a server error (5xx)",
         "fix the errors or stop linking to them"),
        ("redirects", "3xx", REDIRECT_HARM, ("is a redirect", "are redirects"), "(3xx)", "link to their final URLs instead"),
    ):
        count = int(classes.get(key) or 0)
        if count:
            fact = (f"{counted(count, 'linked page', 'linked pages')} ({share_text(count, pages)}) "
                    f"{verb[count != 1]} {what}")
            found.append(Finding(kind, 100 * harm * count / pages, fact, fix, count))
    return found


def _dead_ends(summary: Mapping[str, Any], pages: int) -> list[Finding]:
    count = int((summary.get("dead_ends") or {}).get("count") or 0)
    if not count:
        return []
    fact = (f"{counted(count, 'page', 'pages')} ({share_text(count, pages)}) "
            f"{'is a dead end' if count == 1 else 'are dead ends'} with no internal outlinks")
    return [Finding("dead_ends", 100 * DEAD_END_HARM * count / pages, fact,
                    "add links to related pages and to their section", count)]


def _pagerank(summary: Mapping[str, Any], pages: int) -> list[Finding]:
    concentration = summary.get("pagerank_concentration") or {}
    top = float(concentration.get("top_1pct_share") or 0.0)
    if top <= ORDINARY_TOP_1PCT_SHARE or pages < 100:  # under 100 pages the top 1% is one page: always large
        return []
    excess = (top - ORDINARY_TOP_1PCT_SHARE) / (1 - ORDINARY_TOP_1PCT_SHARE)
    touched = pages - max(1, pages // 100)
    fact = (f"The top 1% of pages hold {top:.0%} of the internal PageRank (Gini "
            f"{float(concentration.get('gini') or 0):.2f}), so the rest of the site gets little")
    fix = "link from those pages to the important pages deeper in the site"
    return [Finding("pagerank", 100 * CONCENTRATION_HARM * excess * touched / pages, fact, fix, touched)]


def _sitewide(summary: Mapping[str, Any], pages: int) -> list[Finding]:
    sitewide = summary.get("sitewide") or {}
    links, unique = int(sitewide.get("links") or 0), int(summary.get("unique_links") or 0)
    share = links / unique if unique else 0.0
    if share <= ORDINARY_SITEWIDE_SHARE:
        return []
    excess = (share - ORDINARY_SITEWIDE_SHARE) / (1 - ORDINARY_SITEWIDE_SHARE)
    fact = (f"{share:.0%} of the unique internal links are sitewide (navigation, header, footer; {links:,} links to "
            f"{int(sitewide.get('targets') or 0):,} pages)")
    return [Finding("sitewide", 100 * SITEWIDE_HARM * excess, fact,
                    "add links in the page content so the pages that matter stand out", 0)]


FINDERS = (_orphans, _unreachable, _deep_sections, _status, _dead_ends, _pagerank, _sitewide)


def findings(summary: Mapping[str, Any]) -> list[Finding]:
    """Every problem the summary shows, worst first (ties: the order of FINDERS)."""
    pages = int(summary.get("pages") or 0)
    if pages <= 0:
        return []
    found = [finding for finder in FINDERS for finding in finder(summary, pages)]
    ranked = sorted(enumerate(found), key=lambda pair: (-round(pair[1].severity, 6), pair[0]))
    return [replace(f, severity=round(f.severity, 2)) for _, f in ranked]


def worst(summary: Mapping[str, Any], count: int = 3, within: float = COMPARABLE) -> list[Finding]:
    """The `count` worst findings that are at least 1/`within` as severe as the worst one: what the
    chat hears. "47% of pages are orphans" is not followed by "0.1% are 404s": a trifle listed next
    to the real problem only blurs it (the page still lists every finding)."""
    found = findings(summary)
    if not found:
        return []
    return [f for f in found[:count] if f.severity * within >= found[0].severity]


def findings_text(items: list[Finding]) -> str:
    """'Biggest problems, worst first: 1. … 2. …' ('Biggest problem: …' for one; empty for none)."""
    if not items:
        return ""
    if len(items) == 1:
        return f"Biggest problem: {items[0].text}"
    return "Biggest problems, worst first: " + " ".join(f"{n}. {f.text}" for n, f in enumerate(items, 1))


def answer(items: list[Finding]) -> str:
    """The chat's answer to "what is the biggest problem?": the worst finding in two sentences, and
    the next ones after it ("" when nothing was found)."""
    if not items:
        return ""
    first, rest = items[0], items[1:]
    more = (" Next: " + " ".join(f"{f.fact}." for f in rest)) if rest else ""
    return f"Biggest problem: {first.sentences}{more}"
