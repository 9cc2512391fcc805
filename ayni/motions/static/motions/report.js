// The report form's body search, enhanced (progressive: without this file each match is a
// link that reloads the form with the body chosen). Bound by data-* attributes: choosing a
// match ([data-body-choice], swapped in by htmx as one types) fills the form's hidden body
// field, says which body was chosen ([data-body-chosen]) and puts away "My body is not listed".
(function () {
  "use strict";

  function choose(link) {
    var form = document.querySelector("[data-report-form]");
    var field = form && form.querySelector("input[name=body]");
    var status = document.querySelector("p[data-body-chosen]");
    if (!field || !status) { return false; }
    field.value = link.getAttribute("data-body-choice");
    var links = document.querySelectorAll("[data-body-choice]");
    for (var i = 0; i < links.length; i++) { links[i].removeAttribute("aria-current"); }
    link.setAttribute("aria-current", "true");
    status.textContent = link.getAttribute("data-body-chosen");
    status.hidden = false;
    var proposal = form.querySelector("[data-new-body]");
    if (proposal) {
      // A disabled fieldset sends nothing: the report names the chosen body alone.
      proposal.disabled = true;
      proposal.hidden = true;
    }
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-body-choice]");
    if (link && choose(link)) { event.preventDefault(); }
  });
})();
