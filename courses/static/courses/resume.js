// Remembers the lesson, case or review a learner opened as where "Continue where
// you left off" leads: once the page has loaded, the hidden form of the page
// footer (data-resume-beacon, with its CSRF token) is posted in the background.
// Opening a page never writes by itself; without scripts, marking it done does.
(function () {
  "use strict";
  var form = document.querySelector("form[data-resume-beacon]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  window.fetch(form.action, {
    method: "POST",
    body: new window.FormData(form),
    credentials: "same-origin",
    keepalive: true,
  });
})();
