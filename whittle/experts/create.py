"""An expert written once by the most capable tier: a system prompt the local model then uses for free."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Sequence

from pydantic import BaseModel, Field

from whittle.experts.store import Expert, ExpertError, make_expert
from whittle.llm.base import OutputConstraint
from whittle.router.checks import JsonCheck
from whittle.router.request import RouteResult

MAX_TOKENS = 700  # an expert is a few hundred tokens; the JSON wrapping adds a few dozen

WRITER_PROMPT = (
    "You write system prompts that turn a very small local language model into a useful expert. "
    "The small model follows short, concrete instructions and facts, not long essays. Write: a short "
    "kebab-case name; a one-sentence description; when_to_use (comma-separated topics); and body, the system "
    "prompt itself: 8 to 15 lines, each a fact, a definition, a rule of thumb or an instruction, plain words, no "
    "more than 300 words. Answer with JSON only."
)


class WrittenExpert(BaseModel):
    name: str = Field(min_length=1, max_length=48)
    description: str = Field(min_length=5, max_length=300)
    when_to_use: str = Field(default="", max_length=300)
    body: str = Field(min_length=40, max_length=4000)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48] or "expert"


def most_capable(tiers: Sequence[str]) -> str:
    """Tiers are listed cheapest first: the last one is the most capable."""
    if not tiers:
        raise ExpertError("No model tier is configured; `whittle models` shows what whittle.toml defines.")
    return tiers[-1]


async def write_expert(
    route: Callable[..., Awaitable[RouteResult]], domain: str, *, tier: str, name: str | None = None
) -> tuple[Expert, RouteResult]:
    """Ask `tier` (alone: no cascade) to write an expert for `domain`; the expert (not saved) and the call."""
    domain = domain.strip()
    if len(domain) < 3:
        raise ExpertError("Describe the expertise in a few words, e.g. 'SEO internal linking for online shops'.")
    messages = [{"role": "system", "content": WRITER_PROMPT},
                {"role": "user", "content": f"The expertise: {domain[:2000]}"}]
    # Constrained as well as checked: a tier that can follow the schema while it writes (llama.cpp, OpenAI) never
    # spends the one paid call on JSON that does not parse.
    result = await route(messages, purpose="expert-create", kind="extraction", max_tokens=MAX_TOKENS, temperature=0.3,
                         check=JsonCheck(WrittenExpert), tier=tier,
                         constraint=OutputConstraint(json_schema=WrittenExpert.model_json_schema()))
    try:
        written = WrittenExpert.model_validate(json.loads(result.text[result.text.find("{"):result.text.rfind("}") + 1]))
    except ValueError as error:
        raise ExpertError(f"The {tier} tier did not write a usable expert ({str(error).splitlines()[0]}); try again "
                          "or pick a more capable tier.") from None
    expert = make_expert(slug(name or written.name), written.description, written.body, written.when_to_use)
    return expert, result
