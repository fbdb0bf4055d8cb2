"""The chat header's expert picker: No expert, Auto (by description), or one expert, for this conversation.

Next to the model picker (web/conversations.py), and like it: a change posts the choice and every
open tab redraws the picker through the chat socket; switching conversation redraws it with that
conversation's choice. An unknown name is refused with a message naming the choices there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fasthtml.common import Form, Label, Option, Select
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from whittle.chat.conversations import AUTO_EXPERT, ConversationError
from whittle.experts.choice import connect_experts

if TYPE_CHECKING:
    from whittle.core import Whittle

BASE = "/chat/conversations"


def expert_picker(whittle: Whittle):
    experts = connect_experts(whittle)
    current = whittle.conversations.current_id()
    choice = experts.choice(current)
    options = [Option("No expert", value="", selected=not choice),
               Option("Auto (by description)", value=AUTO_EXPERT, selected=choice == AUTO_EXPERT)]
    options += [Option(e.name, value=e.name, title=e.description, selected=e.name == choice)
                for e in experts.store.all()]
    # Styled like #chat-model-picker in whittle.css (inline: that stylesheet is not this module's).
    select = Select(*options, name="expert", hx_post=f"{BASE}/{current}/expert", hx_trigger="change", hx_swap="none",
                    title="The expert this conversation's answers get (the Experts page edits them)",
                    style="margin: 0; padding: .2rem .5rem; width: auto; font-size: inherit;")
    return Form(Label("Expert", select, cls="expert-picker",
                      style="display: flex; gap: .4rem; align-items: center; margin: 0;"),
                id="chat-expert-picker", style="margin: 0 0 .3rem; font-size: .9rem;")


def register_expert_routes(whittle: Whittle, register) -> None:
    """The picker's route; also wires the conversation's expert into the chat (experts/choice.py)."""
    experts = connect_experts(whittle)
    experts.listeners.append(lambda: whittle.chat.update_app(expert_picker(whittle)))

    async def choose(conversation_id: int, request: Request):
        choice = str((await request.form()).get("expert", "")).strip() or None
        try:
            experts.choose(conversation_id, choice)  # the listener redraws the picker in every tab
        except ConversationError as error:
            return PlainTextResponse(str(error), status_code=400)
        return Response(status_code=204)

    register(f"{BASE}/{{conversation_id:int}}/expert", choose, ["post"])
