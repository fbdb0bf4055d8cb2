"""AnswerCache: answers kept in SQLite, found again by exact key or by a guarded lexical match.

The key of every entry is (kind, context key, normalised question):

- ``kind`` is what the request is ("chat", "classify", "extract", …): the same words
  asked as a classification and as a chat turn want different answers.
- ``context_key`` stands for everything else the model would see. Pass `CONTEXT_FREE`
  only for requests whose prompt holds nothing but the question (and a fixed system
  prompt); otherwise pass `context_hash(...)` of the model-visible context (system
  prompt with the user's facts, history, hidden app notes). Lookups never cross context
  keys, so "what did I just do?" can only hit when the conversation is identical, while
  "what is internal PageRank?" asked context-free hits for everyone.

An exact lookup is one indexed SELECT on that key. A semantic lookup compares the
question with the entries of the same (kind, context key) that share a content word,
using an in-memory index rebuilt from the table on first use and topped up with rows
newer than the last one seen (so another process's writes show up); every candidate
passes the false-hit guard before its similarity counts.
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from whittle.cache.guard import veto
from whittle.cache.question import Question, parse
from whittle.cache.similarity import cannot_reach, similarity
from whittle.db import Database, Migration

MIGRATIONS = (
    Migration(
        "answer_cache_001_create",
        """
        CREATE TABLE answer_cache (
            id INTEGER PRIMARY KEY,
            question TEXT NOT NULL,
            normalised TEXT NOT NULL,
            kind TEXT NOT NULL,
            context_key TEXT NOT NULL,
            answer TEXT NOT NULL,
            model TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            hits INTEGER NOT NULL DEFAULT 0,
            last_hit_at TEXT
        );
        CREATE UNIQUE INDEX answer_cache_key ON answer_cache (kind, context_key, normalised)
        """,
    ),
)

CONTEXT_FREE = "context-free"

# Chosen on the QQP calibration half by bench/cache_qqp.py: the lowest threshold whose
# hits there are at least 99% labelled duplicates (see the bench for held-out figures).
DEFAULT_THRESHOLD = 0.666

# A lookup scores at most this many entries: those sharing the most content words.
# (Entries are grouped per (kind, context key) first, so this bounds the work per lookup.)
MAX_CANDIDATES = 64


def context_hash(*parts: str) -> str:
    """A key for model-visible context: system prompt, history, hidden notes, in order."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big"))  # length-prefixed: ("ab","c") ≠ ("a","bc")
        digest.update(encoded)
    return "sha256:" + digest.hexdigest()


@dataclass(frozen=True)
class CacheHit:
    answer: str
    similarity: float
    matched_question: str
    exact: bool
    model: str = ""
    entry_id: int = 0


@dataclass
class _Bucket:
    """The parsed entries of one (kind, context key), indexed by content stem."""

    questions: dict[int, Question] = field(default_factory=dict)
    by_stem: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    contentless: set[int] = field(default_factory=set)

    def add(self, entry_id: int, question: Question) -> None:
        self.remove(entry_id)
        self.questions[entry_id] = question
        if question.content:
            for s in question.content:
                self.by_stem[s].add(entry_id)
        else:
            self.contentless.add(entry_id)

    def remove(self, entry_id: int) -> None:
        old = self.questions.pop(entry_id, None)
        if old is None:
            return
        for s in old.content:
            self.by_stem[s].discard(entry_id)
        self.contentless.discard(entry_id)

    def candidates(self, question: Question) -> list[int]:
        """Entries holding one of the query's two rarest content stems, most shared stems first.

        A match may differ by at most one content word before its cost sinks it below any
        useful threshold, so it must hold the rarest or the second-rarest stem; looking only
        there keeps common words ("best", "way") from pulling in half the cache.
        """
        if not question.content:
            return list(self.contentless)
        postings = sorted((self.by_stem.get(s, set()) for s in question.content), key=len)
        pool = set().union(*postings[:2])
        if len(pool) <= MAX_CANDIDATES:
            return list(pool)
        overlap = {entry_id: len(self.questions[entry_id].content & question.content) for entry_id in pool}
        return sorted(pool, key=lambda entry_id: -overlap[entry_id])[:MAX_CANDIDATES]


class AnswerCache:
    def __init__(self, db: Database, *, threshold: float = DEFAULT_THRESHOLD, semantic: bool = True):
        self.db = db
        self.threshold = threshold
        self.semantic = semantic
        db.migrate(MIGRATIONS)
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str], _Bucket] = defaultdict(_Bucket)
        self._seen_id = 0

    def lookup(self, question: str, *, kind: str, context_key: str) -> CacheHit | None:
        """The stored answer for this question in this context, or None."""
        parsed = parse(question)
        row = self.db.query_one(
            "SELECT id, question, answer, model FROM answer_cache WHERE kind=? AND context_key=? AND normalised=?",
            (kind, context_key, parsed.normalised),
        )
        if row is not None:
            self._count_hit(row["id"])
            return CacheHit(row["answer"], 1.0, row["question"], True, row["model"], row["id"])
        if not self.semantic:
            return None
        best = self._best_match(parsed, kind, context_key)
        if best is None:
            return None
        entry_id, score = best
        row = self.db.query_one("SELECT question, answer, model FROM answer_cache WHERE id=?", (entry_id,))
        if row is None:  # deleted by another process since we indexed it
            with self._lock:
                self._buckets[(kind, context_key)].remove(entry_id)
            return None
        self._count_hit(entry_id)
        return CacheHit(row["answer"], score, row["question"], False, row["model"], entry_id)

    def store(self, question: str, answer: str, *, kind: str, context_key: str, model: str) -> int:
        """Keep `answer`; a second answer to the same normalised question replaces the first."""
        parsed = parse(question)
        row = self.db.query_one(
            "INSERT INTO answer_cache (question, normalised, kind, context_key, answer, model) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(kind, context_key, normalised) DO UPDATE SET "
            "question=excluded.question, answer=excluded.answer, model=excluded.model, "
            "created_at=CURRENT_TIMESTAMP, hits=0, last_hit_at=NULL "
            "RETURNING id",
            (question, parsed.normalised, kind, context_key, answer, model),
        )
        assert row is not None
        entry_id = int(row["id"])
        with self._lock:
            self._buckets[(kind, context_key)].add(entry_id, parsed)
        return entry_id

    def forget(self, *, kind: str | None = None, context_key: str | None = None) -> int:
        """Delete entries (all of them, or one kind and/or context); return how many."""
        clauses, params = [], []
        for column, value in (("kind", kind), ("context_key", context_key)):
            if value is not None:
                clauses.append(f"{column}=?")
                params.append(value)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        deleted = self.db.execute(f"DELETE FROM answer_cache{where}", params).rowcount
        with self._lock:
            self._buckets.clear()
            self._seen_id = 0
        return deleted

    def __len__(self) -> int:
        row = self.db.query_one("SELECT COUNT(*) FROM answer_cache")
        return int(row[0]) if row else 0

    # --- internals ---------------------------------------------------------------------

    def _best_match(self, parsed: Question, kind: str, context_key: str) -> tuple[int, float] | None:
        with self._lock:
            self._catch_up()
            bucket = self._buckets.get((kind, context_key))
            if bucket is None:
                return None
            best: tuple[int, float] | None = None
            for entry_id in bucket.candidates(parsed):
                stored = bucket.questions[entry_id]
                if cannot_reach(parsed, stored, self.threshold) or veto(parsed, stored) is not None:
                    continue
                score = similarity(parsed, stored)
                if score >= self.threshold and (best is None or score > best[1]):
                    best = (entry_id, score)
            return best

    def _catch_up(self) -> None:
        """Index rows written since the last look, by this process or another."""
        rows = self.db.query(
            "SELECT id, question, kind, context_key FROM answer_cache WHERE id > ? ORDER BY id", (self._seen_id,)
        )
        for row in rows:
            bucket = self._buckets[(row["kind"], row["context_key"])]
            known = bucket.questions.get(row["id"])
            if known is None or known.text != row["question"]:  # store() indexes its own rows already
                bucket.add(row["id"], parse(row["question"]))
            self._seen_id = row["id"]

    def _count_hit(self, entry_id: int) -> None:
        self.db.execute(
            "UPDATE answer_cache SET hits = hits + 1, last_hit_at = CURRENT_TIMESTAMP WHERE id=?", (entry_id,)
        )
