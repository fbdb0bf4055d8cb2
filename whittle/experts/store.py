"""Experts on disk: Markdown files with front matter, built-in ones shipped with whittle, the user's own in a folder.

    ---
    name: seo-basics
    description: Explains SEO link metrics in plain words.
    when_to_use: questions about PageRank, click depth, orphans, internal links
    preferred_tier: local          (optional)
    ---
    You are ... (the system prompt itself)

The user's folder (<data home>/experts) is read first: a file there with a built-in expert's
name replaces it (that is how a built-in one is edited); deleting it brings the built-in back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

BUILTIN_DIR = Path(__file__).parent / "builtin"
EXPERT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
MAX_BODY_CHARS = 12_000  # about 3,000 tokens: more would crowd a 2,048-token window out
CHARS_PER_TOKEN = 4  # the preview's estimate; SmolLM2's tokenizer averages a little over 4 on English
RESERVED_NAMES = frozenset({"auto", "none"})  # the chat's expert choices "Auto (by description)" and "No expert"


def user_folder(home: Path) -> Path:
    """The user's experts: the Experts app's folder (its ctx.data_dir) under the data home."""
    return home / "apps" / "experts"


class ExpertError(ValueError):
    """An expert that cannot be read or saved; the message says how to fix it."""


@dataclass(frozen=True)
class Expert:
    name: str
    description: str
    body: str
    when_to_use: str = ""
    preferred_tier: str | None = None
    builtin: bool = False  # shipped with whittle (and not replaced by the user's own file)

    @property
    def approx_tokens(self) -> int:
        return len(self.body) // CHARS_PER_TOKEN + 1

    def to_markdown(self) -> str:
        head = {"name": self.name, "description": self.description, "when_to_use": self.when_to_use}
        if self.preferred_tier:
            head["preferred_tier"] = self.preferred_tier
        front = yaml.safe_dump(head, sort_keys=False, allow_unicode=True, width=1000).strip()
        return f"---\n{front}\n---\n{self.body.strip()}\n"


def check_expert_name(name: str) -> str:
    if not EXPERT_NAME.match(name or ""):
        raise ExpertError(f"Expert name {name!r} is not usable: use 1-48 lower-case letters, digits and '-' "
                          "(it is the file name), e.g. seo-basics.")
    if name in RESERVED_NAMES:
        raise ExpertError(f"Expert name {name!r} is taken by the chat's expert picker ('{name}' is one of its "
                          f"choices); pick another, e.g. {name}-expert.")
    return name


def make_expert(name: str, description: str, body: str, when_to_use: str = "", preferred_tier: str | None = None,
                *, builtin: bool = False) -> Expert:
    """A checked Expert: every problem is an ExpertError naming the fix."""
    check_expert_name(name)
    if not description.strip():
        raise ExpertError(f"Expert {name!r} needs a description: one sentence saying what it knows.")
    if not body.strip():
        raise ExpertError(f"Expert {name!r} has no text: write the instructions the assistant should follow.")
    if len(body) > MAX_BODY_CHARS:
        raise ExpertError(f"Expert {name!r} is {len(body):,} characters; keep it under {MAX_BODY_CHARS:,} (about "
                          f"{MAX_BODY_CHARS // CHARS_PER_TOKEN:,} tokens) so the conversation still fits the model's window.")
    return Expert(name, description.strip(), body.strip(), when_to_use.strip(), preferred_tier or None, builtin)


def parse_expert(text: str, *, source: str, builtin: bool = False) -> Expert:
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n(.*)$", text, re.DOTALL)
    if not match:
        raise ExpertError(f"{source} has no front matter: start it with a '---' line, 'name:' and 'description:' "
                          "lines, and a closing '---' line, then the expert's text.")
    try:
        head = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise ExpertError(f"{source}: the front matter is not valid YAML ({str(error).splitlines()[0]}).") from None
    if not isinstance(head, dict):
        raise ExpertError(f"{source}: the front matter must be 'key: value' lines.")
    return make_expert(str(head.get("name", "")), str(head.get("description", "")), match.group(2),
                       str(head.get("when_to_use", "") or ""), head.get("preferred_tier"), builtin=builtin)


class ExpertStore:
    def __init__(self, user_dir: Path, builtin_dir: Path = BUILTIN_DIR):
        self.user_dir = Path(user_dir)
        self.builtin_dir = Path(builtin_dir)

    def _read(self, path: Path, builtin: bool) -> Expert:
        return parse_expert(path.read_text(encoding="utf-8"), source=str(path), builtin=builtin)

    def all(self) -> list[Expert]:
        """Every expert by name; the user's file wins over a built-in one of the same name. Unreadable files are skipped."""
        found: dict[str, Expert] = {}
        for folder, builtin in ((self.builtin_dir, True), (self.user_dir, False)):
            for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
                try:
                    expert = self._read(path, builtin)
                except (ExpertError, OSError, UnicodeDecodeError):
                    continue
                found[expert.name] = expert
        return sorted(found.values(), key=lambda expert: expert.name)

    def problems(self) -> list[str]:
        """What is wrong with each unreadable file in the user's folder (shown on the Experts page)."""
        found = []
        for path in sorted(self.user_dir.glob("*.md")) if self.user_dir.is_dir() else []:
            try:
                self._read(path, False)
            except (ExpertError, OSError, UnicodeDecodeError) as error:
                found.append(f"{path.name}: {error}")
        return found

    def get(self, name: str) -> Expert | None:
        return next((expert for expert in self.all() if expert.name == name), None)

    def save(self, expert: Expert) -> Path:
        """Write to the user's folder (atomically: a failed write leaves the old file)."""
        self.user_dir.mkdir(parents=True, exist_ok=True)
        path = self.user_dir / f"{check_expert_name(expert.name)}.md"
        partial = path.with_suffix(".md.partial")
        partial.write_text(expert.to_markdown(), encoding="utf-8")
        partial.replace(path)
        return path

    def delete(self, name: str) -> bool:
        """Remove the user's file; a built-in expert cannot be deleted (its edited copy can)."""
        path = self.user_dir / f"{check_expert_name(name)}.md"
        if not path.is_file():
            return False
        path.unlink()
        return True
