// The agent's client code (whittle/agent/): hints for /commands in the chat input, and the
// hidden #agent-nav element the server swaps (out of band) to open an app in every tab.
// Suggestions come from GET /agent/complete and are shown with textContent only.
(function () {
  "use strict";

  var NAV_ID = "agent-nav";
  var HINTS_ID = "agent-hints";
  var timer = null;
  var asked = "";

  function input() { return document.getElementById("chat-input"); }

  function ensureNav() {
    if (!document.getElementById(NAV_ID)) {
      var nav = document.createElement("div");
      nav.id = NAV_ID;
      nav.hidden = true;
      document.body.appendChild(nav);
    }
  }

  function hintsBox() {
    var box = document.getElementById(HINTS_ID);
    var form = document.getElementById("chat-form");
    if (!box && form) {
      box = document.createElement("ul");
      box.id = HINTS_ID;
      box.className = "agent-hints";
      box.setAttribute("role", "listbox");
      box.setAttribute("aria-label", "Commands");
      box.style.cssText = "list-style:none;margin:0 0 .25rem;padding:0;font-size:.85rem;max-height:12rem;overflow:auto";
      form.insertBefore(box, form.firstChild);
      input().setAttribute("aria-controls", HINTS_ID);
    }
    return box;
  }

  function hide() {
    var box = document.getElementById(HINTS_ID);
    if (box) box.replaceChildren();
  }

  function choose(text) {
    var box = input();
    box.value = text;
    box.focus();
    hide();
    ask();
  }

  function show(suggestions) {
    var box = hintsBox();
    if (!box) return;
    box.replaceChildren();
    suggestions.forEach(function (s) {
      var item = document.createElement("li");
      item.setAttribute("role", "option");
      item.dataset.text = s.text;
      item.style.cssText = "cursor:pointer;padding:.1rem .25rem;margin:0";
      var usage = document.createElement("code");
      usage.textContent = s.usage;
      var about = document.createElement("small");
      about.textContent = " " + s.description;
      item.append(usage, about);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(s.text); });
      box.appendChild(item);
    });
  }

  function ask() {
    var box = input();
    var value = box ? box.value : "";
    if (!value.startsWith("/") || value.indexOf("\n") >= 0) { hide(); return; }
    if (value === asked) return;
    asked = value;
    var app = document.getElementById("chat-app");
    var query = "prefix=" + encodeURIComponent(value) + "&app=" + encodeURIComponent(app ? app.value : "");
    fetch("/agent/complete?" + query, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (input() && input().value === value) show(data.suggestions || []); })
      .catch(hide);
  }

  document.addEventListener("input", function (event) {
    if (event.target !== input()) return;
    clearTimeout(timer);
    asked = "";
    timer = setTimeout(ask, 80);
  });

  // Tab completes to the first hint (while the input holds a command); Escape closes the hints.
  document.addEventListener("keydown", function (event) {
    if (event.target !== input()) return;
    var first = document.querySelector("#" + HINTS_ID + " li");
    if (event.key === "Tab" && first && input().value.startsWith("/") && first.dataset.text !== input().value) {
      event.preventDefault();
      choose(first.dataset.text);
    } else if (event.key === "Escape") {
      hide();
    } else if (event.key === "Enter" && !event.shiftKey) {
      hide();
    }
  });

  // The call cards' footer: small buttons after the tier line (kept here so the agent's UI is one file).
  function addStyle() {
    if (document.getElementById("agent-style")) return;
    var style = document.createElement("style");
    style.id = "agent-style";
    style.textContent =
      ".agent-actions{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;justify-content:flex-start}" +
      ".agent-actions .route{flex-basis:100%}" +
      ".agent-actions button{width:auto;margin:0;padding:.2rem .8rem;font-size:.85rem}" +
      ".msg-awaiting{border-left:3px solid var(--pico-primary)}";
    document.head.appendChild(style);
  }

  document.body.addEventListener("htmx:wsConfigSend", hide);
  document.body.addEventListener("htmx:afterSettle", ensureNav);
  ensureNav();
  addStyle();
})();
