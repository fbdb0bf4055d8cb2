"""Unknown addresses answer a real 404 with the way home; the favicon is served from the app itself."""

import pytest

HX = {"hx-request": "true"}


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/app/no-such-app", "There is no app called 'no-such-app'."),
        ("/no/such/page", "There is no page at /no/such/page."),
        ("/app/todo/no-such-route", "There is no page at /app/todo/no-such-route."),
        ("/static/no-such-file.css", "There is no page at /static/no-such-file.css."),
    ],
)
def test_unknown_addresses_answer_404_with_links_home_and_to_every_app(client, path, says):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert says in response.text
    assert '<a href="/">Back to the start page</a>' in response.text
    assert 'href="/app/todo"' in response.text and 'href="/app/costs"' in response.text, "every app is one click away"
    assert 'href="/static/whittle.css"' in response.text, "styled like the rest of the app"


def test_an_htmx_request_for_an_unknown_address_gets_a_sentence(client):
    # whittle.js shows a text/plain refusal as it is; a whole page would be swapped into a card.
    response = client.get("/app/todo/no-such-route", headers=HX)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "There is no page at /app/todo/no-such-route. Reload the page or go back to the start page."


def test_known_pages_still_answer_200(client):
    assert client.get("/").status_code == 200
    assert client.get("/app/todo").status_code == 200


def test_the_favicon_is_an_svg_served_locally_and_linked_from_every_page(client):
    page = client.get("/").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    for path in ("/static/favicon.svg", "/favicon.ico"):
        icon = client.get(path)
        assert icon.status_code == 200, path
        assert icon.headers["content-type"].startswith("image/svg+xml"), path
        assert icon.text.lstrip().startswith("<svg") and "<text" not in icon.text, "drawn shapes, no font needed"
