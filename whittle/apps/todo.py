"""Todo list: add, edit, complete, delete and reorder (drag, or Alt+↑/↓); one list per profile.

Every action swaps the list, summary and error slot by id (the add form stays put), and tells the model what
changed with chat.note, so "what did I just do?" has an answer.
"""

from __future__ import annotations

from dataclasses import field

from fasthtml.common import (
    H2,
    Article,
    Button,
    Div,
    Form,
    Header,
    HtmxResponseHeaders,
    Input,
    Li,
    P,
    Script,
    Small,
    Span,
    Style,
    Ul,
)

from whittle.apps import todo_state
from whittle.apps.base import WhittleApp, form_data
from whittle.apps.confirm import ConfirmForm, confirm_attrs, not_confirmed
from whittle.apps.todo_tools import register_todo_tools
from whittle.plugins import hookimpl
from whittle.profiles import Profile
from whittle.todos import MAX_TODO_CHARS, Todo, TodoError, TodoStore

CARD = "#todo-card"
NOTE_LIST_LIMIT = 20  # items spelled out for the model; a 2k-token context has no room for more
# Shipped with the app so the module stays self-contained; the lead may move it to whittle.css.
CSS = """
.todo-add { display: flex; gap: .5rem; margin-bottom: .5rem; }
.todo-add input, .todo-item input, .todo-item form { margin: 0; }
.todo-add button, .todo-item button { width: auto; margin: 0; }
.todo-list { padding: 0; }
.todo-item { list-style: none; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; padding: .35rem 0;
  border-bottom: 1px solid var(--pico-muted-border-color); }
.todo-item .form-error { flex-basis: 100%; margin: 0; }
.todo-item .todo-text { flex: 1; overflow-wrap: anywhere; }
.todo-item.done .todo-text { text-decoration: line-through; color: var(--pico-muted-color); }
.todo-item button { padding: .2rem .6rem; font-size: .85rem; }
.todo-item form { display: flex; flex: 1; gap: .5rem; }
.todo-item form input { flex: 1; }
.todo-item .todo-handle { cursor: grab; user-select: none; padding: 0 .25rem; color: var(--pico-muted-color);
  background: none; border: none; box-shadow: none; font-size: 1rem; }
.todo-item .todo-handle:focus-visible { outline: 2px solid var(--pico-primary); }
.todo-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.todo-list .sortable-ghost { opacity: .4; }
"""


# Actions swap only what changed, out of band, by id: the add form stays in the page (and
# wired up) while the user types the next todo, so no keystroke lands in a half-swapped form.
QUIET = {"hx_swap": "none"}


@form_data
class TextForm:
    text: str = ""


@form_data
class DoneForm:
    done: str | None = None  # an unticked checkbox sends nothing


@form_data
class OrderForm:
    order: list[str] = field(default_factory=list)


# -- components ------------------------------------------------------------------
def todo_card(base: str, profile: Profile, items: list[Todo], *, editing: int | None = None, error: str | None = None, draft: str = ""):
    return Article(
        Header(H2("Todo list"), todo_summary(profile, items)),
        Form(
            Input(
                name="text",
                id="todo-new-text",
                maxlength=MAX_TODO_CHARS,
                placeholder="What needs doing?",
                aria_label="New todo",
                aria_describedby="todo-error",
            ),
            Button("Add", id="todo-add"),
            id="todo-add-form",
            cls="todo-add",
            hx_post=f"{base}/add",
            # HX-Trigger: todo-added (sent only on success) empties the field for the next todo;
            # after an error what was typed stays there to be fixed.
            hx_on_todo_added="this.reset(); this.elements.text.focus()",
            **QUIET,
        ),
        *todo_parts(base, profile, items, editing=editing, error=error, draft=draft),
        # todo.js says here what a keyboard move did ("Moved 'milk' to position 1 of 3.").
        Div(id="todo-live", cls="todo-live", aria_live="polite", role="status"),
        id="todo-card",
    )


def todo_parts(base: str, profile: Profile, items: list[Todo], *, editing: int | None = None, error: str | None = None,
               draft: str = "", oob: bool = False):
    """Everything below the add form; with oob=True, marked to replace the same ids in the page."""
    swap = {"hx_swap_oob": "true"} if oob else {}
    add_error = None if editing else error
    return (
        todo_summary(profile, items, **swap) if oob else None,
        Small(add_error or "", cls="form-error", id="todo-error", role="alert", hidden=not add_error, **swap),
        Ul(
            *[_item(base, item, editing == item.id, error if editing == item.id else None, draft) for item in items],
            id="todo-items",
            cls="todo-list",
            # todo.js makes this list sortable; SortableJS fires "end" after a drag.
            hx_post=f"{base}/reorder",
            hx_trigger="end",
            hx_include="#todo-items input[name='order']",
            hx_disinherit="*",
            **QUIET,
            **swap,
        ),
        P("Nothing to do yet — add a todo above.", cls="todo-empty", id="todo-empty", hidden=bool(items), **swap),
    )


def todo_summary(profile: Profile, items: list[Todo], **swap):
    done = sum(item.done for item in items)
    return Small(f"Profile: {profile.name} · {done} of {len(items)} done", id="todo-summary", **swap)


def _item(base: str, item: Todo, editing: bool, error: str | None, draft: str):
    # A real button: it takes the focus, so Alt+↑/↓ (todo.js) moves the item without a mouse.
    handle = Button(
        "⠿",
        type="button",
        cls="todo-handle",
        title="Drag, or press Alt+↑ / Alt+↓, to reorder",
        aria_label=f"Move {item.text} (Alt+Up / Alt+Down)",
        aria_keyshortcuts="Alt+ArrowUp Alt+ArrowDown",
    )
    order = Input(type="hidden", name="order", value=str(item.id))
    if editing:
        return Li(
            handle,
            order,
            Form(
                Input(
                    name="text",
                    value=draft if error else item.text,  # after an error, exactly what was typed
                    maxlength=MAX_TODO_CHARS,
                    aria_label="Todo text",
                    autofocus=True,
                    aria_invalid="true" if error else None,
                ),
                Button("Save", cls="todo-save"),
                # Escape in the field presses this (todo.js): the saved text comes back, edit mode ends.
                Button("Cancel", type="button", cls="secondary outline todo-cancel", hx_get=f"{base}/card", **QUIET),
                hx_post=f"{base}/{item.id}/edit",
                **QUIET,
            ),
            Small(error, cls="form-error", role="alert") if error else None,
            id=f"todo-{item.id}",
            cls="todo-item editing",
            data_id=str(item.id),
        )
    return Li(
        handle,
        order,
        Input(
            type="checkbox",
            name="done",
            value="1",
            checked=item.done,
            aria_label=f"Done: {item.text}",
            hx_post=f"{base}/{item.id}/done",
            **QUIET,
        ),
        Span(item.text, cls="todo-text"),
        Button("Edit", cls="secondary outline todo-edit", hx_get=f"{base}/{item.id}/edit", **QUIET),
        Button(
            "Delete",
            cls="secondary outline todo-delete",
            hx_post=f"{base}/{item.id}/delete",
            **confirm_attrs(f"Delete the todo {_quoted(item.text)}"),
            **QUIET,
        ),
        id=f"todo-{item.id}",
        cls="todo-item" + (" done" if item.done else ""),
        data_id=str(item.id),
    )


def _quoted(text: str) -> str:
    return f"'{text}'"


# -- the app -----------------------------------------------------------------------
class TodoList(WhittleApp):
    name = "todo"
    title = "Todo list"
    menu_order = 20
    training_prompt = (
        "The Todo list app keeps a to-do list for the active profile. The user adds, edits, completes, "
        "deletes and drags items into a new order; each change reaches you as an [App event]. "
        "When asked, say what is on the list or what the user just changed."
    )

    def __init__(self, ctx):
        super().__init__(ctx)
        self.todos = TodoStore(ctx.db)  # the app's own table (whittle/todos.py)
        register_todo_tools(self)  # what the assistant may do here (apps/todo_tools.py)

    @property
    def profile(self) -> Profile:
        return self.ctx.profiles.active()

    def card(self, **state):
        profile = self.profile
        return todo_card(self.ctx.url(), profile, self.todos.items(profile.id), **state)

    def parts(self, **state):
        """What an action sends back: the list, summary, error and empty note, swapped by id."""
        profile = self.profile
        return todo_parts(self.ctx.url(), profile, self.todos.items(profile.id), oob=True, **state)

    def render(self):
        # Scripts inserted by an htmx swap run in document order; todo.js tolerates being run again.
        return (
            Style(CSS),
            self.card(),
            Script(src="/static/vendor/Sortable.min.js"),
            Script(src="/static/todo.js"),
        )

    async def on_open(self) -> None:
        self.ctx.chat.note(self._summary())

    def routes(self):
        return [
            ("/card", self.show_card, ["get"]),
            ("/add", self.add, ["post"]),
            ("/reorder", self.reorder, ["post"]),
            ("/{item_id:int}/edit", self.edit_form, ["get"]),
            ("/{item_id:int}/edit", self.edit, ["post"]),
            ("/{item_id:int}/done", self.set_done, ["post"]),
            ("/{item_id:int}/delete", self.delete, ["post"]),
        ]

    # -- handlers: each returns the parts that changed (see todo_parts) ----------------
    async def show_card(self):
        return self.parts()

    async def add(self, form: TextForm):
        try:
            item = self.todos.add(self.profile.id, form.text)
        except TodoError as error:
            return self.parts(error=str(error))
        self._heard(f"The user added {_quoted(item.text)} to the todo list.")
        return HtmxResponseHeaders(trigger="todo-added"), *self.parts()

    async def edit_form(self, item_id: int):
        try:
            self.todos.get(self.profile.id, item_id)
        except TodoError as error:
            return self.parts(error=str(error))
        return self.parts(editing=item_id)

    async def edit(self, item_id: int, form: TextForm):
        text = form.text
        try:
            before = self.todos.get(self.profile.id, item_id)
        except TodoError as error:
            return self.parts(error=str(error))
        try:
            after = self.todos.edit(self.profile.id, item_id, text)
        except TodoError as error:
            return self.parts(editing=item_id, error=str(error), draft=text)
        if after.text != before.text:
            self._heard(f"The user changed the todo {_quoted(before.text)} to {_quoted(after.text)}.")
        return self.parts()

    async def set_done(self, item_id: int, form: DoneForm):
        done = form.done is not None
        try:
            item = self.todos.set_done(self.profile.id, item_id, done)
        except TodoError as error:
            return self.parts(error=str(error))
        state = "done" if done else "not done"
        self._heard(f"The user marked {_quoted(item.text)} as {state} on the todo list.")
        return self.parts()

    async def delete(self, item_id: int, form: ConfirmForm):
        try:
            item = self.todos.get(self.profile.id, item_id)  # a todo that is gone answers 404 first
            if not form.confirmed:
                return self.parts(error=not_confirmed(f"Deleting the todo {_quoted(item.text)}", "Delete"))
            item = self.todos.delete(self.profile.id, item_id)
        except TodoError as error:
            return self.parts(error=str(error))
        self._heard(f"The user deleted {_quoted(item.text)} from the todo list.")
        return self.parts()

    async def reorder(self, form: OrderForm):
        try:
            ids = [int(value) for value in form.order]
        except ValueError:
            return self.parts(error="The new order was not a list of todo ids; reload the page and drag again.")
        before = [item.id for item in self.todos.items(self.profile.id)]
        try:
            items = self.todos.reorder(self.profile.id, ids)
        except TodoError as error:
            return self.parts(error=str(error))
        if [item.id for item in items] != before:
            self._heard("The user reordered the todo list. " + self._summary())
        return self.parts()

    # -- what the model hears ------------------------------------------------------------
    def state_facts(self) -> list[str]:
        return todo_state.facts(self.profile.name, self.todos.items(self.profile.id))

    def state_values(self) -> list[str]:
        return todo_state.values(self.todos.items(self.profile.id))

    def marked_values(self) -> list[str]:
        return [item.text for item in self.todos.items(self.profile.id) if item.done]

    async def on_user_message(self, message) -> bool:
        """'What is left on my list?' is answered from the list itself (apps/todo_state.py)."""
        if not todo_state.asks_whats_left(message.content):
            return False
        profile = self.profile
        await self.ctx.chat.say(todo_state.left_reply(profile.name, self.todos.items(profile.id)))
        return True

    def _heard(self, note: str) -> None:
        self.ctx.chat.note(note)

    def _summary(self) -> str:
        profile = self.profile
        items = self.todos.items(profile.id)
        if not items:
            return f"The todo list of the profile {profile.name} is empty."
        shown = [
            f"{n}. {item.text}" + (" (done)" if item.done else "") for n, item in enumerate(items[:NOTE_LIST_LIMIT], 1)
        ]
        more = f"; and {len(items) - NOTE_LIST_LIMIT} more" if len(items) > NOTE_LIST_LIMIT else ""
        return f"The todo list of the profile {profile.name} now reads: " + "; ".join(shown) + more + "."


@hookimpl
def register_apps(register):
    register(TodoList)
