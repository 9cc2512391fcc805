// Start the vendored ALTCHA widget (static/vendor/altcha/) on the sign form: its proof-of-work
// runs in our own same-origin worker and it speaks in the page's language. A module, so it runs
// after parsing; the widget is imported from here so that the worker and the strings are
// registered before any challenge can come back from the server.
const widget = document.querySelector("altcha-widget[data-altcha-script]");
if (widget) {
  const workerUrl = widget.getAttribute("data-altcha-worker");
  const language = widget.getAttribute("language") || "en";
  const strings = JSON.parse(widget.getAttribute("data-altcha-strings") || "{}");
  await import(widget.getAttribute("data-altcha-script"));
  globalThis.$altcha.algorithms.set("SHA-256", () => new Worker(workerUrl));
  globalThis.$altcha.i18n.set(language, strings);
}
