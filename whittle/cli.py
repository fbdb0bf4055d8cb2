"""Command line: `whittle serve` runs the web app, `whittle ask` answers in the terminal."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from whittle.config import DEFAULT_HOST, DEFAULT_PORT, LOCAL_HOST_NAMES, Settings

DESCRIPTION = """whittle: local-first AI workflow apps.

Everything runs on this machine: the web app, the embedded model
(SmolLM2-135M-Instruct by default) and the SQLite database under the data
directory (set WHITTLE_HOME to choose it)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="whittle", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser(
        "serve",
        help="run the web app (http://127.0.0.1:5001 by default)",
        description="Run the web app: apps on the left, the chat on the right, the embedded model answering.",
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    serve.add_argument("--model", type=Path, metavar="PATH", help="a GGUF model file (default: the bundled SmolLM2-135M-Instruct)")
    serve.add_argument("--max-tokens", type=int, default=512, help="longest chat answer in tokens (default 512)")
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another Host name browsers may use to reach this server (repeatable); needed with --host 0.0.0.0",
    )

    ask = commands.add_parser(
        "ask",
        help="ask the embedded model one question and stream the answer here",
        description="Ask one question; the answer streams into the terminal. Logged like every model call.",
    )
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--model", type=Path, metavar="PATH", help="a GGUF model file (default: the bundled SmolLM2)")
    ask.add_argument("--max-tokens", type=int, default=256, help="longest answer in tokens (default 256)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args)
    if args.command == "ask":
        return ask(args)
    parser.print_help()
    return 0


def _fail(error: Exception) -> int:
    print(f"whittle: error: {error}", file=sys.stderr)
    return 2


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from whittle.core import Whittle
    from whittle.llm.model_file import ModelFileError
    from whittle.web.app import AssetsMissing, create_app

    if not 0 < args.port < 65536:
        return _fail(ValueError(f"--port {args.port} is not a port number; use 1-65535."))
    if args.host not in LOCAL_HOST_NAMES:
        print(
            f"whittle: warning: listening on {args.host} exposes the app and your data to other machines on the network. "
            "Browsers must use a name given with --allow-host.",
            file=sys.stderr,
        )
    if args.max_tokens < 1:
        return _fail(ValueError(f"--max-tokens {args.max_tokens} must be at least 1."))
    settings = Settings(
        host=args.host,
        port=args.port,
        model_path=args.model,
        max_tokens=args.max_tokens,
        extra_allowed_hosts=tuple(args.allow_host),
    )
    try:
        whittle = Whittle(settings)
        app = create_app(whittle)
    except (ModelFileError, AssetsMissing) as error:
        return _fail(error)
    print(f"whittle: serving http://{args.host}:{args.port}/ with {whittle.model.name}; data in {settings.home}", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", ws="websockets-sansio")
    return 0


def ask(args: argparse.Namespace) -> int:
    from whittle.core import BASE_SYSTEM_PROMPT
    from whittle.db import Database
    from whittle.llm.base import StreamStats
    from whittle.llm.calllog import CallLog
    from whittle.llm.embedded import EmbeddedModel
    from whittle.llm.model_file import ModelFileError

    question = args.question.strip()
    if not question:
        return _fail(ValueError('the question is empty; try: whittle ask "What is SEO?"'))
    try:
        model = EmbeddedModel(args.model)
    except ModelFileError as error:
        return _fail(error)
    settings = Settings(model_path=args.model)
    calllog = CallLog(Database(settings.db_path))
    messages = [{"role": "system", "content": BASE_SYSTEM_PROMPT}, {"role": "user", "content": question}]

    async def stream() -> str:
        stats = StreamStats()
        call_id = calllog.start("ask", model.name, messages)
        parts: list[str] = []
        async for piece in model.stream(messages, max_tokens=args.max_tokens, stats=stats):
            parts.append(piece)
            print(piece, end="", flush=True)
        print()
        calllog.finish(call_id, "".join(parts), "done", stats)
        return "".join(parts)

    try:
        asyncio.run(stream())
    except KeyboardInterrupt:
        print("\n(stopped)", file=sys.stderr)
        return 130
    return 0
