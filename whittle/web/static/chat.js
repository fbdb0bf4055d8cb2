// The chat's own client code: the user's words are never lost.
// - A queued message's Cancel takes it back into the input (it is sent as {"cancel": id}).
// - A message the server refused (too long, too many waiting) goes back into the input;
//   the refusal notice says why (its element carries data-restore-input).
(function () {
  "use strict";

  var socket = null; // the htmx ws extension's socket wrapper
  var lastSent = "";

  function input() { return document.getElementById("chat-input"); }

  // Put text back into the input without overwriting what the user has typed since.
  function giveBack(text) {
    var box = input();
    if (!box || !text) return;
    var typed = box.value.trim();
    box.value = typed ? text + "\n" + box.value : text;
    box.focus();
  }

  document.body.addEventListener("htmx:wsOpen", function (event) { socket = event.detail.socketWrapper; });
  document.body.addEventListener("htmx:wsClose", function () { socket = null; });

  // Remember what the chat form sends, in case the server refuses it.
  document.body.addEventListener("htmx:wsConfigSend", function (event) {
    if (event.target && event.target.id === "chat-form" && input()) lastSent = input().value;
  });

  document.body.addEventListener("htmx:wsAfterMessage", function () {
    var refused = document.querySelector("#chat-notice[data-restore-input]");
    if (refused) {
      refused.removeAttribute("data-restore-input");
      giveBack(lastSent);
      lastSent = "";
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cancel-queued");
    if (!button || !socket) return;
    button.disabled = true;
    // Sent straight on the socket (no form): the input is not cleared by the send.
    socket.send(JSON.stringify({ cancel: Number(button.dataset.cancel) }));
    giveBack(button.dataset.text);
  });
})();
