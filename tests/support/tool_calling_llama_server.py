"""A real OpenAI-compatible server that calls tools natively: llama-cpp-python's server with its
`chatml-function-calling` chat format, serving the bundled SmolLM2 on 127.0.0.1 and recording
every request body like recording_llama_server.py (so tests can see the `tools` that were sent).

    python tests/support/tool_calling_llama_server.py --port 8124 --log /tmp/bodies.jsonl

The format answers `tools=` / `tool_choice` with `tool_calls` (the arguments generated under the
tool's JSON schema); it cannot stream an automatically chosen call, which is one reason whittle
asks for tool calls without streaming (llm/tool_calls.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: the repo root, for tests.support
from tests.support.llama_server import serve  # noqa: E402
from tests.support.recording_llama_server import RecordBodies  # noqa: E402

MODEL_ALIAS = "tools-smollm2"


def main() -> None:
    serve(RecordBodies, log_option="--log", n_threads=1, log_level="warning", model_alias=MODEL_ALIAS,
          chat_format="chatml-function-calling")


if __name__ == "__main__":
    main()
