// The new-case form asks only what the answers so far need: after each change it asks
// the server which questions to leave out (the program's rules decide), and hides them.
// Without this script the "Update the questions" button does the same with a page load.
(function () {
  "use strict";
  function ready() {
    var form = document.querySelector('form[data-role="new-case"]');
    if (!form) { return; }
    var refresh = form.querySelector('[data-role="refresh"]');
    if (refresh) { refresh.hidden = true; }
    var latest = 0;  // answers can arrive out of order: only the last question asked counts
    form.addEventListener("change", function (event) {
      if (event.target.name === "program") {  // the whole form again, for the other program
        form.requestSubmit(form.querySelector('button[value="change_program"]'));
        return;
      }
      // URL-encoded as the form itself posts (multipart would meet the upload part limit)
      var data = new URLSearchParams(new FormData(form));
      data.delete("action");
      var asked = ++latest;
      fetch(form.dataset.questions, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (answer && asked === latest) { show(form, new Set(answer.hidden)); }
        })
        .catch(function () { if (refresh && asked === latest) { refresh.hidden = false; } });
    });
  }
  function show(form, hidden) {
    form.querySelectorAll("fieldset.question[data-field]").forEach(function (question) {
      var leave = hidden.has(question.dataset.field);
      question.hidden = leave;
      question.disabled = leave;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
