import pytest
from starlette.websockets import WebSocketDisconnect

from whittle.web.security import host_allowed, origin_allowed


def test_host_and_origin_rules():
    allowed = ("127.0.0.1", "localhost", "[::1]")
    assert host_allowed("127.0.0.1:5001", allowed)
    assert host_allowed("localhost", allowed)
    assert host_allowed("[::1]:5001", allowed)
    assert not host_allowed("evil.example:5001", allowed)
    assert not host_allowed("", allowed)
    assert origin_allowed("http://127.0.0.1:5001", "127.0.0.1:5001")
    assert not origin_allowed("http://127.0.0.1:5002", "127.0.0.1:5001")
    assert not origin_allowed("null", "127.0.0.1:5001")
    assert not origin_allowed("http://evil.example", "127.0.0.1:5001")


def test_page_loads_for_local_host(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'id="chat"' in response.text and 'id="app-area"' in response.text


def test_rebinding_host_is_refused(client):
    response = client.get("/", headers={"host": "attacker.example:5001"})
    assert response.status_code == 400
    assert "--allow-host" in response.text


def test_cross_site_post_is_refused(client):
    response = client.post("/chat/stop", headers={"origin": "http://attacker.example"})
    assert response.status_code == 403
    assert client.post("/chat/stop", headers={"origin": "http://127.0.0.1:5001"}).status_code == 204


def test_foreign_origin_websocket_is_refused(client):
    with pytest.raises(WebSocketDisconnect) as refused:
        with client.websocket_connect("/ws", headers={"host": "127.0.0.1:5001", "origin": "http://attacker.example"}):
            pass
    assert refused.value.code == 1008
    assert "another site" in refused.value.reason


def test_no_asset_comes_from_another_host(client):
    page = client.get("/").text
    assert "http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page
    for asset in ("/static/vendor/htmx.min.js", "/static/vendor/pico.min.css", "/static/vendor/purify.min.js"):
        assert client.get(asset).status_code == 200
