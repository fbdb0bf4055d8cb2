"""The Memory page: facts learned from the chat reach the prompt; edited and deleted ones follow the user."""

import asyncio

HX = {"HX-Request": "true"}


async def _say(whittle, text):
    await whittle.chat.send_user_message(text)
    await whittle.chat.stop()  # the answer does not matter here, only what was heard
    await asyncio.sleep(0)


def test_learned_from_the_chat_shown_edited_and_deleted(client, whittle):
    client.portal.call(_say, whittle, "I prefer short answers. My client is Acme Corp.")
    prompt = whittle.system_prompt()
    assert "likes: short answers" in prompt and "clients: Acme Corp" in prompt
    page = client.get("/app/memory").text
    assert "short answers" in page and "Acme Corp" in page and "chat" in page

    key = "client:acme-corp"
    html = client.post(f"/app/memory/{key}/edit", data={"text": "Acme Corporation"}, headers=HX).text
    assert "Saved: Acme Corporation" in html and "clients: Acme Corporation" in whittle.system_prompt()

    refused = client.post("/app/memory/client:acme-corporation/delete", headers=HX).text
    assert "needs confirming" in refused and "Acme Corporation" in whittle.system_prompt()
    client.post("/app/memory/client:acme-corporation/delete", data={"confirm": "yes"}, headers=HX)
    assert "Acme" not in whittle.system_prompt(), "a deleted fact never reaches a prompt again"
    hidden = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert not any("Acme Corporation" in note for note in hidden)


def test_added_by_hand_with_clear_errors(client, whittle):
    for data, message in (({"kind": "note", "text": "  "}, "Write the fact"),
                          ({"kind": "nope", "text": "x"}, "Unknown kind"),
                          ({"kind": "note", "text": "x" * 121}, "under 120 characters")):
        html = client.post("/app/memory/add", data=data, headers=HX).text
        assert message in html
    html = client.post("/app/memory/add", data={"kind": "recurring", "text": "every friday: backups"}, headers=HX).text
    assert "Remembered: every friday: backups" in html
    assert "recurring tasks: every friday: backups" in whittle.system_prompt()
