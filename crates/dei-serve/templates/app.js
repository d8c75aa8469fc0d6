// dei serve: progressive enhancement of the section form (SPEC §17). Every page works without
// this script. With it, a changed answer asks the server which questions of the section apply
// now (`applies_if`) and what the section's summary would be, without saving: questions appear
// and disappear as the answers change, and a screen reader hears how many did.
(function () {
  "use strict";
  var form = document.querySelector("form[data-scope]");
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }
  var latest = 0;
  function setText(id, text) {
    var element = document.getElementById(id);
    if (element && typeof text === "string") {
      element.textContent = text;
    }
  }
  function apply(scope) {
    var shown = 0;
    var hidden = 0;
    var notApplying = 0;
    scope.questions.forEach(function (question) {
      var fieldset = document.getElementById("q-" + question.id);
      if (fieldset && fieldset.hidden === question.applies) {
        fieldset.hidden = !question.applies;
        if (question.applies) { shown += 1; } else { hidden += 1; }
      }
      var why = document.getElementById("why-" + question.id);
      if (why) {
        why.hidden = question.applies;
        if (!question.applies) { notApplying += 1; }
      }
    });
    setText("not-applying", String(notApplying));
    setText("section-score", scope.summary.score);
    setText("section-answered", scope.summary.answered);
    setText("completeness", scope.summary.completeness + " %");
    var status = document.getElementById("scope-status");
    if (status && (shown || hidden)) {
      var words = [];
      if (shown) { words.push(status.getAttribute("data-shown").replace("{n}", shown)); }
      if (hidden) { words.push(status.getAttribute("data-hidden").replace("{n}", hidden)); }
      status.textContent = words.join(" ");
    }
  }
  form.addEventListener("change", function () {
    latest += 1;
    var mine = latest;
    fetch(form.getAttribute("data-scope"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (scope) {
      // Only the answer to the latest change counts: an older one may arrive later.
      if (scope && mine === latest) {
        apply(scope);
      }
    }).catch(function () {
      // Without an answer the page stays as it is; saving still shows the right questions.
    });
  });
})();
