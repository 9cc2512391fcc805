// Solve the sign form's proof-of-work challenge (ALTCHA protocol v1) in the background.
(function () {
  "use strict";
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  async function solve(challenge) {
    var encoder = new TextEncoder();
    for (var n = 0; n <= challenge.maxNumber; n++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) { return n; }
    }
    return null;
  }
  async function run(input) {
    var form = input.form;
    var status = form.querySelector("[data-pow-status]");
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    try {
      var response = await fetch(input.getAttribute("data-pow-url"), { credentials: "same-origin", cache: "no-store" });
      var challenge = await response.json();
      var number = await solve(challenge);
      if (number === null) { throw new Error("unsolved"); }
      input.value = btoa(JSON.stringify({
        algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
        salt: challenge.salt, signature: challenge.signature
      }));
      if (status) { status.textContent = status.getAttribute("data-done") || "✓"; }
    } catch (e) {
      if (status) { status.textContent = status.getAttribute("data-failed") || "!"; }
    } finally {
      if (button) { button.disabled = false; }
    }
  }
  function start(root) {
    root.querySelectorAll("input[data-pow-url]").forEach(function (input) {
      if (!input.value && !input.hasAttribute("data-pow-started")) {
        input.setAttribute("data-pow-started", "");
        run(input);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    start(document);
    document.body.addEventListener("htmx:afterSwap", function () { start(document); });
  });
})();
