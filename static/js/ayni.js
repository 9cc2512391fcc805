// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Remember the reader's time zone so dates are shown in it.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("ayni_tz=" + zone) === -1) {
      document.cookie = "ayni_tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
    }
  } catch (e) { /* old browser: server default */ }

  function bind(root) {
    root.querySelectorAll("[data-select-on-focus]").forEach(function (el) {
      el.addEventListener("focus", function () { el.select(); });
    });
    var focus = root.querySelector("[data-focus]");
    if (focus && root !== document) { focus.focus(); }
    root.querySelectorAll("form[data-inline-validate]").forEach(inlineValidate);
    root.querySelectorAll("[data-copy-link]").forEach(once(copyLink));
    root.querySelectorAll("[data-web-share]").forEach(once(webShare));
    root.querySelectorAll("[data-embed-src]").forEach(once(embed));
  }

  // An embedded video (an event's recording, a video in an article; ayni.core.embeds): nothing
  // from the video host loads until the visitor clicks.
  function embed(box) {
    var play = box.querySelector("[data-embed-play]");
    if (!play) { return; }
    play.addEventListener("click", function (event) {
      event.preventDefault();
      var src = box.getAttribute("data-embed-src");
      var frame = document.createElement("iframe");
      frame.src = src + (src.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
      frame.title = box.getAttribute("data-embed-title");
      frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.className = "recording-frame";
      box.replaceChildren(frame);
      box.classList.add("playing");
      frame.focus();
    });
  }

  // After an htmx swap bind() runs again over the swapped part's parent: bind each element once.
  function once(setUp) {
    return function (element) {
      if (element.hasAttribute("data-bound")) { return; }
      element.setAttribute("data-bound", "");
      setUp(element);
    };
  }

  // Share buttons: shown only where the browser can do what they do; the plain links and the
  // link field work without them.
  function announce(button, message) {
    var status = button.parentNode.querySelector("[data-share-status]");
    if (!status) { return; }
    // Cleared first so the same message twice is announced twice.
    status.textContent = "";
    setTimeout(function () { status.textContent = message; }, 50);
  }

  function copyLink(button) {
    // The clipboard exists only on HTTPS (and localhost).
    if (!navigator.clipboard || !navigator.clipboard.writeText || !window.isSecureContext) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(
        function () { announce(button, button.getAttribute("data-copied")); },
        function () { announce(button, button.getAttribute("data-copy-failed")); }
      );
    });
  }

  function webShare(button) {
    if (!navigator.share) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var title = button.getAttribute("data-share-title");
      // A cancelled share rejects too: nothing to say then.
      navigator.share({ title: title, text: title, url: button.getAttribute("data-share-url") }).catch(function () {});
    });
  }

  // A mouse press elsewhere takes the focus before its click lands; a message shown on that
  // blur shifts the page under the pointer and the click misses (a checkbox stays unticked).
  var pressing = false;
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  ["pointerup", "pointercancel"].forEach(function (type) {
    document.addEventListener(type, function () { setTimeout(function () { pressing = false; }, 0); }, true);
  });

  // Inline validation: a field the visitor typed in is checked on leaving it, with the
  // messages the server would give, which the page carries in its own language (data-message-*
  // on the field's wrapper; the browser's validationMessage is in the browser's language).
  // Fields never typed in are left alone: sending the form checks everything on the server.
  function inlineValidate(form) {
    form.querySelectorAll("[data-field]").forEach(function (wrapper) {
      var input = wrapper.querySelector("input, select, textarea");
      var required = wrapper.getAttribute("data-message-required");
      var invalid = wrapper.getAttribute("data-message-invalid");
      if (!input || (!required && !invalid)) { return; }
      var typed = false;
      input.addEventListener("input", function () {
        typed = true;
        // Once a message shows, it goes as soon as the value is right.
        if (wrapper.querySelector(".field-error.js-error")) { check(); }
      });
      input.addEventListener("change", function () { typed = true; });
      input.addEventListener("blur", function () {
        if (!typed) { return; }
        if (pressing) {
          // After the press ends; and in any case soon, should the press end unseen (a pointer
          // released outside the page, or a blur from the keyboard while the flag lingers).
          var checked = false;
          var once = function () { if (!checked) { checked = true; check(); } };
          document.addEventListener("pointerup", function () { setTimeout(once, 0); }, { once: true });
          setTimeout(once, 400);
        } else {
          check();
        }
      });
      function problem() {
        if (input.validity.valueMissing && required) { return required; }
        if (input.validity.typeMismatch && invalid) { return invalid; }
        return "";
      }
      function check() {
        var message = wrapper.querySelector(".field-error.js-error");
        var text = problem();
        if (!text) {
          wrapper.classList.remove("has-error");
          if (message) {
            var kept = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== message.id; });
            if (kept.length) { input.setAttribute("aria-describedby", kept.join(" ")); } else { input.removeAttribute("aria-describedby"); }
            message.remove();
          }
          input.removeAttribute("aria-invalid");
          return;
        }
        if (!message) {
          message = document.createElement("p");
          message.className = "field-error js-error";
          message.id = input.id + "-js-error";
          input.parentNode.insertBefore(message, input);
        }
        message.textContent = text;
        wrapper.classList.add("has-error");
        input.setAttribute("aria-invalid", "true");
        // Keep the hint (and any server error) linked, adding the message to them.
        var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== message.id; });
        described.push(message.id);
        input.setAttribute("aria-describedby", described.join(" "));
      }
    });
  }

  // The live count: poll the JSON document the page links to.
  function pollCount() {
    var box = document.querySelector("[data-count-url]");
    if (!box || !window.fetch) { return; }
    var number = box.querySelector("[data-count]");
    var progress = box.querySelector("[data-count-progress]");
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
    function tick() {
      if (document.hidden) { return; }
      fetch(box.getAttribute("data-count-url"), { credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (doc) {
          if (!doc) { return; }
          number.textContent = format.format(doc.count);
          if (progress) { progress.value = doc.count; }
        })
        .catch(function () {});
    }
    // No tick on load: the page was just rendered with the count, and the browser may still
    // hold a count.json older than that (max-age), which would turn the number back.
    setInterval(tick, 10000);
    document.addEventListener("visibilitychange", tick);
  }

  document.addEventListener("DOMContentLoaded", function () {
    bind(document);
    pollCount();
    // After an outerHTML swap the old target is detached (no parent): htmx hands us the new
    // element as detail.elt, so bind around that one and the new content gets its focus.
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var swapped = event.detail.target.isConnected ? event.detail.target : event.detail.elt;
      bind((swapped && swapped.isConnected && swapped.parentNode) || document);
      // A form swapped in with its errors: the title says so too, as the page without
      // JavaScript does ("Error: …"), so a screen reader's title and the tab show it.
      var summary = document.querySelector("[data-error-title]");
      if (summary) { document.title = summary.getAttribute("data-error-title"); }
    });
    // htmx swaps 4xx form answers too (the form with its errors).
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.xhr.status === 422 || event.detail.xhr.status === 409) { event.detail.shouldSwap = true; event.detail.isError = false; }
    });
  });
})();
