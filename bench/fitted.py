"""How long does a process wait for the assistant's learned models: fitting them, or loading them saved?

    .venv/bin/python bench/fitted.py

agent/fitted.py saves each fitted model (intents, argument spans, pointed things) in the user's cache
folder. This fits the three from their examples (the examples' sentence vectors already cached, as after
any first start) and times it, saves them, then times loading them back, side by side. The first start on a
machine also computes the sentence vectors: bench/intents.py times that (encode_examples_s).

Ends with one JSON line: fit_s, load_s, speedup (fit_s / load_s).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whittle.agent import arg_spans, intents, pointed  # noqa: E402
from whittle.agent.fitted import FitOnce  # noqa: E402

MODELS = {"intents": intents, "argument spans": arg_spans, "pointed things": pointed}


def main() -> None:
    fits, loads = {}, {}
    for name, module in MODELS.items():
        intents.example_vectors([e.text for e in intents.read_examples()])  # cached vectors, as after a first start
        saved = module.trained
        started = time.perf_counter()
        model = saved._fit()
        fits[name] = time.perf_counter() - started
        path = saved.saved_file()
        saved._save(path, model)
        fresh = FitOnce(lambda: None, "bench-load", saved_as=saved.saved_as)  # a new process: nothing in memory
        started = time.perf_counter()
        assert fresh() is not None, f"{name}: the saved model was not read back from {path}"
        loads[name] = time.perf_counter() - started
        print(f"  {name:15} fit {fits[name]:6.1f} s   load {loads[name]:5.2f} s")
    fit_s, load_s = sum(fits.values()), sum(loads.values())
    print(f"all three: fit {fit_s:.1f} s, load {load_s:.2f} s ({fit_s / load_s:.0f}x)")
    print(json.dumps({"fit_s": round(fit_s, 1), "load_s": round(load_s, 2), "speedup": round(fit_s / load_s)}))


if __name__ == "__main__":
    main()
