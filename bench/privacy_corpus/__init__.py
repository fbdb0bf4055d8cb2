"""Synthetic personal data for measuring whittle's privacy guard (bench and tests only).

* ``world``  — the measured corpus: many cultures' names, internal e-mail domains,
  international phone formats, mixed languages; ``world_samples()``, ``world_benign()``,
  ``world_conversations()``.
* ``seeded`` — the first corpus the guard was built against (``samples()``, ``benign()``,
  ``hard_samples()``, ``conversations()``), kept as a regression check.
* ``values`` — the value generators both use; ``leaks`` — ``leaked_values(body, secrets)``.

Imported as ``bench.privacy_corpus`` from the repository root (the tests) or as
``privacy_corpus`` with ``bench/`` on the path (the bench scripts).
"""

from .leaks import leaked_values
from .seeded import SEED, Sample, benign, conversations, hard_samples, samples
from .world import world_benign, world_conversations, world_samples

__all__ = [
    "SEED",
    "Sample",
    "benign",
    "conversations",
    "hard_samples",
    "leaked_values",
    "samples",
    "world_benign",
    "world_conversations",
    "world_samples",
]
