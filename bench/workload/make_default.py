"""Write bench/workload/default.jsonl (and small.jsonl, the test suite's slice) from templates.

The default workload mirrors what whittle's built-in apps and a day of chat send to the router:
job narration, small talk, name/colour and field extraction, todo and headline classification,
page summaries, link-graph readings, competitive-analysis items and drafts, arithmetic word
problems, hard knowledge and SEO questions, and repeats. Seeded, so the file is reproducible:

    .venv/bin/python bench/workload/make_default.py

`reference` stands for the top tier's recorded answer: written here to be right, and graded by the
same judge as every other answer (a reference that fails its own judge stops this script).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE), str(HERE.parent.parent)]  # the last: whittle, for the apps' own notes
from calibration_texts import CALIBRATION_HEADLINES, CALIBRATION_TODOS  # noqa: E402
from workload_judges import grade, validate_judge  # noqa: E402

SYSTEM = (
    "You are the assistant inside whittle, a local web app of guided workflows. "
    "The app is on the left of the screen; you are the chat on the right. "
    "You overhear what the user does in the app: those events reach you as system messages "
    "starting with [App event]. Answer briefly, in plain language."
)

FIRST_NAMES = ["Priya", "Tomasz", "Aiko", "Mateo", "Chiara", "Oluwaseun", "Lars", "Fatima", "Diego", "Mei",
               "Nikolai", "Sanna", "Ravi", "Ingrid", "Kwame", "Lucia", "Hamid", "Elena", "Jonas", "Yara",
               "Pierre", "Amara", "Kenji", "Sofia", "Tariq", "Greta", "Arjun", "Maeve", "Bruno", "Leila",
               "Anton", "Nadia", "Felix", "Rosa", "Emeka"]
COLOURS = ["teal", "red", "blue", "green", "purple", "orange", "yellow", "black", "white", "pink",
           "grey", "navy", "turquoise", "crimson", "gold"]
NAME_COLOUR_TEMPLATES = [
    "hey, I'm {name} and I love {colour}",
    "My name is {name}. Favourite colour? {colour}, definitely.",
    "{name} here! I'd say {colour} is my favourite colour.",
    "call me {name}; my favourite colour is {colour}",
    "Hi, {name} — {colour} all the way",
    "I am {name} and my fav colour is {colour}.",
    "It's {name}. I really like the colour {colour}.",
]

COMPANIES = ["Norwood Tiles", "Bluefin Analytics", "Harbour & Finch", "Ostara Foods", "Quillmark Press",
             "Redgate Cycles", "Sable Logistics", "Tamsin Dental", "Umbra Lighting", "Vantage Roofing",
             "Wexford Legal", "Yarrow Organics", "Zephyr Travel", "Alder Software", "Brightwater Spa"]
CITIES = ["Leeds", "Lyon", "Porto", "Utrecht", "Kraków", "Bilbao", "Graz", "Aarhus", "Turin", "Cork",
          "Ghent", "Malmö", "Brno", "Seville", "Bristol"]
FIELD_TEMPLATES = [
    "Meeting with {company} in {city} on {date} about the website migration.",
    "{company} ({city}) asked for an SEO audit, deadline {date}.",
    "Invoice from {company}, {city} office, dated {date}.",
    "Call notes: {company} is opening a second shop in {city} on {date}.",
    "Reminder: send the crawl report to {company} in {city} before {date}.",
]
DATES = ["14 March", "2 May", "19 June", "7 July", "30 September", "11 November", "3 December"]

TODOS = {
    "shopping": ["buy milk", "get eggs and bread", "order printer paper", "pick up coffee beans", "buy a birthday card",
                 "get batteries for the remote"],
    "work": ["send the crawl report to the client", "prepare the quarterly SEO review", "reply to the agency email",
             "fix the broken redirects on the staging site", "book the team meeting room", "update the keyword sheet"],
    "health": ["book a dentist appointment", "go for a 5 km run", "refill my prescription", "schedule a flu shot",
               "yoga class at 7", "drink more water"],
    "home": ["fix the leaking tap", "water the plants", "take the bins out", "vacuum the living room",
             "change the bed sheets", "clean the oven"],
    "personal": ["call mum on Sunday", "renew my passport", "plan the weekend trip", "write a thank-you note",
                 "finish reading my novel", "learn ten Spanish words"],
}
HEADLINES = {
    "business": ["Retailer's profits jump 12% as online sales soar", "Central bank holds interest rates steady",
                 "Car maker announces merger with rival", "Start-up raises $40m to expand into Europe",
                 "Shipping costs fall for third month in a row"],
    "sport": ["Underdogs win the cup final on penalties", "Sprinter breaks 100 m national record",
              "Tennis champion withdraws from Wimbledon with injury", "Club sacks manager after five straight defeats",
              "Marathon runner sets new course record"],
    "technology": ["New smartphone chip doubles battery life", "Browser update blocks third-party cookies by default",
                   "Open-source AI model runs on a laptop", "Social network fined over data breach",
                   "Quantum computer solves problem in minutes"],
    "politics": ["Parliament passes new housing bill", "Prime minister announces cabinet reshuffle",
                 "Opposition leader calls for early election", "Senate rejects budget proposal",
                 "Mayor wins second term in city vote"],
    "science": ["Telescope spots water vapour on distant planet", "Researchers sequence genome of ancient wheat",
                "New species of frog found in cloud forest", "Study links sleep to memory consolidation",
                "Glacier melt accelerates, satellite data show"],
}

PAGES = [
    ("Lumen Desk Lamp", "lamp", "The Lumen Desk Lamp gives warm, flicker-free light for late work. Its arm folds flat, "
     "the base charges a phone wirelessly, and three brightness levels cover reading to video calls. The lamp draws "
     "5 watts and ships with a two-year warranty."),
    ("Harbour Bakery", "bakery", "Harbour Bakery has baked sourdough by the old docks since 1998. Every loaf is "
     "fermented for 36 hours, and the bakery sells out of its rye by noon on Saturdays. Pastries, coffee and a small "
     "seating area by the window complete the shop."),
    ("TrailRunner 3", "shoe", "The TrailRunner 3 is a lightweight trail shoe with a 4 mm drop and a lugged outsole for "
     "mud and loose rock. Reviewers praise its grip and its roomy toe box; the shoe weighs 280 grams in size 9."),
    ("Crawl Budget Guide", "crawl budget", "This guide explains crawl budget: how many URLs a search engine will fetch "
     "from a site in a given time. Large sites waste crawl budget on faceted navigation, duplicate parameters and "
     "redirect chains; fixing them lets important pages be crawled sooner."),
    ("Orbit Budget App", "budget", "Orbit is a budgeting app that sorts your spending into categories automatically. "
     "It warns you before a bill is due, shows how much is safe to spend until payday, and exports reports for "
     "your accountant. Orbit costs 3 euros a month after a free trial."),
    ("Fjord Kayak Tours", "kayak", "Fjord Kayak Tours runs half-day and full-day kayak trips from Bergen. Guides "
     "provide dry suits and paddles, no experience is needed, and groups are capped at eight people. Tours run "
     "from May to September, weather permitting."),
    ("Internal Linking 101", "internal links", "Internal links connect pages of the same site. They help search "
     "engines discover pages, spread link equity, and show which pages matter most. Orphan pages, with no internal "
     "links pointing to them, are often missed by crawlers."),
    ("Greenleaf Compost Bin", "compost", "The Greenleaf Compost Bin turns kitchen scraps into compost in about eight "
     "weeks. Its two chambers let one batch mature while you fill the other, and the vented lid keeps smells down. "
     "It is made from recycled plastic."),
    ("Nimbus Cloud Backup", "backup", "Nimbus backs up your laptop to the cloud every hour. Files are encrypted before "
     "they leave your machine, old versions are kept for 90 days, and restoring a single file takes two clicks. "
     "Plans start at 2 terabytes."),
    ("Canonical Tags Explained", "canonical", "A canonical tag tells search engines which URL is the preferred version "
     "of a page when several URLs show the same content. It consolidates ranking signals and stops duplicate pages "
     "from competing with each other in search results."),
    ("Atlas Coffee Grinder", "grinder", "The Atlas grinder uses 40 mm conical burrs and offers 30 grind settings, "
     "from espresso to French press. A timer doses the same amount every morning, and the hopper holds 250 grams "
     "of beans."),
    ("Pinewood Summer Camp", "camp", "Pinewood Summer Camp welcomes children aged 8 to 14 for one- or two-week stays "
     "by the lake. Days include canoeing, archery and campfire songs, and every cabin has a trained counsellor."),
]

SECTIONS = ["/blog/2019/", "/products/archive/", "/news/2017/", "/help/legacy/", "/events/past/", "/shop/sale/",
            "/docs/v1/", "/tags/"]

COMPETITORS = [
    ("Ahrefs", "an SEO toolset with a large backlink index"),
    ("Semrush", "an all-in-one marketing and SEO suite"),
    ("Screaming Frog", "a desktop website crawler for technical SEO"),
    ("Sitebulb", "a website auditing crawler with visual reports"),
    ("Moz", "an SEO software company known for Domain Authority"),
    ("Majestic", "a backlink intelligence tool"),
    ("Botify", "an enterprise SEO platform with crawling and log analysis"),
    ("Oncrawl", "a technical SEO crawler with log file analysis"),
    ("Lumar", "a technical SEO platform formerly called Deepcrawl"),
    ("Ryte", "a website quality and SEO platform"),
    ("SE Ranking", "an affordable rank tracking and SEO suite"),
    ("Mangools", "a beginner-friendly keyword research toolset"),
]
BUSINESSES = ["a vegan bakery in Berlin", "an online shop for running shoes", "a dental clinic in Madrid",
              "a project-management SaaS for small agencies", "a boutique hotel in Lisbon",
              "an electric-bike rental company", "a children's bookshop", "a language school for adults",
              "a craft brewery", "a home-cleaning service"]

KNOWLEDGE = [
    ("Which chemical element has atomic number 74?", ["tungsten"], "Tungsten (W) has atomic number 74."),
    ("Who wrote the novel 'The Master and Margarita'?", ["bulgakov"], "Mikhail Bulgakov wrote it."),
    ("What is the SI unit of magnetic flux?", ["weber"], "The weber (Wb)."),
    ("Which HTTP status code means a page has moved permanently?", ["301"], "301 Moved Permanently."),
    ("Which HTTP status code means the page was not found?", ["404"], "404 Not Found."),
    ("What is the capital of Mongolia?", ["ulaanbaatar", "ulan bator"], "Ulaanbaatar."),
    ("In which year was the Peace of Westphalia signed?", ["1648"], "In 1648."),
    ("Which planet has the moon Titan?", ["saturn"], "Saturn."),
    ("What is the largest bone in the human body?", ["femur"], "The femur (thigh bone)."),
    ("Which organelle is known as the powerhouse of the cell?", ["mitochondri"], "The mitochondrion."),
    ("Who painted 'The Garden of Earthly Delights'?", ["bosch"], "Hieronymus Bosch."),
    ("What is the chemical formula of table salt?", ["nacl"], "NaCl, sodium chloride."),
    ("Which file tells search engine crawlers which paths they may not fetch?", ["robots.txt"], "robots.txt."),
    ("What does the 'nofollow' value of a link's rel attribute ask search engines to do?",
     [["not follow", "not pass", "no credit", "not to pass", "not count", "ignore"]],
     "It asks them not to pass ranking credit through the link (not to follow it for ranking)."),
    ("In which country is the city of Tartu?", ["estonia"], "Estonia."),
    ("What is the square root of 1764?", ["42"], "42."),
    ("Which language has the ISO 639-1 code 'eu'?", ["basque"], "Basque."),
    ("Who proposed the theory of general relativity?", ["einstein"], "Albert Einstein, in 1915."),
    ("What is the longest river in Africa?", ["nile"], "The Nile."),
    ("Which gas makes up most of Earth's atmosphere?", ["nitrogen"], "Nitrogen, about 78%."),
    ("What sitemap file format do search engines read by default?", ["xml"], "XML sitemaps (sitemap.xml)."),
    ("Which mathematician is known for the incompleteness theorems?", ["gödel", "godel"], "Kurt Gödel."),
    ("What is the boiling point of water at sea level in Fahrenheit?", ["212"], "212 °F."),
    ("Which metal is liquid at room temperature?", ["mercury"], "Mercury."),
    ("What does a 'hreflang' annotation tell search engines?", [["language", "region"]],
     "Which language or regional version of a page to show to which users."),
]

SMALL_TALK = [
    ("hi", r"(?i)\b(hi|hello|hey|good (morning|afternoon|evening)|welcome|greetings)\b", "Hello! How can I help you today?"),
    ("hello there", r"(?i)\b(hi|hello|hey|welcome|greetings)\b", "Hello! What can I do for you?"),
    ("Good morning!", r"(?i)\b(good morning|morning|hello|hi|hey)\b", "Good morning! How can I help?"),
    ("hey whittle", r"(?i)\b(hi|hello|hey|welcome|greetings)\b", "Hey! What would you like to do?"),
    ("Hi, how are you?", r"(?i)\b(good|fine|well|great|doing)\b", "I'm doing well, thanks! How can I help?"),
    ("good evening", r"(?i)\b(good evening|evening|hello|hi|hey)\b", "Good evening! What can I do for you?"),
    ("thanks!", r"(?i)(welcome|glad|happy to help|pleasure|anytime|no problem)", "You're welcome!"),
    ("Thank you, that helped a lot", r"(?i)(welcome|glad|happy to help|pleasure|anytime|no problem)",
     "Glad it helped!"),
    ("cheers, that's all for now", r"(?i)(welcome|glad|bye|pleasure|anytime|no problem|see you|take care)",
     "You're welcome — see you later!"),
    ("Who are you?", r"(?i)(assistant|whittle)", "I'm whittle's assistant: I help you use the apps on the left."),
    ("What can you do?", r"(?i)(app|help|todo|workflow|list|analys)",
     "I can explain the apps, answer questions, and help with your todo list and workflows."),
    ("bye!", r"(?i)\b(bye|goodbye|see you|take care|later)\b", "Bye! See you next time."),
]


def message_list(*pairs: tuple[str, str]) -> list[dict]:
    return [{"role": role, "content": content} for role, content in pairs]


def narration(rng: random.Random) -> list[dict]:
    """The Long job app's milestones, as it says them now: from templates (apps/long_job.py), with no
    model call (its optional flourish is off and never goes through the router). The runner answers
    an "app_side" line with its text, at no cost and without the router; it is reported apart, not
    as a model's win, and left out of the headline quality and cost figures."""
    out = []
    for i in range(40):
        total = rng.choice([512, 1024, 1536, 2048])
        pct = rng.choice([25, 50, 75, 100])
        done = total * pct // 100
        elapsed = rng.randint(3, 90)
        if pct == 100:
            text = f"Long job is done: {total:,} MB hashed in {elapsed} s. SHA-256 {random.Random(i).getrandbits(64):016x}…"
            judge = {"type": "contains_all", "value": [["finished", "done", "complete", "100"]]}
        else:
            left = max(1, elapsed * (100 - pct) // pct)
            text = f"Long job: {pct}% done — {done:,} of {total:,} MB hashed in {elapsed} s, about {left} s left."
            judge = {"type": "contains_all", "value": [[f"{pct}%", f"{pct} %", f"{pct} percent"]]}
        out.append({"id": f"narration-{i:02d}", "category": "narration", "app": "long-job",
                    "app_side": "template", "prompt": text, "judge": judge, "reference": text})
    return out


def small_talk(rng: random.Random) -> list[dict]:
    out = []
    for i in range(35):
        text, pattern, reference = SMALL_TALK[i % len(SMALL_TALK)]
        messages = message_list(("system", SYSTEM), ("user", text))
        out.append({"id": f"smalltalk-{i:02d}", "category": "small talk", "messages": messages,
                    "judge": {"type": "regex", "value": pattern}, "reference": reference})
    return out


NAME_COLOUR_SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "colour": {"type": "string"}},
                      "required": ["name", "colour"]}


def name_colour(rng: random.Random) -> list[dict]:
    out = []
    for i in range(35):
        name, colour = FIRST_NAMES[i % len(FIRST_NAMES)], rng.choice(COLOURS)
        text = rng.choice(NAME_COLOUR_TEMPLATES).format(name=name, colour=colour)
        messages = message_list(
            ("system", 'Extract the user\'s first name and favourite colour, each copied exactly as the user wrote '
                       'it. Reply with JSON only: {"name": "...", "colour": "..."}'),
            ("user", text))
        expected = {"name": name, "colour": colour}
        out.append({"id": f"namecolour-{i:02d}", "category": "extraction", "app": "introduction", "messages": messages,
                    "caller_check": {"json_schema": NAME_COLOUR_SCHEMA, "grounded": True},
                    "judge": {"type": "json", "value": expected}, "reference": json.dumps(expected)})
    return out


FIELD_SCHEMA = {"type": "object", "properties": {"company": {"type": "string"}, "city": {"type": "string"},
                                                 "date": {"type": "string"}},
                "required": ["company", "city", "date"]}


def fields(rng: random.Random) -> list[dict]:
    out = []
    for i in range(30):
        company, city, date = COMPANIES[i % len(COMPANIES)], rng.choice(CITIES), rng.choice(DATES)
        text = rng.choice(FIELD_TEMPLATES).format(company=company, city=city, date=date)
        messages = message_list(
            ("system", 'Extract the company, the city and the date from the note, each copied exactly as written '
                       'there. Reply with JSON only: {"company": "...", "city": "...", "date": "..."}'),
            ("user", text))
        reference = json.dumps({"company": company, "city": city, "date": date}, ensure_ascii=False)
        out.append({"id": f"fields-{i:02d}", "category": "extraction", "messages": messages,
                    "caller_check": {"json_schema": FIELD_SCHEMA, "grounded": True},
                    "judge": {"type": "json", "value": {"company": company, "city": city}}, "reference": reference})
    return out


def classify(rng, table: dict[str, list[str]], count: int, prefix: str, category: str, what: str, app=None):
    labels = list(table)
    items = [(label, text) for label in labels for text in table[label]]
    rng.shuffle(items)
    out = []
    for i in range(count):
        label, text = items[i % len(items)]
        messages = message_list(
            ("system", f"Classify the {what} into exactly one of: {', '.join(labels)}. Reply with the label only."),
            ("user", text))
        line = {"id": f"{prefix}-{i:02d}", "category": category, "messages": messages,
                "caller_check": {"choices": labels},
                "judge": {"type": "choice", "value": {"answer": label, "choices": labels}}, "reference": label}
        if app:
            line["app"] = app
        out.append(line)
    return out


def summaries(rng: random.Random) -> list[dict]:
    out = []
    asks = ["Summarise this page in one sentence:", "Give me a one-sentence summary of this page:",
            "TL;DR of this page, one sentence please:"]
    for i in range(25):
        title, topic, text = PAGES[i % len(PAGES)]
        messages = message_list(("system", SYSTEM), ("user", f"{rng.choice(asks)}\n\n{title}\n{text}"))
        reference = f"{title}: {text.split('. ')[0].rstrip('.')}."
        out.append({"id": f"summary-{i:02d}", "category": "summarisation", "messages": messages,
                    "judge": {"type": "contains_all", "value": [topic]}, "reference": reference})
    return out


def site_figures(index: int, pages: int, *, deep: tuple[str, int] | None = None,
                 orphans: tuple[int, str] | None = None) -> dict:
    """A complete site summary, shaped as whittle.linkgraph.summary.site_summary returns it, for a site of
    `pages` pages with median click depth 3 and one problem: a `deep` (section, median depth) holding a
    twentieth of the pages, or `orphans` (count, the section holding most of them). Everything else is an
    ordinary site: 8 navigation links and 12 contextual ones per page, a few redirects and 404s."""
    host = "https://www." + COMPANIES[index % len(COMPANIES)].lower().replace(" & ", "-").replace(" ", "-") + ".com"
    orphan_count, orphan_section = orphans if orphans else (12, "/blog/")
    in_section = orphan_count * 4 // 5  # "most of them"; the rest are in /blog/
    deep_pages = pages // 20 if deep else 0
    rest = pages - 1 - 8 - deep_pages - orphan_count
    distribution = {0: 1, 1: 8, 2: rest // 4, 3: rest * 2 // 5, 4: rest // 4}
    distribution[5] = rest - distribution[2] - distribution[3] - distribution[4]
    if deep:
        depth = deep[1]
        for at, count in ((depth - 1, deep_pages // 4), (depth + 1, deep_pages // 4)):
            distribution[at] = distribution.get(at, 0) + count
        distribution[depth] = distribution.get(depth, 0) + deep_pages - 2 * (deep_pages // 4)
    reached = sum(distribution.values())
    mean = round(sum(d * n for d, n in distribution.items()) / reached, 2)
    special = deep_pages if deep else in_section + pages // 20  # the deep section, or the one most orphans are in
    others = pages - 1 - 40 - special  # the home page, /about/ and the special section aside
    sections = [  # (segment, pages, median depth, mean depth, max depth, orphans)
        ("/products/", others // 2, 3, 3.4, 5, 0), ("/blog/", others * 3 // 10, 3, 3.6, 5, orphan_count - in_section),
        ("/guides/", others - others // 2 - others * 3 // 10, 3, 3.1, 5, 0), ("/about/", 40, 4, 4.0, 5, 0),
    ]
    if deep:
        sections.append((deep[0], deep_pages, deep[1], float(deep[1]), deep[1] + 1, 0))
        sections[1] = sections[1][:5] + (orphan_count,)
    else:
        sections.append((orphan_section, special, 3, 3.2, 5, in_section))
    rows = [{"segment": seg, "pages": n, "mean_depth": mean_, "median_depth": float(med), "max_depth": top,
             "unreachable": lost, "orphans": lost, "pagerank_share": round(n / pages, 4)}
            for seg, n, med, mean_, top, lost in sections]
    by_orphans = sorted((r for r in rows if r["orphans"]), key=lambda r: -r["orphans"])
    nav = ["/", "/products/", "/blog/", "/guides/", "/about/", "/contact/", "/cart/", "/login/"]
    status = {"2xx": pages - pages // 200 - pages // 1000, "3xx": pages // 200, "4xx": pages // 1000}
    top_1pct = 0.18 if deep else 0.22
    return {
        "pages": pages, "links": pages * 23, "unique_links": pages * 20, "followed_unique_links": pages * 20,
        "start_url": host + "/", "options": {"start_url": None, "exclude_sitewide": False, "sitewide_share": 0.5,
                                             "damping": 0.85},
        "depth": {"distribution": {str(d): n for d, n in sorted(distribution.items())}, "max": max(distribution),
                  "mean": mean, "median": 3.0, "unreachable": orphan_count},
        "orphans": {"count": orphan_count, "examples": [f"{host}{orphan_section}page-{n}" for n in range(1, 4)],
                    "by_section": [{"segment": r["segment"], "orphans": r["orphans"]} for r in by_orphans]},
        "dead_ends": {"count": pages // 500, "examples": [f"{host}/guides/printable-{n}.pdf" for n in range(1, 4)]},
        "hubs": [{"url": host + path, "out_links_unique": out} for path, out in (("/products/", 180), ("/blog/", 120),
                                                                                 ("/sitemap/", 95))],
        "top_pages": [{"url": host + path, "pagerank": round(0.05 / (rank + 1), 6), "link_score": round(100 - 6.5 * rank, 1),
                       "in_links_unique": pages - 10 * rank} for rank, path in enumerate(nav[:5])],
        "pagerank_concentration": {"top_1pct_share": top_1pct, "top_10pct_share": round(top_1pct + 0.3, 2),
                                   "gini": 0.61},
        "excluded_from_pagerank": status["3xx"],
        "deepest_sections": sorted(rows, key=lambda r: -r["mean_depth"])[:5],
        "sections": sorted(rows, key=lambda r: -r["pages"]),
        "sections_count": len(rows) + 3,
        "status_classes": status,
        "sitewide": {"links": pages * 8, "targets": len(nav), "examples": [host + path for path in nav],
                     "excluded": False},
    }


def analysis_event(index: int, summary: dict) -> str:
    """The [App event] the chat hears when the Link graph app's analysis finishes: its note, as the app
    builds it (whittle.linkgraph.reading.analysis_note), prefixed as a workflow's notes are."""
    from whittle.apps.linkgraph import LinkGraphWorkflow
    from whittle.chat.context import EVENT_PREFIX
    from whittle.linkgraph.reading import analysis_note

    label = f"[{LinkGraphWorkflow.title} · run default-site-{index + 1:02d}]"  # whittle.workflows.engine Run.label
    return f"{EVENT_PREFIX}{label}: {analysis_note(summary)}"  # StepContext.note, then chat.context.as_chat_message


def linkgraph_readings(rng: random.Random) -> list[dict]:
    from whittle.linkgraph.findings import answer, worst

    out = []
    for i in range(20):
        pages = rng.randint(2, 90) * 1000
        section = rng.choice(SECTIONS)
        depth = rng.randint(6, 11)
        orphans = rng.randint(200, 4000)
        problem = rng.choice(["depth", "orphans"])
        if problem == "depth":
            summary = site_figures(i, pages, deep=(section, depth))
            judge = {"type": "contains_all", "value": [section, ["depth", "deep", "clicks"]]}
            reference = (f"The {section} section is buried at depth {depth}, far below the median of 3; link to it "
                         f"from shallower pages so crawlers and users reach it.")
        else:
            summary = site_figures(i, pages, orphans=(orphans, section))
            judge = {"type": "contains_all", "value": [section, "orphan"]}
            reference = (f"{orphans:,} pages are orphans with no internal links, mostly in {section}; link them from "
                         f"their section's hub pages.")
        messages = message_list(
            ("system", SYSTEM),
            ("system", analysis_event(i, summary)),
            ("user", "What is the biggest problem with this site's internal links? Two sentences."))
        # The app answers this question itself from its ranked findings (LinkGraphApp.on_user_message):
        # no model call, so the line is app-side, reported apart like the Long job's milestones.
        out.append({"id": f"linkgraph-{i:02d}", "category": "link-graph reading", "app": "linkgraph",
                    "app_side": "findings", "app_answer": answer(worst(summary)),
                    "messages": messages, "judge": judge, "reference": reference})
    return out


COMPETITOR_SCHEMA = {"type": "object", "properties": {"name": {"type": "string"},
                                                      "strengths": {"type": "array", "items": {"type": "string"}},
                                                      "weaknesses": {"type": "array", "items": {"type": "string"}}},
                     "required": ["name", "strengths", "weaknesses"]}


def competitive(rng: random.Random) -> list[dict]:
    out = []
    for i in range(20):
        name, description = COMPETITORS[i % len(COMPETITORS)]
        messages = message_list(
            ("system", "You are a business analyst. Reply with JSON only: "
                       '{"name": "...", "strengths": ["..."], "weaknesses": ["..."]}'),
            ("user", f"Competitor: {name} ({description}). Business: an SEO agency choosing its tools."))
        reference = json.dumps({"name": name, "strengths": [f"known for being {description}"],
                                "weaknesses": ["price for a small agency"]})
        out.append({"id": f"competitor-{i:02d}", "category": "competitive analysis", "app": "competitive-analysis",
                    "messages": messages, "caller_check": {"json_schema": COMPETITOR_SCHEMA},
                    "judge": {"type": "json", "value": {"name": name, "strengths": "*", "weaknesses": "*"}},
                    "reference": reference})
    # Drafting: five company-like names, one per line (not "1. 2. 3.").
    draft_pattern = r"(?:(?:^|\n)\s*(?:\d+[.)]\s*|[-*]\s*)?[A-Z][A-Za-z&'.-]+(?: [A-Za-z&'.-]+)*\s*){3,}"
    for i in range(10):
        business = BUSINESSES[i % len(BUSINESSES)]
        messages = message_list(
            ("system", "You name companies. Reply with company names only, one per line."),
            ("user", f"Business: {business}\nName 5 competitors of this business, one per line."))
        reference = "\n".join(["Northside Co", "Greenway Ltd", "Brightpath", "Urban Select", "Maple & Stone"])
        out.append({"id": f"draft-{i:02d}", "category": "competitive analysis", "app": "competitive-analysis",
                    "messages": messages, "judge": {"type": "regex", "value": draft_pattern}, "reference": reference})
    return out


def arithmetic(rng: random.Random) -> list[dict]:
    out = []
    for i in range(35):
        a, b, c = rng.randint(12, 98), rng.randint(3, 49), rng.randint(2, 9)
        shape = i % 5
        if shape == 0:
            question, answer = f"What is {a} * {b}?", a * b
        elif shape == 1:
            question, answer = (f"A shop sells {b} boxes of {a} pens each and then {c} more single pens. "
                                f"How many pens did it sell?"), a * b + c
        elif shape == 2:
            question, answer = (f"I had {a * c} euros and spent {b} euros on lunch. How many euros are left?"),\
                a * c - b
        elif shape == 3:
            question, answer = (f"A crawl fetched {a * c} pages in {c} minutes. How many pages per minute is that?"), a
        else:
            question, answer = (f"There are {a} pages at depth 2 and each links to {b} pages at depth 3. "
                                f"How many links is that?"), a * b
        messages = message_list(("system", SYSTEM), ("user", question))
        out.append({"id": f"arith-{i:02d}", "category": "arithmetic", "messages": messages,
                    "judge": {"type": "number", "value": answer},
                    "reference": f"The answer is {answer}."})
    return out


def knowledge(rng: random.Random) -> list[dict]:
    out = []
    for i, (question, items, reference) in enumerate(KNOWLEDGE):
        messages = message_list(("system", SYSTEM), ("user", question))
        # Plain strings are alternative spellings of one answer; a list item is one required idea.
        value = [items] if all(isinstance(item, str) for item in items) else items
        judge = {"type": "contains_all", "value": value}
        out.append({"id": f"knowledge-{i:02d}", "category": "knowledge", "messages": messages, "judge": judge,
                    "reference": reference})
    return out


def repeats(rng: random.Random, pool: list[dict]) -> list[dict]:
    """Users ask the same thing again: greetings, arithmetic, knowledge, a summary."""
    candidates = [line for line in pool if line["category"] in ("small talk", "knowledge", "arithmetic", "summarisation")]
    out = []
    for i, line in enumerate(rng.sample(candidates, 20)):
        copy = dict(line, id=f"repeat-{i:02d}-{line['id']}", category="repeat")
        out.append(copy)
    return out


def build(seed: int = 20261202) -> list[dict]:
    rng = random.Random(seed)
    lines = (narration(rng) + small_talk(rng) + name_colour(rng) + fields(rng)
             + classify(rng, TODOS, 30, "todo", "classification", "todo item", app="todo")
             + classify(rng, HEADLINES, 25, "headline", "classification", "news headline")
             + summaries(rng) + linkgraph_readings(rng) + competitive(rng) + arithmetic(rng) + knowledge(rng))
    lines += repeats(rng, lines)
    for line in lines:
        validate_judge(line["judge"], line["id"])
        if not grade(line["reference"], line["judge"]):
            raise SystemExit(f"{line['id']}: the reference fails its own judge: {line['reference']!r}")
    return lines


def small_slice(lines: list[dict]) -> list[dict]:
    """About 20 lines, every category represented: the test suite's end-to-end run."""
    chosen, seen = [], {}
    for line in lines:
        if seen.get(line["category"], 0) < 2:
            seen[line["category"]] = seen.get(line["category"], 0) + 1
            chosen.append(line)
    return chosen


def calibration(seed: int = 20261203) -> list[dict]:
    """Classification lines on texts the scored workload does not contain, for choosing the label
    threshold (bench/workload/calibrate.py); every text once."""
    rng = random.Random(seed)
    todo_count = sum(len(v) for v in CALIBRATION_TODOS.values())
    headline_count = sum(len(v) for v in CALIBRATION_HEADLINES.values())
    lines = (classify(rng, CALIBRATION_TODOS, todo_count, "cal-todo", "classification", "todo item", app="todo")
             + classify(rng, CALIBRATION_HEADLINES, headline_count, "cal-headline", "classification", "news headline"))
    scored = {line["messages"][-1]["content"] for line in build() if line["category"] == "classification"}
    assert not scored & {line["messages"][-1]["content"] for line in lines}, "calibration texts must be unseen"
    return lines


def write(path: Path, lines: list[dict]) -> None:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")


if __name__ == "__main__":
    workload = build()
    write(HERE / "default.jsonl", workload)
    write(HERE / "small.jsonl", small_slice(workload))
    write(HERE / "calibration.jsonl", calibration())
    print(f"wrote {len(workload)} requests to {HERE / 'default.jsonl'} and "
          f"{len(small_slice(workload))} to {HERE / 'small.jsonl'}")
