"""The conversation menu's routes over HTTP (real app, TestClient)."""

HX = {"HX-Request": "true"}
BASE = "/chat/conversations"


def test_menu_new_search_export_import_delete(client, whittle):
    messages = whittle.chat.store
    messages.add("user", "Where do orphan pages come from?", visible=True, source="user")
    page = client.get("/").text
    assert 'id="chat-conversations"' in page and "First conversation" in page

    assert client.post(f"{BASE}/new", headers=HX).status_code == 204
    assert whittle.chat.store.visible() == []
    hits = client.get(f"{BASE}/search", params={"q": "orphan"}).text
    assert "[orphan]" in hits and "First conversation" in hits

    first = whittle.conversations.all()[-1].id
    exported = client.get(f"{BASE}/{first}/export.json")
    assert exported.status_code == 200 and 'filename="first-conversation.json"' in exported.headers["content-disposition"]
    markdown = client.get(f"{BASE}/{first}/export.md").text
    assert "# First conversation" in markdown and "Where do orphan pages come from?" in markdown

    answer = client.post(f"{BASE}/import", files={"file": ("c.json", exported.content, "application/json")}, headers=HX)
    assert answer.status_code == 204 and len(whittle.conversations.all()) == 3
    assert "Where do orphan pages come from?" in [m.content for m in whittle.chat.store.visible()]
    bad = client.post(f"{BASE}/import", files={"file": ("c.json", b"\xff\xfe", "application/json")}, headers=HX)
    assert bad.status_code == 400 and "not UTF-8" in bad.text

    current = whittle.conversations.current_id()
    refused = client.post(f"{BASE}/{current}/delete", headers=HX)
    assert refused.status_code == 400 and "needs confirming" in refused.text and len(whittle.conversations.all()) == 3
    assert client.post(f"{BASE}/{current}/delete", data={"confirm": "yes"}, headers=HX).status_code == 204
    assert len(whittle.conversations.all()) == 2
    assert client.post(f"{BASE}/99999/switch", headers=HX).status_code == 400
    assert client.get(f"{BASE}/{first}/export.exe").status_code == 404


def test_a_conversation_can_be_pinned_to_a_tier(client, whittle):
    page = client.get("/").text
    assert 'id="chat-model-picker"' in page and "Auto (router)" in page
    current = whittle.conversations.current_id()
    refused = client.post(f"{BASE}/{current}/tier", data={"tier": "gpt-9"}, headers=HX)
    assert refused.status_code == 400 and "no tier 'gpt-9'" in refused.text
    tier = whittle.router.tiers[0].name
    assert client.post(f"{BASE}/{current}/tier", data={"tier": tier}, headers=HX).status_code == 204
    assert whittle.chat.pinned_tier() == tier
    client.post(f"{BASE}/new", headers=HX)
    assert whittle.chat.pinned_tier() is None, "the choice belongs to its conversation"
    client.post(f"{BASE}/{current}/switch", headers=HX)
    assert whittle.chat.pinned_tier() == tier
