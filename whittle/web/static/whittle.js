// The little JavaScript whittle needs: markdown for finished messages, send on Enter, scroll.
(function () {
  "use strict";

  // Model output is untrusted: parse markdown, then sanitize before it touches the DOM.
  function renderMarkdown(root) {
    (root || document).querySelectorAll(".msg-body[data-md]").forEach(function (el) {
      var raw = el.textContent;
      el.innerHTML = DOMPurify.sanitize(marked.parse(raw), { USE_PROFILES: { html: true } });
      el.removeAttribute("data-md");
    });
  }

  function nearBottom(el) {
    return el.scrollHeight - el.scrollTop - el.clientHeight < 120;
  }

  var stickToBottom = true;

  document.addEventListener("DOMContentLoaded", function () {
    renderMarkdown(document);
    var list = document.getElementById("chat-messages");
    if (list) {
      list.scrollTop = list.scrollHeight;
      list.addEventListener("scroll", function () { stickToBottom = nearBottom(list); });
    }
  });

  document.body.addEventListener("htmx:wsAfterMessage", function () {
    renderMarkdown(document);
    var list = document.getElementById("chat-messages");
    if (list && stickToBottom) list.scrollTop = list.scrollHeight;
  });

  document.body.addEventListener("htmx:afterSwap", function (event) { renderMarkdown(event.target); });

  // Expose the socket's state (CSS dims the input while disconnected; tests wait on it).
  document.body.addEventListener("htmx:wsOpen", function () { document.body.dataset.chat = "connected"; });
  document.body.addEventListener("htmx:wsClose", function () { document.body.dataset.chat = "disconnected"; });

  // Clear the input once the message is on its way.
  document.body.addEventListener("htmx:wsAfterSend", function () {
    var input = document.getElementById("chat-input");
    if (input) input.value = "";
    stickToBottom = true;
  });

  document.addEventListener("keydown", function (event) {
    if (event.target.id === "chat-input" && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  });
})();
