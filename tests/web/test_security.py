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


# -- Sec-Fetch-Site: pages of other sites (and other ports here) may only navigate -----------------

FROM_ANOTHER_SITE = {"sec-fetch-site": "cross-site"}
NAVIGATION = {"sec-fetch-mode": "navigate", "sec-fetch-dest": "document"}


def test_a_cross_site_subresource_get_is_refused(client, whittle):
    before = len(whittle.chat.store.history())
    image = {**FROM_ANOTHER_SITE, "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image"}
    for path in ("/app/todo", "/", "/app/todo/card", "/health"):
        response = client.get(path, headers=image)
        assert response.status_code == 403 and "another site" in response.text, path
    framed = client.get("/app/todo", headers={**FROM_ANOTHER_SITE, "sec-fetch-mode": "navigate", "sec-fetch-dest": "iframe"})
    assert framed.status_code == 403, "a frame on another site's page is no navigation of the user's"
    fetched = client.get("/app/todo", headers={"sec-fetch-site": "same-site", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty"})
    assert fetched.status_code == 403, "same-site: a page served by another port of this machine"
    assert len(whittle.chat.store.history()) == before, "nothing was written"


def test_a_cross_site_post_without_origin_is_refused_by_fetch_metadata(client, whittle):
    response = client.post("/app/todo/add", data={"text": "planted"}, headers={**FROM_ANOTHER_SITE, **NAVIGATION})
    assert response.status_code == 403
    assert whittle.db.query("SELECT COUNT(*) FROM todos")[0][0] == 0


def test_following_a_link_from_another_site_shows_the_page(client):
    response = client.get("/", headers={**FROM_ANOTHER_SITE, **NAVIGATION})
    assert response.status_code == 200 and 'id="chat"' in response.text
    own = {"sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty", "HX-Request": "true"}
    assert client.get("/app/todo/card", headers=own).status_code == 200
    assert client.get("/", headers={"sec-fetch-site": "none", **NAVIGATION}).status_code == 200, "typed or bookmarked"


def test_is_cross_site_reads_the_browser_header():
    from starlette.requests import Request

    from whittle.web.security import is_cross_site

    def request(**headers):
        raw = [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
        return Request({"type": "http", "method": "GET", "path": "/", "headers": raw})

    assert is_cross_site(request(sec_fetch_site="cross-site"))
    assert is_cross_site(request(sec_fetch_site="same-site"))
    assert not is_cross_site(request(sec_fetch_site="same-origin"))
    assert not is_cross_site(request(sec_fetch_site="none"))
    assert not is_cross_site(request()), "old browsers send nothing; the Origin check covers their writes"


def test_the_host_refusal_names_the_real_address(whittle):
    from starlette.testclient import TestClient

    from whittle.web.app import create_app

    with TestClient(create_app(whittle), base_url="http://127.0.0.1:5123") as other_port:
        response = other_port.get("/", headers={"host": "attacker.example:5123"})
    assert response.status_code == 400
    assert "http://127.0.0.1:5123/" in response.text and "5001" not in response.text


def test_an_app_opened_from_another_site_writes_nothing(client, whittle):
    client.get("/", headers={"sec-fetch-site": "none", **NAVIGATION})
    before = [m.content for m in whittle.chat.store.history()]
    for path in ("/app/todo", "/app/profiles", "/"):
        response = client.get(path, headers={**FROM_ANOTHER_SITE, **NAVIGATION})
        assert response.status_code == 200, path
    assert [m.content for m in whittle.chat.store.history()] == before, "no 'the user opened' note"
    client.get("/app/todo", headers={"sec-fetch-site": "same-origin", **NAVIGATION})
    assert len(whittle.chat.store.history()) > len(before), "the user's own navigation is still heard"


def test_a_cross_site_websocket_is_refused_even_without_origin(client):
    with pytest.raises(WebSocketDisconnect) as refused:
        headers = {"host": "127.0.0.1:5001", "sec-fetch-site": "cross-site", "sec-fetch-mode": "websocket"}
        with client.websocket_connect("/ws", headers=headers):
            pass
    assert refused.value.code == 1008 and "another site" in refused.value.reason
