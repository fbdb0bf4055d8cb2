// Makes the todo list sortable. The drop itself is plain htmx: SortableJS fires "end" on
// #todo-items, whose hx-post sends the ids in their new order; the server sends the list back.
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

  // The app's render() brings this file along, so reopening the app runs it again.
  if (window.whittleTodo) { window.whittleTodo.init(document); return; }
  window.whittleTodo = { init: init };
  htmx.onLoad(init);
  init(document);
})();
