"""`whittle expert list | create "expertise" | use NAME|auto|none`: the Experts page from the terminal."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from whittle.experts.store import ExpertError, ExpertStore, user_folder


def add_expert_parser(commands) -> None:
    expert = commands.add_parser(
        "expert",
        help="instant experts: list them, have the most capable tier write one, use one in the chat",
        description="Experts are system prompts that teach the local model a domain; written once, used for free.",
    )
    actions = expert.add_subparsers(dest="expert_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="the built-in experts and yours, with their size in tokens")
    create = actions.add_parser("create", help="have the most capable configured tier write an expert (shows its cost)")
    create.add_argument("expertise", help='what it should know, in quotes: "SEO internal linking for online shops"')
    create.add_argument("--tier", help="the tier that writes it (default: the last, most capable, in whittle.toml)")
    create.add_argument("--name", help="its name (default: the one the model proposes)")
    create.add_argument("--config", type=Path, metavar="PATH", help="whittle.toml to read (default: <data dir>/whittle.toml)")
    use = actions.add_parser("use", help="use this expert in the chat's current conversation ('auto': picked by "
                                         "description for each message; 'none' to stop)")
    use.add_argument("name")


def run_expert(args: argparse.Namespace) -> int:
    from whittle.config import Settings

    settings = Settings(config_path=getattr(args, "config", None))
    store = ExpertStore(user_folder(settings.home))
    try:
        if args.expert_command == "list":
            for expert in store.all():
                origin = "built-in" if expert.builtin else "yours"
                print(f"{expert.name:24} {origin:8} ≈{expert.approx_tokens:>5,} tokens  {expert.description}")
            return 0
        if args.expert_command == "use":
            return _use(settings, store, args.name)
        return asyncio.run(_create(settings, store, args))
    except ExpertError as error:
        print(f"whittle: error: {error}", file=sys.stderr)
        return 2


def _use(settings, store: ExpertStore, name: str) -> int:
    """The current conversation of the active profile gets the expert (a running server reads it at its next answer)."""
    from whittle.chat.conversations import AUTO_EXPERT, ConversationError, ConversationStore
    from whittle.chat.store import MessageStore
    from whittle.db import Database
    from whittle.experts.choice import ConversationExperts
    from whittle.kv import KeyValueStore
    from whittle.profiles import ProfileStore

    chosen = None if name == "none" else name
    database = Database(settings.db_path)
    try:
        kv = KeyValueStore(database)
        MessageStore(database, recover=False)  # its migrations make the conversations table; a server may be running
        conversations = ConversationStore(database, kv, ProfileStore(database, kv))
        try:
            ConversationExperts(conversations, store).choose_for_current(chosen)
        except ConversationError as error:
            raise ExpertError(f"{error} `whittle expert list` shows them.") from None
        title = conversations.get(conversations.current_id()).title
    finally:
        database.close()
    what = ("an expert picked by description for each message" if chosen == AUTO_EXPERT
            else f"the {chosen} expert" if chosen else "no expert")
    print(f"the conversation {title!r} now uses {what}")
    return 0


async def _create(settings, store: ExpertStore, args: argparse.Namespace) -> int:
    from whittle.core import Whittle
    from whittle.experts.create import most_capable, write_expert
    from whittle.llm.base import ModelError
    from whittle.router.cascade import NoTierAvailable
    from whittle.router.plan import UnknownTier

    whittle = Whittle(settings)
    try:
        tier = args.tier or most_capable([t.name for t in whittle.router.tiers])
        print(f"asking the {tier} tier to write the expert…", file=sys.stderr)
        try:
            expert, result = await write_expert(whittle.route, args.expertise, tier=tier, name=args.name)
        except (ModelError, NoTierAvailable, UnknownTier) as error:
            raise ExpertError(str(error)) from None
        path = store.save(expert)
    finally:
        whittle.close()
    print(expert.to_markdown())
    print(f"saved {path} — written by {result.tier} ({result.model}) for ${result.cost_usd:.4f}, once; "
          f"≈{expert.approx_tokens:,} tokens. Use it: whittle expert use {expert.name}")
    return 0
