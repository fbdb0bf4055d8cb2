"""The Botify connector against a fixture server on 127.0.0.1.

The fixtures (fixtures/botify/) are written from Botify's public API documentation, not
recorded from a real account: the envelope {count, page, size, next, previous, results},
`Authorization: Token`, BQL rows as {"dimensions": [...]}, 429 when over 5 requests/s.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import polars as pl
import pytest

from whittle.linkgraph.analysis import analyse
from whittle.linkgraph.botify import (
    BotifyClient,
    BotifyError,
    pull_link_graph,
    token_from_env,
)
from whittle.linkgraph.importer import import_graph

FIXTURES = Path(__file__).parent / "fixtures" / "botify"
TOKEN = "fixture-token-7f3a9c"


class FakeBotify(BaseHTTPRequestHandler):
    seen: ClassVar[list] = []
    throttle_once: ClassVar[bool] = True

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status, name=None):
        body = (FIXTURES / name).read_bytes() if name else b'{"error": {"message": "nope"}}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.seen.append(("GET", self.path, self.headers.get("Authorization"), None))
        if self.headers.get("Authorization") != f"Token {TOKEN}":
            return self._send(401)
        if self.path.startswith("/v1/analyses/acme/acme-shop?") and "only_success=true" in self.path:
            return self._send(200, "analyses.json")
        return self._send(404)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.seen.append(("POST", self.path, self.headers.get("Authorization"), body))
        if self.headers.get("Authorization") != f"Token {TOKEN}":
            return self._send(401)
        if FakeBotify.throttle_once:
            FakeBotify.throttle_once = False
            return self._send(429)
        dims = body["query"]["dimensions"]
        if dims[1].endswith("outlinks_internal.graph.url"):
            return self._send(200, "links_page2.json" if "page=2" in self.path else "links_page1.json")
        return self._send(200, "pages.json")


@pytest.fixture
def botify_api():
    FakeBotify.seen, FakeBotify.throttle_once = [], True
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBotify)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_pull_writes_edges_and_pages_that_import(botify_api, tmp_path):
    with BotifyClient(TOKEN, base_url=botify_api, min_interval=0.01) as client:
        result = pull_link_graph(client, "acme", "acme-shop", tmp_path / "pulled")
    assert result.analysis == "20260301" and result.edges == 5 and result.pages == 5
    queries = [body for method, _, _, body in FakeBotify.seen if method == "POST"]
    assert queries[0]["collections"] == ["crawl.20260301"]
    assert queries[0]["query"]["dimensions"] == ["crawl.20260301.url", "crawl.20260301.outlinks_internal.graph.url"]
    assert all(auth == f"Token {TOKEN}" for _, _, auth, _ in FakeBotify.seen)
    assert sum(1 for m, path, _, _ in FakeBotify.seen if m == "POST" and "page=2" in path) == 1  # followed `next`

    report = import_graph(result.edges_csv, tmp_path / "graph", metadata_csv=result.pages_csv)
    assert report.edges == 5
    summary = analyse(tmp_path / "graph").summary
    assert summary["orphans"]["examples"] == ["https://shop.example/lost"]
    assert summary["excluded_from_pagerank"] == 1  # /c is a 301
    assert pl.read_csv(result.pages_csv)["depth"].to_list() == [0, 1, 1, 2, None]


def test_a_refused_token_is_reported_without_the_token(botify_api, tmp_path):
    with BotifyClient("wrong-token-123", base_url=botify_api, min_interval=0.01) as client:
        with pytest.raises(BotifyError) as caught:
            pull_link_graph(client, "acme", "acme-shop", tmp_path / "pulled")
        assert "wrong-token-123" not in repr(client)
    assert "HTTP 401" in str(caught.value) and "wrong-token-123" not in str(caught.value)
    assert not (tmp_path / "pulled" / "edges.csv").exists()


def test_the_token_comes_from_the_environment():
    assert token_from_env({"BOTIFY_API_TOKEN": " abc "}) == "abc"
    with pytest.raises(BotifyError, match="BOTIFY_API_TOKEN"):
        token_from_env({})


def test_cli_pull(botify_api, tmp_path, monkeypatch, capsys):
    from whittle.cli import main

    monkeypatch.setenv("BOTIFY_API_TOKEN", TOKEN)
    assert main(["linkgraph", "botify", "acme/acme-shop", "--out", str(tmp_path / "b"), "--api", botify_api]) == 0
    out = capsys.readouterr().out
    assert "crawl 20260301: 5 links, 5 URLs" in out and TOKEN not in out
    monkeypatch.delenv("BOTIFY_API_TOKEN")
    assert main(["linkgraph", "botify", "acme/acme-shop", "--out", str(tmp_path / "c"), "--api", botify_api]) == 2
    assert "BOTIFY_API_TOKEN" in capsys.readouterr().err
