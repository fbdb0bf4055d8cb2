"""`python -m whittle.agent.fit_ahead`: fit the assistant's learned models now, so no chat turn waits for a fit.

`make run` and `make test` run it first: a fit on a fresh machine, a load once agent/fitted.py has saved the
models in the user's cache folder (bench/fitted.py times both).
"""

from __future__ import annotations

import time

from whittle.agent import arg_spans, intents, pointed
from whittle.agent.fitted import cache_folder


def main() -> None:
    started = time.perf_counter()
    for module in (intents, arg_spans, pointed):
        module.trained()
    print(f"The assistant's learned models are ready in {cache_folder()} ({time.perf_counter() - started:.1f} s).")


if __name__ == "__main__":
    main()
