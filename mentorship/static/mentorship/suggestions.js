// Follows a suggestion run working in the background: polls its JSON state
// and moves the progress bar; reloads once it is over, so the page shows the
// suggestions or the reason it failed. Without JavaScript the page refreshes
// itself (a meta refresh in <noscript>).
(function () {
  "use strict";
  var box = document.querySelector("[data-run-progress-url]");
  if (!box || box.dataset.runFinished === "true") return;
  var bar = box.querySelector("[data-run-bar]");
  var percent = box.querySelector("[data-run-percent]");
  var label = box.querySelector("[data-run-status]");
  var stage = box.querySelector("[data-run-stage]");
  var delay = 1000;

  function poll() {
    fetch(box.dataset.runProgressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (bar) { bar.value = data.progress; bar.textContent = data.progress + " %"; }
        if (percent) percent.textContent = data.progress;
        if (label) label.textContent = data.status_label;
        if (stage) stage.textContent = data.stage_label;
        if (data.finished) { window.location.reload(); return; }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
