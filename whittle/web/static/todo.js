// The todo list's keyboard and drag behaviour. The server stays the only writer: a drop or a
// keyboard move fires "end" on #todo-items, whose hx-post sends the ids in their new order, and
// Escape presses the edit form's Cancel button (the server sends the saved text back).
(function () {
  "use strict";

  function init(root) {
    if (!window.Sortable) return; // loaded just before this file; nothing to do until it is
    var lists = [];
    if (root.matches && root.matches(".todo-list")) lists.push(root);
    if (root.querySelectorAll) lists.push.apply(lists, root.querySelectorAll(".todo-list"));
    lists.forEach(function (list) {
      if (Sortable.get(list)) return;
      Sortable.create(list, { handle: ".todo-handle", animation: 120 });
    });
  }

  function announce(text) {
    var live = document.getElementById("todo-live");
    if (!live) return;
    live.textContent = "";
    // A new text node in a second step, so screen readers announce a repeated message too.
    setTimeout(function () { live.textContent = text; }, 30);
  }

  function itemText(item) {
    var text = item.querySelector(".todo-text");
    return text ? text.textContent : "";
  }

  // Alt+ArrowUp / Alt+ArrowDown on anything in a todo (its handle, checkbox, buttons) moves it.
  function move(event) {
    var item = event.target.closest && event.target.closest(".todo-list > .todo-item");
    if (!item || item.classList.contains("editing")) return;
    var list = item.parentElement;
    var up = event.key === "ArrowUp";
    var neighbour = up ? item.previousElementSibling : item.nextElementSibling;
    event.preventDefault();
    if (!neighbour) {
      announce("'" + itemText(item) + "' is already " + (up ? "first" : "last") + ".");
      return;
    }
    list.insertBefore(item, up ? neighbour : neighbour.nextElementSibling);
    var items = Array.prototype.slice.call(list.children);
    var position = items.indexOf(item) + 1;
    announce("Moved '" + itemText(item) + "' to position " + position + " of " + items.length + ".");
    var handle = item.querySelector(".todo-handle");
    if (handle) handle.focus();
    pendingFocus = { id: item.id, control: ".todo-handle", stale: handle };
    htmx.trigger(list, "end"); // the same request as a drop
  }

  // The answer replaces the list, and the focused element with it: the moved item's handle (so
  // the next Alt+Arrow keeps moving it) or the cancelled item's Edit button gets the focus back.
  var pendingFocus = null;
  function refocus() {
    if (!pendingFocus) return;
    var item = document.getElementById(pendingFocus.id);
    var control = item && item.querySelector(pendingFocus.control);
    if (!control || control === pendingFocus.stale) return; // not this swap: the list has not come back yet
    if (document.activeElement !== control) control.focus();
    pendingFocus = null;
  }

  function onKeydown(event) {
    if (event.key === "Escape") {
      var editing = event.target.closest && event.target.closest(".todo-item.editing");
      var cancel = editing && editing.querySelector(".todo-cancel");
      if (cancel) {
        event.preventDefault();
        pendingFocus = { id: editing.id, control: ".todo-edit", stale: null };
        cancel.click();
      }
      return;
    }
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) move(event);
  }

  // The app's render() brings this file along, so reopening the app runs it again.
  if (window.whittleTodo) { window.whittleTodo.init(document); return; }
  window.whittleTodo = { init: init };
  htmx.onLoad(init);
  document.addEventListener("keydown", onKeydown);
  document.body.addEventListener("htmx:afterSettle", refocus);
  init(document);
})();
