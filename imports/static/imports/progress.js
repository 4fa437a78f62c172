// Follows an import being applied in the background: polls its JSON status
// and moves the progress bar without reloading; reloads once it is over, so
// the page shows the result or the reason it failed. Without JavaScript the
// page still shows the status at the time it was loaded.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-status-url]");
  if (!box || box.dataset.importStatus !== "applying") return;
  var bar = box.querySelector("[data-import-bar]");
  var done = box.querySelector("[data-import-done]");
  var percent = box.querySelector("[data-import-percent]");
  var label = box.querySelector("[data-import-status-label]");
  var delay = 1000;

  function show(data) {
    if (bar) { bar.max = data.total || 1; bar.value = data.done; bar.textContent = data.percent + " %"; }
    if (done) done.textContent = data.done;
    if (percent) percent.textContent = data.percent;
    if (label) label.textContent = data.status_label;
  }

  function poll() {
    fetch(box.dataset.importStatusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        show(data);
        if (data.status !== "applying") { window.location.reload(); return; }
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
