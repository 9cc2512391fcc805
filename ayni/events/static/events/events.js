// Events' enhancements (progressive: every page works without this file). Bound by data-*
// attributes: the visitor's own time and the join countdown (the recording's player is
// ayni.js's, as every embedded video's).
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  // Dates as the visitor's browser writes them when it reads the page's language (en-GB, es-AR…).
  var user = navigator.language || "";
  var locale = lang && user.toLowerCase().indexOf(lang.toLowerCase()) === 0 ? user : lang;

  // The event's time in the visitor's zone, from the instants the page carries.
  function localWhen(el) {
    var starts = new Date(el.getAttribute("data-starts"));
    var ends = new Date(el.getAttribute("data-ends"));
    if (isNaN(starts) || isNaN(ends) || !window.Intl) { return; }
    try {
      var format = new Intl.DateTimeFormat(locale, {
        weekday: "long", day: "numeric", month: "long", year: "numeric",
        hour: "2-digit", minute: "2-digit", timeZoneName: "short"
      });
      var text = format.formatRange ? format.formatRange(starts, ends) : format.format(starts);
      el.textContent = el.getAttribute("data-label") + " " + text;
    } catch (e) { /* an old browser: the event's own time stays */ }
  }

  // Before the way in opens: a countdown, then a link to go in.
  function countdown(el) {
    var opens = new Date(el.getAttribute("data-countdown"));
    if (isNaN(opens)) { return; }
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function tick() {
      var left = Math.round((opens - new Date()) / 1000);
      if (left <= 0) {
        clearInterval(timer);
        var link = document.createElement("a");
        link.className = "button";
        link.href = el.getAttribute("data-ready-href");
        link.textContent = el.getAttribute("data-ready-label");
        el.replaceChildren(link);
        return;
      }
      var days = Math.floor(left / 86400);
      var rest = left % 86400;
      var clock = pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor(rest % 3600 / 60)) + ":" + pad(rest % 60);
      el.textContent = el.getAttribute("data-countdown-label") + " " + (days ? days + " d " : "") + clock;
    }
    var timer = setInterval(tick, 1000);
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-local-when]").forEach(localWhen);
    document.querySelectorAll("[data-countdown]").forEach(countdown);
  });
})();
