// The progress bar of a file being imported in the background: asks the page's progress
// address every two seconds and moves the bar; when the import has finished, reloads the page
// to show its result. Without JavaScript the page's "Refresh" button does the same by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-progress]");
  if (!box || !window.fetch) {
    return;
  }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var url = box.getAttribute("data-url");

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("progress " + response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        bar.value = progress.percent;
        bar.textContent = progress.percent + "%";
        text.textContent =
          progress.rows_done + " of " + progress.rows_total + " rows (" + progress.percent + "%)";
        if (progress.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        // Signed out or offline: stop, and leave the Refresh button to the reader.
      });
  }
  window.setTimeout(poll, 2000);
})();
