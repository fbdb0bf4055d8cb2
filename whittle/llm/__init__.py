"""Language-model backends. `embedded` runs llama.cpp in-process; more tiers plug in here."""

from whittle.llm.base import ChatMessage, ModelError, StreamStats
from whittle.llm.embedded import EmbeddedModel
from whittle.llm.model_file import ModelFileError, bundled_model_path, check_model_file

__all__ = [
    "ChatMessage",
    "EmbeddedModel",
    "ModelError",
    "ModelFileError",
    "StreamStats",
    "bundled_model_path",
    "check_model_file",
]
