"""Botify connector: pull a crawl's internal link graph and URL metadata through Botify's API.

Written from Botify's public API documentation (developers.botify.com) and tested only
against response fixtures shaped after it (tests/linkgraph/test_botify.py serves them on
127.0.0.1): no Botify account was used. What the documentation says and this relies on:

- every call carries `Authorization: Token <token>`; project endpoints allow 5 requests/s
  and answer HTTP 429 beyond that (no Retry-After), so calls are spaced and 429s retried;
- GET /analyses/{username}/{project}?only_success=true lists a project's crawls, newest
  first, in the {count, page, size, next, previous, results} envelope; `slug` is the
  crawl's date (YYYYMMDD) and names the BQL collection `crawl.<slug>`;
- POST /projects/{username}/{project}/query?page=N&size=2000 runs a BQL query
  ({"collections": [...], "query": {"dimensions": [...], "metrics": [], "filters": ...}})
  and returns rows as {"dimensions": [...], "metrics": [...]}, at most 2,000 per page.

The token comes from the environment (BOTIFY_API_TOKEN), like every other secret whittle
uses; it is never written to the database, a log, an error message or a model prompt.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import httpx

API = "https://api.botify.com/v1"
TOKEN_ENV = "BOTIFY_API_TOKEN"
PAGE_SIZE = 2000  # the /query endpoint's largest page
MIN_INTERVAL = 0.2  # 5 requests per second
RETRIES = 4


class BotifyError(RuntimeError):
    """A Botify call that cannot succeed as asked; the message says what to change (never the token)."""


def token_from_env(env: Mapping[str, str] | None = None) -> str:
    token = (env if env is not None else os.environ).get(TOKEN_ENV, "").strip()
    if not token:
        raise BotifyError(
            f"no Botify token: set {TOKEN_ENV} to the API token shown in your Botify account settings "
            "(whittle reads it from the environment and never stores it)."
        )
    return token


@dataclass(frozen=True)
class PullResult:
    analysis: str
    edges_csv: Path
    pages_csv: Path
    edges: int
    pages: int


class BotifyClient:
    def __init__(self, token: str, *, base_url: str = API, timeout: float = 60.0, min_interval: float = MIN_INTERVAL):
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=timeout,
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json", "Accept": "application/json"},
        )
        self._min_interval = min_interval
        self._last = 0.0

    def __repr__(self) -> str:
        return f"BotifyClient({self._http.base_url})"  # never the token

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, **options: Any) -> dict[str, Any]:
        for attempt in range(RETRIES + 1):
            wait = self._last + self._min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            try:
                response = self._http.request(method, path, **options)
            except httpx.HTTPError as error:
                raise BotifyError(f"Botify did not answer ({type(error).__name__}); check the network and try again.") from None
            if response.status_code == 429 and attempt < RETRIES:
                time.sleep(self._min_interval * 2 ** (attempt + 1))  # no Retry-After: back off
                continue
            if response.status_code in (401, 403):
                raise BotifyError(f"Botify refused the token (HTTP {response.status_code}); check {TOKEN_ENV} and the project's access.")
            if response.status_code == 404:
                raise BotifyError(f"Botify has no {path.split('?')[0]}; check the username, project and analysis names.")
            if response.status_code >= 400:
                raise BotifyError(f"Botify answered HTTP {response.status_code} to {path.split('?')[0]}: {response.text[:200]}")
            return response.json()
        raise BotifyError("Botify kept answering 429 (too many requests); wait a minute and try again.")

    def latest_analysis(self, username: str, project: str) -> str:
        data = self._call("GET", f"/analyses/{username}/{project}", params={"only_success": "true", "size": 1})
        results = data.get("results") or []
        if not results:
            raise BotifyError(f"{username}/{project} has no finished analysis (crawl) yet.")
        return str(results[0]["slug"])

    def query(self, username: str, project: str, collection: str, dimensions: list[str],
              filters: dict[str, Any] | None = None) -> Iterator[list[Any]]:
        """Every row's dimension values, page after page."""
        body: dict[str, Any] = {"collections": [collection], "query": {"dimensions": dimensions, "metrics": []}}
        if filters:
            body["query"]["filters"] = filters
        page = 1
        while True:
            data = self._call("POST", f"/projects/{username}/{project}/query", params={"page": page, "size": PAGE_SIZE}, json=body)
            for row in data.get("results", []):
                yield row.get("dimensions", [])
            if not data.get("next"):
                return
            page += 1


def _write_rows(path: Path, header: list[str], rows: Iterator[list[Any]]) -> int:
    partial = path.with_name(path.name + ".part")
    count = 0
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    os.replace(partial, path)
    return count


def _edge_rows(rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    for source, targets in rows:
        # One row per link, or one row per page with its outlinks as a list: both are accepted.
        for target in targets if isinstance(targets, list) else [targets]:
            if source and target:
                yield [source, target]


def pull_link_graph(client: BotifyClient, username: str, project: str, out: Path, analysis: str | None = None) -> PullResult:
    """Write <out>/edges.csv (source,target) and <out>/pages.csv (url,status,depth) for one crawl."""
    analysis = analysis or client.latest_analysis(username, project)
    collection = f"crawl.{analysis}"
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    edges = _write_rows(out / "edges.csv", ["source", "target"], _edge_rows(
        client.query(username, project, collection, [f"{collection}.url", f"{collection}.outlinks_internal.graph.url"])))
    pages = _write_rows(out / "pages.csv", ["url", "status", "depth"], client.query(
        username, project, collection, [f"{collection}.url", f"{collection}.http_code", f"{collection}.depth"]))
    return PullResult(analysis, out / "edges.csv", out / "pages.csv", edges, pages)
