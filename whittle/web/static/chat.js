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

  // Version arrows, like ▲/▼ (whittle.js), join the Tab order only while their message is focused
  // or hovered: the conversation stays one Tab stop.
  function stepsReachable(event, reachable) {
    var message = event.target.closest && event.target.closest("#chat-messages .msg");
    if (!message) return;
    if (!reachable && (message.contains(event.relatedTarget) || message.contains(document.activeElement))) return;
    message.querySelectorAll("button.version-step").forEach(function (step) { step.tabIndex = reachable ? 0 : -1; });
  }
  document.addEventListener("focusin", function (event) { stepsReachable(event, true); });
  document.addEventListener("mouseover", function (event) { stepsReachable(event, true); });
  document.addEventListener("focusout", function (event) { stepsReachable(event, false); });
  document.addEventListener("mouseout", function (event) { stepsReachable(event, false); });

  // A version arrow (‹ 2 / 3 ›) brings in another copy of its message, so the focus would fall to
  // the page: once the chosen version arrives, put the keyboard user back on its matching arrow.
  var chosenVersion = null;
  document.addEventListener("click", function (event) {
    var step = event.target.closest && event.target.closest("button.version-step");
    var match = step && (step.getAttribute("hx-post") || "").match(/^\/chat\/messages\/(\d+)\/show$/);
    if (match) chosenVersion = { id: match[1], later: step === step.parentNode.lastElementChild };
  });
  document.body.addEventListener("htmx:wsAfterMessage", function () {
    var steps = chosenVersion && document.querySelectorAll("#msg-" + chosenVersion.id + " button.version-step");
    if (!steps || !steps.length) return;
    var same = steps[chosenVersion.later ? steps.length - 1 : 0];
    var other = steps[chosenVersion.later ? 0 : steps.length - 1];
    chosenVersion = null;
    if (!document.activeElement || document.activeElement === document.body) (same.disabled ? other : same).focus();
  });
})();
