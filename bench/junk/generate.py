"""Generate the junk-detection set: real SmolLM2-135M answers to whittle's own prompts.

    WHITTLE_THREADS=1 .venv/bin/python bench/junk/generate.py          # -> bench/junk/generated.jsonl
    .venv/bin/python bench/junk/generate.py --merge-labels bench/junk/labels.tsv   # -> labelled.jsonl

Every case is built from the app's own prompts (competitive-analysis drafting and per-item
analysis, the chat's system prompt with [App event] notes from the long job, todo and
introduction apps, arithmetic, knowledge and summary questions). Temperatures vary from 0.2
to 0.9 so both good and bad answers come out; each call has its own seed, so with one thread
the same file comes out again (checked: a re-run reproduced the first 17 answers exactly).
Generation resumes where an interrupted run stopped. Labels are written afterwards by a person
reading each answer (bench/junk/labels.tsv: id, good|junk, note); --merge-labels joins them into
bench/junk/labelled.jsonl. This script never labels, and the checks never see labels.tsv.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from whittle.apps.competitive_analysis import CompetitiveAnalysis, analysis_prompt, draft_prompt  # noqa: E402
from whittle.apps.introduction import QUESTION, Introduction  # noqa: E402
from whittle.apps.long_job import LongJob  # noqa: E402
from whittle.apps.todo import TodoList  # noqa: E402
from whittle.core import BASE_SYSTEM_PROMPT  # noqa: E402

SEED = 20261202
TEMPERATURES = (0.2, 0.4, 0.6, 0.75, 0.9)
MAX_TOKENS = 96


def event(text: str) -> dict:
    return {"role": "system", "content": f"[App event] {text}"}


def chat(*events: str, question: str, training: str | None = None, user_first: str | None = None) -> list[dict]:
    """The chat's prompt as whittle builds it: system prompt, hidden app events, the question."""
    messages = [{"role": "system", "content": BASE_SYSTEM_PROMPT}]
    if training:
        messages.append(event(training))
    messages += [event(text) for text in events]
    if user_first:
        messages.append({"role": "assistant", "content": user_first})
    messages.append({"role": "user", "content": question})
    return messages


BUSINESSES = [
    "an online project-management tool for small teams",
    "a boutique hotel in Lisbon",
    "a vegan bakery in Leeds",
    "a mobile app for learning Spanish",
    "a bike repair shop",
    "a cloud accounting service for freelancers",
    "a family-run pizza restaurant",
    "a dog-walking service",
]
COMPETITORS = [
    ("Asana", BUSINESSES[0]),
    ("Trello", BUSINESSES[0]),
    ("Monday.com", BUSINESSES[0]),
    ("Hilton Lisbon", BUSINESSES[1]),
    ("Four Seasons Ritz", BUSINESSES[1]),
    ("Greggs", BUSINESSES[2]),
    ("Duolingo", BUSINESSES[3]),
    ("Babbel", BUSINESSES[3]),
    ("Halfords", BUSINESSES[4]),
    ("QuickBooks", BUSINESSES[5]),
    ("Xero", BUSINESSES[5]),
    ("Domino's", BUSINESSES[6]),
    ("Rover", BUSINESSES[7]),
    ("Wag", ""),
]
ASPECTS = ["Audience", "Pricing", "Strengths", "Weaknesses"]
ARITHMETIC = [
    "What is 17 * 23?",
    "What is 12 + 35?",
    "What is 144 / 12?",
    "What is 9 * 8?",
    "What is 250 - 75?",
    "What is 15% of 200?",
    "How much is 6 times 7?",
    "What is 1000 - 1?",
    "What is 3 + 4 * 2?",
    "I have 3 boxes of 12 eggs. How many eggs is that?",
    "What is 45 + 55?",
    "What is 81 / 9?",
    "What is 2 + 2?",
    "What is 19 * 3?",
    "A ticket costs 8 pounds. How much do 5 tickets cost?",
    "What is 100 divided by 4?",
]
KNOWLEDGE = [
    "What is the capital of France?",
    "What is photosynthesis?",
    "Who wrote Romeo and Juliet?",
    "How many days are in a week?",
    "What does a CSV file contain?",
    "What is the boiling point of water in Celsius?",
    "Why is the sky blue?",
    "What is a checksum used for?",
    "What language is spoken in Brazil?",
    "What is the largest planet in the solar system?",
    "What does HTML stand for?",
    "What is a to-do list?",
]
TEXTS = [
    "The meeting on Tuesday was moved to Thursday at 10am because the projector in room 4 is broken. "
    "Please bring your laptops; the new budget figures will be presented by Maria.",
    "Our bakery sold 420 loaves last week, up from 380 the week before. Sourdough was the best seller, "
    "while rye sales fell. We plan to add a seeded loaf in March.",
    "The library will close early on Friday for staff training. Books due that day can be returned on "
    "Saturday without a fine. The online catalogue stays available.",
    "Customers complained that the checkout page was slow on phones. The team compressed the images and "
    "removed two tracking scripts, and page load time dropped from 6 seconds to 2 seconds.",
    "Tom planted tomatoes, beans and lettuce in April. The lettuce was ready in May, the beans in July, "
    "but the tomatoes were eaten by slugs.",
]
SMALL_TALK = ["hi", "thanks!", "hello there", "ok", "good morning", "cool, thank you"]
# Second batch, at low temperature: the first gave mostly junk (the app's structured prompts
# defeat the model), and the set needs good answers too to measure false alarms.
EASY_KNOWLEDGE = [
    "What is the capital of Italy?",
    "How many hours are in a day?",
    "What is the opposite of hot?",
    "What do bees make?",
    "How many legs does a spider have?",
    "What is the capital of Japan?",
    "What colour is grass?",
    "What does CPU stand for?",
    "What is ice made of?",
    "Which ocean is the largest?",
]
# Third batch: still three junk answers for every good one, so more everyday questions at low temperature.
EVERYDAY_KNOWLEDGE = [
    "What is the capital of Germany?", "What is the capital of Spain?", "What is the freezing point of water in Celsius?",
    "How many months are in a year?", "What gas do plants take in?", "Who painted the Mona Lisa?",
    "What is the chemical symbol for gold?", "How many continents are there?", "What does RAM stand for?",
    "What is the tallest mountain in the world?", "What does a web browser do?", "What is a password for?",
    "What animal is known as the king of the jungle?", "What do cows drink?", "What is the main language of Mexico?",
    "What is the currency of Japan?", "How many minutes are in an hour?", "What is the capital of Canada?",
    "What does a thermometer measure?", "What planet do we live on?",
]
SIMPLE_SUMS = [
    "What is 5 + 3?", "What is 10 * 10?", "What is 20 - 8?", "What is 50 / 5?", "What is 7 + 6?",
    "What is 11 * 2?", "What is 30 + 12?", "What is 9 - 4?", "What is 6 * 5?", "What is 64 / 8?",
]
MORE_TEXTS = [
    "The gym will open at 6am instead of 7am from next Monday. The pool stays closed for repairs until June.",
    "Anna finished the report on Friday. Her manager asked for two more charts, which she added on Monday.",
    "The train to York was cancelled because of a signal fault. Passengers were moved to a bus service.",
    "Our website had 12,000 visitors in May, twice as many as in April, mostly from a newsletter mention.",
    "The school fair raised 900 pounds for new library books. The cake stall made the most money.",
]
# Fourth batch: to bring junk nearer half of the set.
LAST_KNOWLEDGE = [
    "What is the capital of Portugal?", "How many sides does a triangle have?", "What colour is the sky on a clear day?",
    "What is the largest animal on Earth?", "What does a dentist look after?", "How many wheels does a bicycle have?",
    "What is the capital of Ireland?", "What do you call frozen rain?", "What does Wi-Fi let a computer do?",
    "What is the first month of the year?", "What fruit is used to make wine?", "How many seconds are in a minute?",
    "What is the capital of Greece?", "What does a keyboard do?", "Which star is closest to Earth?",
]
LAST_SUMS = ["What is 4 + 4?", "What is 12 * 3?", "What is 90 - 45?", "What is 36 / 6?", "What is 25 + 25?",
             "What is 8 * 7?", "What is 14 - 9?", "What is 3 * 3?"]
MORE_SMALL_TALK = ["thank you", "bye!", "how are you?", "nice", "hello!", "great, thanks"]
LOW_TEMPERATURES = (0.2, 0.3)
# Fifth batch, "fresh": written after the checks' newest features (state questions, word-problem
# operands, stemming) were designed on batches 1-4, labelled by reading before the checks were run
# on it, and reported apart by bench/junk_checks.py as an untouched test of those features.
FRESH_BUSINESSES = ["a second-hand bookshop in York", "an indoor climbing gym", "a wedding photography studio",
                    "a budgeting app for students"]
FRESH_COMPETITORS = [("Waterstones", FRESH_BUSINESSES[0]), ("The Climbing Hangar", FRESH_BUSINESSES[1]),
                     ("Emma Case Photography", FRESH_BUSINESSES[2]), ("YNAB", FRESH_BUSINESSES[3])]
FRESH_LISTING = ("The todo list of the profile Default has 4 items: renew passport (not done), email Sara (not done), "
                 "buy stamps (done), fix the bike (not done).")
FRESH_TODO_EVENTS = [
    ("The user marked 'email Sara' as done on the todo list.", "What did I just do?"),
    ("The user deleted 'buy stamps' from the todo list.", "What did I just do?"),
    ("The user added 'book a haircut' to the todo list.", "What did I just change?"),
    ("The user marked 'renew passport' as done on the todo list.", "What is left on my list?"),
    ("The user added 'call mum' to the todo list.", "What is on my todo list?"),
    ("The user deleted 'fix the bike' from the todo list.", "What do I still have to do?"),
]
FRESH_ARITHMETIC = [
    "What is 23 * 4?", "What is 56 + 27?", "What is 120 / 8?", "What is 300 - 125?", "What is 7 * 9?",
    "What is 10% of 450?", "How much is 8 times 6?", "A pen costs 3 pounds. How much do 7 pens cost?",
    "I have 4 bags of 6 apples. How many apples is that?", "What is 48 divided by 6?", "What is 15 + 27?",
    "What is 13 * 3?",
]
FRESH_KNOWLEDGE = [
    "What is the capital of Norway?", "How many days are in a year?", "What do caterpillars turn into?",
    "What is the chemical symbol for water?", "What does a barometer measure?", "What is the capital of Egypt?",
    "How many players are in a football team?", "What does USB stand for?", "What is the largest desert in the world?",
    "Which planet is known as the red planet?", "What does a spreadsheet do?", "What is the capital of Australia?",
]
FRESH_TEXTS = [
    "The council will repair the bridge on Mill Lane in August. Cars must use the ring road for three weeks, "
    "but cyclists can still cross.",
    "Sales of the new blue mug doubled in June after a review in a cooking magazine. The green mug sold out.",
    "Ben missed the 8:15 bus, so he cycled to work and arrived ten minutes late for the team meeting.",
]
FRESH_SMALL_TALK = ["hey", "thanks a lot", "see you later", "what can you do?"]


def cases() -> list[dict]:
    out: list[dict] = []

    def add(kind: str, messages: list[dict]) -> None:
        out.append({"kind": kind, "messages": messages})

    for business in BUSINESSES:
        add("draft", draft_prompt(business))
        add("draft", draft_prompt(business))
    for name, business in COMPETITORS:
        add("analysis", analysis_prompt(name, ASPECTS, business))
        add("analysis", analysis_prompt(name, ASPECTS, business))
    job = LongJob.training_prompt
    started = "The user started the long job: SHA-256 of 400 MB of generated data."
    for mark, facts in [(25, "100 of 400 MB hashed in 3.2 s, about 9.6 s left"),
                        (50, "200 of 400 MB hashed in 6.1 s, about 6.1 s left"),
                        (75, "300 of 400 MB hashed in 9.0 s, about 3.0 s left")]:
        for _ in range(2):
            add("narration", chat(started, f"Long job milestone: {mark}% done. {facts}.",
                                  f"Briefly tell the user the long job is {mark}% done and about how long is left.",
                                  training=job, question="Any news on the job?"))
    for _ in range(3):
        add("narration", chat(started, "Long job milestone: 100% done. 400 of 400 MB hashed in 12.1 s; "
                              "SHA-256 3f9a0c2e71b4d8e6….",
                              "The long job has finished. Briefly tell the user it is 100% done and how long it took.",
                              training=job, question="Is it done?"))
        add("narration", chat(started, "The user cancelled the long job at 40%. 160 of 400 MB hashed in 5.0 s.",
                              "Briefly acknowledge that the long job was cancelled, and at what percentage.",
                              training=job, question="What happened to the job?"))
    todo = TodoList.training_prompt
    listing = "The todo list of the profile Default has 3 items: buy milk (not done), call the dentist (not done), water the plants (done)."
    todo_events = [
        ("The user marked 'buy milk' as done on the todo list.", "What did I just do?"),
        ("The user added 'book train tickets' to the todo list.", "What did I just do?"),
        ("The user deleted 'water the plants' from the todo list.", "What did I just do?"),
        ("The user changed the todo 'call the dentist' to 'call the dentist on Monday'.", "What did I just change?"),
        ("The user marked 'call the dentist' as done on the todo list.", "What is left on my list?"),
        ("The user added 'pay rent' to the todo list.", "What is on my todo list?"),
    ]
    for note, question in todo_events:
        for _ in range(3):
            add("todo", chat("The user opened the Todo list app.", listing, note, training=todo, question=question))
    intro = Introduction.training_prompt
    for reply in ["I'm Sam and I like blue.", "My name is Priya, favourite colour green.", "Call me Joe. Red!"]:
        for _ in range(2):
            add("introduction", chat("The user opened the Introduction app.", training=intro,
                                     user_first=QUESTION, question=reply))
    for _ in range(2):
        add("app_help", chat("The user opened the Competitive analysis app.", training=CompetitiveAnalysis.training_prompt,
                             question="How do I use this app?"))
    for question in ARITHMETIC + ARITHMETIC[:8]:
        add("arithmetic", chat(question=question))
    for question in KNOWLEDGE:
        add("knowledge", chat(question=question))
    for text in TEXTS:
        for _ in range(2):
            add("summary", chat(question=f"Summarize this in one sentence:\n{text}"))
    for text in SMALL_TALK:
        add("small_talk", chat("The user opened the Todo list app.", listing, question=text))
    # -- second batch (low temperature) --
    low = len(out)
    for question in EASY_KNOWLEDGE:
        add("knowledge", chat(question=question))
    for text in MORE_SMALL_TALK:
        add("small_talk", chat("The user opened the Long job app.", training=job, question=text))
    for mark, facts in [(25, "100 of 400 MB hashed in 3.2 s, about 9.6 s left"),
                        (50, "200 of 400 MB hashed in 6.1 s, about 6.1 s left"),
                        (75, "300 of 400 MB hashed in 9.0 s, about 3.0 s left")]:
        add("narration", chat(started, f"Long job milestone: {mark}% done. {facts}.",
                              f"Briefly tell the user the long job is {mark}% done and about how long is left.",
                              training=job, question="How is the job going?"))
    for note, question in todo_events:
        add("todo", chat("The user opened the Todo list app.", listing, note, training=todo, question=question))
    for reply in ["I'm Sam and I like blue.", "My name is Priya, favourite colour green.", "Call me Joe. Red!"]:
        add("introduction", chat("The user opened the Introduction app.", training=intro,
                                 user_first=QUESTION, question=reply))
    for text in TEXTS:
        add("summary", chat(question=f"Summarize this in one sentence:\n{text}"))
    for question in ARITHMETIC[8:]:
        add("arithmetic", chat(question=question))
    for question in EVERYDAY_KNOWLEDGE:
        add("knowledge", chat(question=question))
    for question in SIMPLE_SUMS:
        add("arithmetic", chat(question=question))
    for text in MORE_TEXTS:
        for _ in range(2):
            add("summary", chat(question=f"Summarize this in one sentence:\n{text}"))
    for text in SMALL_TALK:
        add("small_talk", chat("The user opened the Introduction app.", training=intro, question=text))
    for note, question in todo_events[:4]:
        add("todo", chat("The user opened the Todo list app.", listing, note, training=todo, question=question))
    for reply in ["I'm Sam and I like blue.", "My name is Priya, favourite colour green.", "Call me Joe. Red!"]:
        add("introduction", chat("The user opened the Introduction app.", training=intro,
                                 user_first=QUESTION, question=reply))
    for question in LAST_KNOWLEDGE:
        add("knowledge", chat(question=question))
    for question in LAST_SUMS:
        add("arithmetic", chat(question=question))
    for case in out[low:]:
        case["temperatures"] = LOW_TEMPERATURES
    # -- fifth batch ("fresh", all temperatures) --
    fresh = len(out)
    for business in FRESH_BUSINESSES:
        add("draft", draft_prompt(business))
    for name, business in FRESH_COMPETITORS:
        add("analysis", analysis_prompt(name, ASPECTS, business))
    for mark, facts in [(25, "50 of 200 MB hashed in 1.9 s, about 5.7 s left"),
                        (50, "100 of 200 MB hashed in 3.8 s, about 3.8 s left")]:
        add("narration", chat(started.replace("400", "200"), f"Long job milestone: {mark}% done. {facts}.",
                              f"Briefly tell the user the long job is {mark}% done and about how long is left.",
                              training=job, question="How far along is it?"))
    add("narration", chat(started.replace("400", "200"), "The user cancelled the long job at 60%. 120 of 200 MB hashed in 4.4 s.",
                          "Briefly acknowledge that the long job was cancelled, and at what percentage.",
                          training=job, question="Did it stop?"))
    for note, question in FRESH_TODO_EVENTS:
        for _ in range(2):
            add("todo", chat("The user opened the Todo list app.", FRESH_LISTING, note, training=todo, question=question))
    for reply in ["I'm Tom, and my favourite colour is orange.", "Hi, I'm Lena. Purple."]:
        add("introduction", chat("The user opened the Introduction app.", training=intro,
                                 user_first=QUESTION, question=reply))
    for question in FRESH_ARITHMETIC:
        add("arithmetic", chat(question=question))
    for question in FRESH_KNOWLEDGE:
        add("knowledge", chat(question=question))
    for text in FRESH_TEXTS:
        add("summary", chat(question=f"Summarize this in one sentence:\n{text}"))
    for text in FRESH_SMALL_TALK:
        add("small_talk", chat("The user opened the Todo list app.", FRESH_LISTING, question=text))
    for case in out[fresh:]:
        case["split"] = "fresh"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("generated.jsonl"))
    parser.add_argument("--merge-labels", type=Path, metavar="TSV",
                        help="instead of generating: join the answers with a person's labels (id, label, note) "
                             "into labelled.jsonl next to --out")
    args = parser.parse_args()
    if args.merge_labels:
        merge(args.out, args.merge_labels)
        return
    from whittle.llm.embedded import EmbeddedModel  # noqa: PLC0415 - loading the model is the slow part

    threads = int(os.environ.get("WHITTLE_THREADS", "1"))
    model = EmbeddedModel(n_threads=threads)
    done = set()
    if args.out.exists():  # resumable: the machine is busy, a run may be interrupted
        done = {json.loads(line)["id"] for line in args.out.read_text().splitlines() if line.strip()}
    rng = random.Random(SEED)
    all_cases = cases()
    plan = []
    for index, case in enumerate(all_cases):
        temperature, seed = rng.choice(TEMPERATURES), rng.randrange(2**31)
        if "temperatures" in case:  # drawn after the common draw, so earlier cases keep theirs
            temperature = rng.choice(case["temperatures"])
        plan.append((index, case, temperature, seed))
    with args.out.open("a") as out:
        for index, case, temperature, seed in plan:
            case_id = f"{case['kind']}-{index:03d}"
            if case_id in done:
                continue
            started = time.perf_counter()
            # The public complete() has no seed; a bench script may reach the llama object for reproducibility.
            result = model._executor.submit(
                model._llama.create_chat_completion, messages=case["messages"], max_tokens=MAX_TOKENS,
                temperature=temperature, seed=seed,
            ).result()
            answer = result["choices"][0]["message"]["content"] or ""
            record = {"id": case_id, "kind": case["kind"], "temperature": temperature, "seed": seed,
                      "messages": case["messages"], "answer": answer, "split": case.get("split", "design")}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            print(f"{case_id} t={temperature} {time.perf_counter() - started:.1f}s {answer[:70]!r}", flush=True)


def merge(generated: Path, labels_tsv: Path) -> None:
    """labelled.jsonl: every generated answer with its label; refuses if any answer is unlabelled."""
    labels = {}
    for line in labels_tsv.read_text().splitlines():
        if line.strip():
            case_id, label, note = line.split("\t")
            if label not in ("good", "junk"):
                raise SystemExit(f"{labels_tsv}: {case_id} has label {label!r}; use good or junk")
            labels[case_id] = (label, note)
    rows = [json.loads(line) for line in generated.read_text().splitlines() if line.strip()]
    missing = [row["id"] for row in rows if row["id"] not in labels]
    if missing:
        raise SystemExit(f"{len(missing)} answers have no label yet, e.g. {missing[:5]}; label them in {labels_tsv}")
    target = generated.with_name("labelled.jsonl")
    with target.open("w") as out:
        for row in rows:
            label, note = labels[row["id"]]
            record = {"id": row["id"], "kind": row["kind"], "temperature": row["temperature"],
                      "split": row.get("split", "design"),
                      "messages": row["messages"], "answer": row["answer"], "label": label, "note": note}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {target}: {len(rows)} answers, {sum(labels[r['id']][0] == 'junk' for r in rows)} junk")


if __name__ == "__main__":
    main()
