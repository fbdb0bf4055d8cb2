"""Command line: `whittle serve` runs the web app, `whittle ask` answers in the terminal."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from whittle import __version__
from whittle.agent.cli_commands import add_agent_parsers
from whittle.config import DEFAULT_HOST, DEFAULT_PORT, LOCAL_HOST_NAMES, SettingError, Settings
from whittle.experts.cli import add_expert_parser
from whittle.linkgraph.cli import add_linkgraph_parser
from whittle.linkgraph.crawl_cli import add_crawl_parser

DESCRIPTION = """whittle: local-first AI workflow apps.

Everything runs on this machine: the web app, the embedded model
(SmolLM2-135M-Instruct by default) and the SQLite database under the data
directory (set WHITTLE_HOME to choose it)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="whittle", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"whittle {__version__}")
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
    serve.add_argument("--config", type=Path, metavar="PATH", help="whittle.toml with model tiers and budgets (default: <data dir>/whittle.toml)")
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another Host name browsers may use to reach this server (repeatable); needed with --host 0.0.0.0",
    )

    models = commands.add_parser(
        "models",
        help="list the model tiers from whittle.toml: reachability, trust and prices",
        description="List the tiers the router may use, cheapest first, whether each can be reached, and its prices.",
    )
    models.add_argument("--config", type=Path, metavar="PATH", help="whittle.toml to read (default: <data dir>/whittle.toml)")
    models.add_argument("--port", type=int, action="append", default=[], metavar="N",
                        help="also look for an OpenAI-compatible server on 127.0.0.1:N (besides Ollama's, llama.cpp's "
                             "and LM Studio's usual ports)")

    router = commands.add_parser(
        "router",
        help="calibrate the router on your own traffic (whittle router fit)",
        description="Router maintenance. `fit` retrains the difficulty model and thresholds from the ledger.",
    )
    router_commands = router.add_subparsers(dest="router_command", metavar="ACTION", required=True)
    fit = router_commands.add_parser(
        "fit",
        help="retrain from the ledger's outcomes and thumbs up/down",
        description="Retrain the difficulty pre-router and the confidence threshold from logged outcomes and "
        "feedback, for a target share of requests sent past the cheapest tier or a target quality.",
    )
    target = fit.add_mutually_exclusive_group(required=True)
    target.add_argument("--target-cloud-share", type=float, metavar="F", help="e.g. 0.2: at most 20%% go past the cheapest tier")
    target.add_argument("--target-quality", type=float, metavar="F", help="e.g. 0.9: keep local only what it answers well 90%% of the time")
    fit.add_argument("--config", type=Path, metavar="PATH", help="whittle.toml (to know the cheapest tier)")

    bench = commands.add_parser(
        "bench",
        help="benchmarks (whittle bench route: routing on the RouteLLM outcomes)",
        description="Benchmarks that print figures. `route` evaluates the router on ../shared/data/routellm.",
    )
    bench.add_argument("benchmark", choices=["route"], help="which benchmark")
    bench.add_argument("options", nargs=argparse.REMAINDER, help="passed on (see whittle bench route --help)")

    ask = commands.add_parser(
        "ask",
        help="ask the embedded model one question and stream the answer here",
        description="Ask one question; the answer streams into the terminal. Logged like every model call.",
    )
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--model", type=Path, metavar="PATH", help="a GGUF model file (default: the bundled SmolLM2)")
    ask.add_argument("--max-tokens", type=int, default=256, help="longest answer in tokens (default 256)")
    ask.add_argument("--config", type=Path, metavar="PATH", help="whittle.toml to read (default: <data dir>/whittle.toml)")
    batch = commands.add_parser(
        "batch",
        help="route a JSON Lines file of requests as the chat would; one result line each",
        description='Each line {"id", "prompt"} or {"id", "messages"} goes through the router like a chat turn '
        "(privacy, budget, cache, checks, ledger); prints one result per line, in order.",
    )
    batch.add_argument("file", type=Path, metavar="FILE.jsonl", help="the requests, one JSON object a line")
    batch.add_argument("--config", type=Path, metavar="PATH", help="whittle.toml to read (default: <data dir>/whittle.toml)")
    batch.add_argument("--json", action="store_true", help='print {"id","tier","privacy","answer","cost_usd","attempts"} lines')
    batch.add_argument("--max-tokens", type=int, default=256, help="longest answer in tokens (default 256)")
    add_crawl_parser(commands)
    add_linkgraph_parser(commands)
    add_agent_parsers(commands)  # whittle do, whittle mcp (whittle/agent/cli_commands.py)
    add_expert_parser(commands)  # whittle expert list | create | use (whittle/experts/cli.py)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except SettingError as error:  # a bad WHITTLE_* variable: every command reads Settings
        return _fail(error)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "serve":
        return serve(args)
    if args.command == "ask":
        return ask(args)
    if args.command == "models":
        return models(args)
    if args.command == "router":
        return router_fit(args)
    if args.command == "bench":
        return bench(args.benchmark, args.options)
    if args.command == "batch":
        from whittle.batch import command as batch_command

        return batch_command(args)
    if args.command == "crawl":
        from whittle.linkgraph.crawl_cli import run_crawl

        return run_crawl(args)
    if args.command in ("do", "mcp"):
        from whittle.agent.cli_commands import run_do, run_mcp

        return run_do(args) if args.command == "do" else run_mcp(args)
    if args.command == "expert":
        from whittle.experts.cli import run_expert

        return run_expert(args)
    if args.command == "linkgraph":
        from whittle.linkgraph.cli import run_linkgraph

        return run_linkgraph(args)
    parser.print_help()
    return 0


def _fail(error: Exception) -> int:
    print(f"whittle: error: {error}", file=sys.stderr)
    return 2


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from whittle.agent import arg_spans, intents, pointed
    from whittle.config import ConfigError
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
    # Before the model loads, so a taken port is one sentence at once, not a uvicorn traceback later.
    busy = port_problem(args.host, args.port)
    if busy:
        return _fail(OSError(busy))
    settings = Settings(
        host=args.host,
        port=args.port,
        model_path=args.model,
        max_tokens=args.max_tokens,
        extra_allowed_hosts=tuple(args.allow_host),
        config_path=args.config,
    )
    try:
        whittle = Whittle(settings)
        app = create_app(whittle)
    except (ModelFileError, AssetsMissing, ConfigError) as error:
        return _fail(error)
    for plugin in whittle.broken_plugins:
        print(f"whittle: warning: plugin {plugin.name} was not loaded: {plugin.error}", file=sys.stderr)
    for tier in whittle.router.tiers:
        if tier.unavailable:
            print(f"whittle: warning: tier {tier.name!r} is not used: {tier.unavailable}", file=sys.stderr)
    if all(tier.unavailable for tier in whittle.router.tiers):  # the chat could never answer: refuse to start
        whittle.close()
        return _fail(ConfigError(
            f"no tier can answer (each is listed above with its reason). Fix: correct the tiers in "
            f"{settings.config_file}, or start without --config to use the bundled model; `whittle models` checks them."
        ))
    print(f"whittle: serving http://{args.host}:{args.port}/ with {whittle.model.name}; data in {settings.home}", flush=True)
    intents.warm_up()
    arg_spans.warm_up()
    pointed.warm_up()
    # Open SSE streams (job progress) would otherwise hold shutdown until they end.
    uvicorn.run(
        app, host=args.host, port=args.port, log_level="warning", ws="websockets-sansio", timeout_graceful_shutdown=2
    )
    return 0


def port_problem(host: str, port: int) -> str | None:
    """Why `whittle serve` could not listen on host:port (in use, not allowed), or None if it can."""
    import errno
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as error:
        return f"cannot listen on {host!r}: {error.strerror}. Pass --host 127.0.0.1 or a name this machine has."
    # SO_REUSEADDR as uvicorn sets it: a port left in TIME_WAIT by the last run is free, one being listened on is not.
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"Port {port} is in use on {host} — stop the other program or pass --port N"
            if error.errno == errno.EACCES:
                return f"Port {port} needs administrator rights on this system — pass --port N with N above 1023"
            return f"cannot listen on {host}:{port}: {error.strerror} — pass another --host or --port"
    return None


def ask(args: argparse.Namespace) -> int:
    from whittle.config import ConfigError
    from whittle.core import BASE_SYSTEM_PROMPT, Whittle
    from whittle.llm.model_file import ModelFileError
    from whittle.router.cascade import AttemptStarted, Finished, NoTierAvailable, Piece
    from whittle.router.request import LLMRequest

    question = args.question.strip()
    if not question:
        return _fail(ValueError('the question is empty; try: whittle ask "What is SEO?"'))
    try:
        whittle = Whittle(Settings(model_path=args.model, config_path=args.config))
    except (ModelFileError, ConfigError) as error:
        return _fail(error)
    request = LLMRequest(
        [{"role": "system", "content": BASE_SYSTEM_PROMPT}, {"role": "user", "content": question}],
        purpose="ask",
        max_tokens=args.max_tokens,
    )

    async def stream() -> None:
        async for event in whittle.router.stream(request):
            if isinstance(event, AttemptStarted) and event.replaces_previous:
                print(f"\n[escalating to {event.tier}]", file=sys.stderr)
            elif isinstance(event, Piece):
                print(event.text, end="", flush=True)
            elif isinstance(event, Finished):
                result = event.result
                print(flush=True)
                print(f"[{result.tier} · {result.model} · ${result.cost_usd:.4f}]", file=sys.stderr)

    try:
        asyncio.run(stream())
    except NoTierAvailable as error:
        return _fail(error)
    except KeyboardInterrupt:
        print("\n(stopped)", file=sys.stderr)
        return 130
    return 0


SOURCE_CHECKOUT = Path(__file__).resolve().parents[1]  # where bench/ is when whittle runs from a clone


def bench_script(name: str, checkout: Path = SOURCE_CHECKOUT) -> Path:
    """bench/<name>.py in the source checkout: the benchmarks are lab code, not installed."""
    script = checkout / "bench" / f"{name}.py"
    if not script.is_file():
        raise FileNotFoundError(
            f"{script} not found: the benchmarks live in whittle's source checkout, not in the installed "
            "package. Fix: clone the repository, install it there with `pip install -e '.[bench]'` "
            f"(or `make bench`), and run `whittle bench {name}` or `python bench/{name}.py` from it."
        )
    return script


def bench(name: str, options: list[str]) -> int:
    # A child process, so the bench's imports (bench/ on sys.path, matplotlib) never touch this one.
    import subprocess

    try:
        script = bench_script(name)
    except FileNotFoundError as error:
        return _fail(error)
    return subprocess.run([sys.executable, str(script), *options], check=False).returncode


def router_fit(args: argparse.Namespace) -> int:
    from whittle.config import ConfigError
    from whittle.db import Database
    from whittle.router.learned.fit import NotEnoughData, calibrate

    settings = Settings(config_path=args.config)
    try:
        config = settings.load_config()
        result = calibrate(
            Database(settings.db_path),
            settings.home,
            config.tiers[0].name,
            target_cloud_share=args.target_cloud_share,
            target_quality=args.target_quality,
        )
    except (ConfigError, NotEnoughData, ValueError) as error:
        return _fail(error)
    print(f"trained on {result.examples} logged answers of the {config.tiers[0].name!r} tier "
          f"({result.cheap_failure_rate:.0%} of them failed or were disliked)")
    print(f"skip the cheapest tier when predicted difficulty > {result.skip_cheapest_above:.3f}: "
          f"{result.predicted_cloud_share:.0%} of requests go past it, "
          f"{result.predicted_local_quality:.0%} of those kept are handled well")
    if result.min_mean_logprob is not None:
        print(f"escalate local answers with mean token log-probability < {result.min_mean_logprob:.2f}")
    print(f"saved to {settings.home / 'router'}; used from the next start of whittle")
    return 0


def models(args: argparse.Namespace) -> int:
    from whittle.config import ConfigError
    from whittle.router.prices import UnknownPrice, tier_price

    settings = Settings(config_path=args.config)
    path = settings.config_file
    try:
        config = settings.load_config()
    except ConfigError as error:
        return _fail(error)
    print(f"tiers from {path}{'' if path.exists() else ' (not found: using the built-in embedded tier)'}, cheapest first:")
    rows = [("tier", "backend", "model", "trust", "reachable", "$/Mtok in", "$/Mtok out", "price from")]
    for tier in config.tiers:
        try:
            price = tier_price(tier)
            prices = (f"{price.input_per_mtok:g}", f"{price.output_per_mtok:g}", price.source)
        except UnknownPrice as error:
            prices = ("?", "?", str(error).split(" (")[0])
        rows.append((tier.name, tier.backend, tier.model, tier.trust, _reachable(tier), *prices))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    _print_found_models(tuple(args.port))
    return 0


def _print_found_models(extra_ports: tuple[int, ...]) -> None:
    from whittle.llm.discovery import KNOWN_SERVERS, discover

    servers = KNOWN_SERVERS + tuple(("OpenAI-compatible server", port) for port in extra_ports)
    found = asyncio.run(discover(servers))
    where = ", ".join(f"{name} :{port}" for name, port in servers)
    if not found:
        print(f"\nno model server found on this machine ({where}).")
        return
    print(f"\nfound on this machine ({len(found)}); to use one, add its entry to whittle.toml:")
    for model in found:
        print(f"\n# {model.server}: {model.model}\n{model.tier_toml()}", end="")


def _reachable(tier) -> str:
    if tier.backend == "embedded":
        from whittle.llm.model_file import ModelFileError, bundled_model_path, check_model_file

        try:
            check_model_file(bundled_model_path() if tier.model == "default" else Path(tier.model))
            return "yes (file ok)"
        except ModelFileError as error:
            return f"no: {str(error).splitlines()[0]}"
    from whittle.config import ConfigError
    from whittle.llm.openai_compat import OpenAICompatModel

    try:
        ok, detail = asyncio.run(OpenAICompatModel(tier).reachable())
    except ConfigError as error:
        return f"no: {error}"
    return "yes" if ok else f"no: {detail}"
