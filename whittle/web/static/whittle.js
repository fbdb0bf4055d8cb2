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
      el.querySelectorAll("pre > code").forEach(decorateCode);
    });
  }

  // Code blocks: highlighted (highlight.js reads the sanitized text and writes escaped spans) and a Copy button.
  function decorateCode(code) {
    if (window.hljs) window.hljs.highlightElement(code);
    var pre = code.parentElement;
    if (pre.querySelector(".copy-code")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code secondary outline";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy this code");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      }, function () { button.textContent = "Copy failed"; });
    });
    pre.appendChild(button);
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
    // A search hit switched conversation: show the message it found.
    var log = document.getElementById("chat-messages");
    if (log && log.dataset.focus) {
      var found = document.getElementById("msg-" + log.dataset.focus);
      delete log.dataset.focus;
      if (found) { found.scrollIntoView({ block: "center" }); found.focus({ preventScroll: true }); }
    }
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

  // --- The phone's chat drawer (whittle.css shows it below 560px; on wider screens these are no-ops). ---
  function setChatOpen(open) {
    var toggle = document.getElementById("chat-toggle");
    document.body.classList.toggle("chat-open", open);
    if (toggle) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) toggle.removeAttribute("data-unread");
    }
    if (open) scrollMessages(true);
  }

  function drawerShown() { // the toggle is displayed only where the chat is a drawer
    var toggle = document.getElementById("chat-toggle");
    return !!toggle && getComputedStyle(toggle).display !== "none";
  }

  function focusChatInput() {
    if (drawerShown()) setChatOpen(true);
    var input = document.getElementById("chat-input");
    if (input) input.focus(); // focus() recomputes styles first, so the opened drawer can take it
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    if (event.target.closest("#chat-toggle")) focusChatInput();
    else if (event.target.closest("#chat-close")) {
      setChatOpen(false);
      var toggle = document.getElementById("chat-toggle");
      if (toggle) toggle.focus();
    }
  });

  // A reply that arrives while the drawer is closed marks the Chat button.
  document.body.addEventListener("htmx:wsAfterMessage", function () {
    var toggle = document.getElementById("chat-toggle");
    if (toggle && drawerShown() && !document.body.classList.contains("chat-open")) toggle.setAttribute("data-unread", "");
  });

  function typingInField(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  // "/" from anywhere outside a text field goes to the chat input; Escape closes the drawer.
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingInField(event.target)) {
      event.preventDefault();
      focusChatInput();
    } else if (event.key === "Escape" && document.body.classList.contains("chat-open")) {
      setChatOpen(false);
      var toggle = document.getElementById("chat-toggle");
      if (toggle) toggle.focus();
    }
  });

  // --- The conversation is one Tab stop. Arrow keys move between messages; a message's ▲/▼
  // join the Tab order only while the message is focused or hovered, so Tab does not walk
  // through every reply's buttons on its way to the input. ---
  function feedbackReachable(message, reachable) {
    message.querySelectorAll("button.feedback").forEach(function (button) {
      button.tabIndex = reachable ? 0 : -1;
    });
  }

  document.addEventListener("focusin", function (event) {
    var message = event.target.closest && event.target.closest("#chat-messages .msg");
    if (message) feedbackReachable(message, true);
  });
  document.addEventListener("focusout", function (event) {
    var message = event.target.closest && event.target.closest("#chat-messages .msg");
    if (message && !message.contains(event.relatedTarget) && !message.matches(":hover")) feedbackReachable(message, false);
  });
  document.addEventListener("mouseover", function (event) {
    var message = event.target.closest && event.target.closest("#chat-messages .msg");
    if (message) feedbackReachable(message, true);
  });
  document.addEventListener("mouseout", function (event) {
    var message = event.target.closest && event.target.closest("#chat-messages .msg");
    if (message && !message.contains(event.relatedTarget) && !message.contains(document.activeElement)) {
      feedbackReachable(message, false);
    }
  });

  // A verdict re-renders its ▲/▼ (outerHTML): keep the keyboard user's place on the chosen one.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var path = (event.detail.pathInfo && event.detail.pathInfo.requestPath) || "";
    var match = path.match(/^\/chat\/feedback\/(\d+)\//);
    var group = match && document.getElementById("feedback-" + match[1]);
    var chosen = group && group.querySelector("button.chosen");
    if (!chosen) return;
    feedbackReachable(chosen.closest(".msg"), true);
    if (!document.activeElement || document.activeElement === document.body) chosen.focus();
  });

  document.addEventListener("keydown", function (event) {
    var list = document.getElementById("chat-messages");
    if (!list || !list.contains(event.target) || typingInField(event.target)) return;
    if (["ArrowUp", "ArrowDown", "Home", "End"].indexOf(event.key) < 0) return;
    var messages = Array.prototype.slice.call(list.querySelectorAll(".msg"));
    if (!messages.length) return;
    var current = event.target.closest(".msg");
    var at = current ? messages.indexOf(current) : messages.length; // from the list itself: the newest first
    var next = { ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: messages.length - 1 }[event.key];
    next = Math.max(0, Math.min(messages.length - 1, next));
    event.preventDefault();
    messages[next].focus();
  });
})();
