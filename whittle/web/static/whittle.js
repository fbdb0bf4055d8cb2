// The little JavaScript whittle needs: markdown for finished messages, send on Enter, scroll,
// and a visible sentence when the server refuses an action (a stale tab, a deleted item).
(function () {
  "use strict";

  // Model output is untrusted text that must stay inert: it may format, never act.
  // htmx acts on hx-* and data-hx-* attributes (and its extensions on ws-* and sse-*), so every
  // such attribute goes, with every data-* attribute. Ids and names go too (htmx swaps and
  // chat.js find elements by id), as do styles (a fixed overlay could hide or fake the page),
  // forms and buttons (a "click here" that posts), and anything that loads a URL by itself
  // (an <img src=/app/...> would be a request; an outside URL would carry data away).
  var SANITIZE = {
    USE_PROFILES: { html: true },
    ALLOW_DATA_ATTR: false,
    FORBID_TAGS: [
      "style", "form", "input", "button", "textarea", "select", "option", "dialog", "template",
      "img", "picture", "source", "video", "audio", "track", "iframe", "object", "embed", "link", "meta", "base"
    ],
    FORBID_ATTR: ["style", "id", "name", "form", "formaction", "action", "srcset", "ping"]
  };
  var ACTIVE_PREFIXES = ["hx-", "data-", "ws-", "sse-"];

  DOMPurify.addHook("uponSanitizeAttribute", function (node, data) {
    var name = data.attrName.toLowerCase();
    for (var i = 0; i < ACTIVE_PREFIXES.length; i++) {
      if (name.indexOf(ACTIVE_PREFIXES[i]) === 0) {
        data.keepAttr = false;
        return;
      }
    }
  });

  // Markdown to sanitized HTML; exposed for chat.js and apps so there is one sanitizer.
  function markdownToHtml(raw) {
    return DOMPurify.sanitize(marked.parse(raw), SANITIZE);
  }

  // Model output is untrusted: parse markdown, then sanitize before it touches the DOM.
  function renderMarkdown(root) {
    (root || document).querySelectorAll(".msg-body[data-md]").forEach(function (el) {
      var raw = el.textContent;
      el.innerHTML = markdownToHtml(raw);
      el.removeAttribute("data-md");
    });
  }

  window.whittle = Object.freeze({ markdownToHtml: markdownToHtml, renderMarkdown: renderMarkdown });

  // No page snapshots in localStorage: on Back, htmx asks the server for the page again, so
  // a restored page is rendered (and sanitized) afresh rather than re-activated from a copy,
  // and the conversation is not left behind in the browser's storage.
  htmx.config.historyCacheSize = 0;

  function nearBottom(el) {
    return el.scrollHeight - el.scrollTop - el.clientHeight < 120;
  }

  var stickToBottom = true;

  function scrollMessages(always) {
    var list = document.getElementById("chat-messages");
    if (list && (always || stickToBottom)) list.scrollTop = list.scrollHeight;
  }

  document.addEventListener("DOMContentLoaded", function () {
    renderMarkdown(document);
    var list = document.getElementById("chat-messages");
    if (list) {
      scrollMessages(true);
      list.addEventListener("scroll", function () { stickToBottom = nearBottom(list); });
    }
  });

  document.body.addEventListener("htmx:wsAfterMessage", function () {
    renderMarkdown(document);
    scrollMessages(false);
  });

  document.body.addEventListener("htmx:afterSwap", function (event) { renderMarkdown(event.target); });
  document.body.addEventListener("htmx:historyRestore", function () {
    renderMarkdown(document);
    scrollMessages(true);
  });

  // A refused action (404: the item was deleted meanwhile; 403/409...) is not swapped by htmx;
  // show the server's sentence so the user knows nothing happened and what to do.
  document.body.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var text = xhr && (xhr.getResponseHeader("Content-Type") || "").indexOf("text/plain") === 0 ? xhr.responseText : "";
    showRefusal(text || "The server refused this action (" + (xhr ? xhr.status : "?") + "); reload the page.");
  });

  function showRefusal(text) {
    var box = document.getElementById("whittle-refusal");
    if (!box) {
      box = document.createElement("div");
      box.id = "whittle-refusal";
      box.setAttribute("role", "alert");
      box.addEventListener("click", function () { box.hidden = true; });
      document.body.appendChild(box);
    }
    box.textContent = text.slice(0, 400); // text, never HTML
    box.title = "Click to close";
    box.hidden = false;
  }

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
