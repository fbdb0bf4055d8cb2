"""Fetch the front-end assets whittle serves itself and copy them into the package.

Run by `make setup`. Versions are pinned in package.json; no lock file is written
because npm lock files record registry addresses. Needs node/npm at set-up only:
the running app serves these files from whittle/web/static/vendor and never
touches the network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "whittle" / "web" / "static" / "vendor"

# node_modules path -> name served under /static/vendor/
ASSETS = {
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "htmx-ext-ws/dist/ws.min.js": "htmx-ext-ws.min.js",
    "htmx-ext-sse/dist/sse.min.js": "htmx-ext-sse.min.js",
    "@picocss/pico/css/pico.min.css": "pico.min.css",
    "marked/lib/marked.umd.js": "marked.umd.js",
    "dompurify/dist/purify.min.js": "purify.min.js",
    "sortablejs/Sortable.min.js": "Sortable.min.js",
    # Link graph view: WebGL graph drawing fed typed arrays (2.x: setPointPositions/setLinks take Float32Array)
    "@cosmograph/cosmos/dist/index.js": "cosmos.js",  # the ES module build (index.min.js is UMD)
    # Code blocks in the chat: highlighting (the common-languages browser build) and its light/dark styles
    "@highlightjs/cdn-assets/highlight.min.js": "highlight.min.js",
    "@highlightjs/cdn-assets/styles/github.min.css": "hljs-light.min.css",
    "@highlightjs/cdn-assets/styles/github-dark.min.css": "hljs-dark.min.css",
}


def missing_assets() -> list[str]:
    return [name for name in ASSETS.values() if not (VENDOR / name).is_file()]


def main() -> int:
    if not missing_assets() and "--force" not in sys.argv:
        print("front-end assets: up to date")
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print(
            "error: npm is not installed; it is needed once to fetch the front-end assets.\n"
            "Fix: sudo apt-get install -y npm   (then run the make command again)",
            file=sys.stderr,
        )
        return 2
    subprocess.run(
        [npm, "install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=ROOT,
        check=True,
    )
    VENDOR.mkdir(parents=True, exist_ok=True)
    for source, name in ASSETS.items():
        src = ROOT / "node_modules" / source
        if not src.is_file():
            print(f"error: {src} missing after npm install; check package.json", file=sys.stderr)
            return 2
        shutil.copyfile(src, VENDOR / name)
    print(f"front-end assets: {len(ASSETS)} files copied to {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
