"""The Todo list's tools: what the assistant (and /todo commands) may do to the list.

An item is named by its text or by its number in the list ("1" is the first), as a user would.
Every change re-renders the list in every open tab and tells the model what happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from whittle.agent.results import ToolFailed, ToolResult, quoted
from whittle.todos import MAX_TODO_CHARS, Todo, TodoError

if TYPE_CHECKING:
    from whittle.apps.todo import TodoList

ITEM_HELP = "the todo's text, or its number in the list (1 = first)"


class AddParams(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TODO_CHARS, description="what needs doing")


class ItemParams(BaseModel):
    item: str = Field(min_length=1, description=ITEM_HELP)


class EditParams(BaseModel):
    item: str = Field(min_length=1, description=ITEM_HELP)
    text: str = Field(min_length=1, max_length=MAX_TODO_CHARS, description="the new text")


class ReorderParams(BaseModel):
    item: str = Field(min_length=1, description=ITEM_HELP)
    position: int = Field(ge=1, description="where it goes (1 = top)")


class NoParams(BaseModel):
    pass


def find_item(items: list[Todo], item: str) -> Todo:
    """The todo a user means: its number, its exact text, or the one todo containing the words."""
    wanted = item.strip().strip("'\"").strip()
    if wanted.isdigit():
        number = int(wanted)
        if 1 <= number <= len(items):
            return items[number - 1]
        raise ToolFailed(f"There is no todo number {number}: the list has {len(items)}.")
    lowered = wanted.casefold()
    exact = [todo for todo in items if todo.text.casefold() == lowered]
    if exact:
        return exact[0]
    partial = [todo for todo in items if lowered and lowered in todo.text.casefold()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise ToolFailed(f"{len(partial)} todos contain {quoted(wanted)}; name one by its number.")
    raise ToolFailed(f"No todo matches {quoted(wanted)}; name it by its text or its number in the list.")


def register_todo_tools(app: TodoList) -> None:
    """Declare the todo tools on the app's context (called once, from TodoList.__init__)."""
    tools = TodoTools(app)
    register = app.ctx.register_tool
    register("todo_add", "Add a todo to the todo list.", AddParams, tools.add)
    register("todo_edit", "Change the text of a todo.", EditParams, tools.edit)
    register("todo_complete", "Mark a todo as done.", ItemParams, tools.complete)
    register("todo_reopen", "Mark a done todo as not done again (untick it).", ItemParams, tools.reopen)
    register("todo_delete", "Delete a todo from the list.", ItemParams, tools.delete, destructive=True)
    register("todo_list", "List the todos.", NoParams, tools.list)
    register("todo_reorder", "Move a todo to another place in the list.", ReorderParams, tools.reorder)


class TodoTools:
    def __init__(self, app: TodoList):
        self.app = app

    @property
    def _profile_id(self) -> int:
        return self.app.profile.id

    def _items(self) -> list[Todo]:
        return self.app.todos.items(self._profile_id)

    def _changed(self, note: str) -> None:
        """The model hears it; every open tab gets the new list (the add form is left alone)."""
        self.app.ctx.chat.note(note)
        for part in self.app.parts():
            if part is not None:
                self.app.ctx.chat.update(part)

    def _store(self, change):
        try:
            return change()
        except TodoError as error:
            raise ToolFailed(str(error)) from None

    def add(self, params: AddParams) -> ToolResult:
        item = self._store(lambda: self.app.todos.add(self._profile_id, params.text))
        self._changed(f"The assistant added {quoted(item.text)} to the todo list.")
        return ToolResult("Added a todo.", (item.text,), undo=lambda: self._undo_add(item))

    def _undo_add(self, item: Todo) -> ToolResult:
        self._store(lambda: self.app.todos.delete(self._profile_id, item.id))
        self._changed(f"Undone: {quoted(item.text)} was removed from the todo list again.")
        return ToolResult("Removed the todo again.", (item.text,))

    def edit(self, params: EditParams) -> ToolResult:
        before = find_item(self._items(), params.item)
        after = self._store(lambda: self.app.todos.edit(self._profile_id, before.id, params.text))
        self._changed(f"The assistant changed the todo {quoted(before.text)} to {quoted(after.text)}.")

        def undo() -> ToolResult:
            self._store(lambda: self.app.todos.edit(self._profile_id, before.id, before.text))
            self._changed(f"Undone: the todo is {quoted(before.text)} again.")
            return ToolResult("The todo has its old text again.", (before.text,))

        return ToolResult("Changed a todo.", (before.text, after.text), undo=undo)

    def complete(self, params: ItemParams) -> ToolResult:
        return self._set_done(params, True)

    def reopen(self, params: ItemParams) -> ToolResult:
        return self._set_done(params, False)

    def _set_done(self, params: ItemParams, done: bool) -> ToolResult:
        before = find_item(self._items(), params.item)
        state = "done" if done else "not done"
        if before.done == done:  # nothing to change, and nothing to undo
            return ToolResult(f"The todo was already {state}.", (before.text,))
        item = self._store(lambda: self.app.todos.set_done(self._profile_id, before.id, done))
        self._changed(f"The assistant marked {quoted(item.text)} as {state} on the todo list.")

        def undo() -> ToolResult:
            self._store(lambda: self.app.todos.set_done(self._profile_id, before.id, before.done))
            self._changed(f"Undone: {quoted(before.text)} is {'done' if before.done else 'not done'} again.")
            return ToolResult("The todo is as it was.", (before.text,))

        return ToolResult(f"Marked a todo as {state}.", (item.text,), undo=undo)

    def delete(self, params: ItemParams) -> ToolResult:
        target = find_item(self._items(), params.item)
        item = self._store(lambda: self.app.todos.delete(self._profile_id, target.id))
        self._changed(f"The assistant deleted {quoted(item.text)} from the todo list (the user confirmed).")
        return ToolResult("Deleted a todo.", (item.text,))

    def list(self, params: NoParams) -> ToolResult:
        items = self._items()
        if not items:
            return ToolResult("The todo list is empty.")
        lines = tuple(f"{n}. {todo.text}" + (" (done)" if todo.done else "") for n, todo in enumerate(items, 1))
        return ToolResult(f"The todo list has {len(items)} items.", lines)

    def reorder(self, params: ReorderParams) -> ToolResult:
        items = self._items()
        target = find_item(items, params.item)
        before = [todo.id for todo in items]
        order = [todo_id for todo_id in before if todo_id != target.id]
        order.insert(min(params.position, len(items)) - 1, target.id)
        self._store(lambda: self.app.todos.reorder(self._profile_id, order))
        self._changed(f"The assistant moved {quoted(target.text)} to position {params.position} of the todo list.")

        def undo() -> ToolResult:
            self._store(lambda: self.app.todos.reorder(self._profile_id, before))
            self._changed("Undone: the todo list is back in its old order.")
            return ToolResult("The list is back in its old order.")

        return ToolResult(f"Moved a todo to position {min(params.position, len(items))}.", (target.text,), undo=undo)
