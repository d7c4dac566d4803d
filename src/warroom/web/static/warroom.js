// warroom's few lines of JavaScript. Every page works without them:
// they only keep "now" fresh in time boxes, report failed in-place saves,
// and count the files of an import as they land.
(function () {
  "use strict";

  function utcNow() {
    var iso = new Date().toISOString(); // 2026-11-20T14:05:09.123Z
    return iso.slice(0, 10) + " " + iso.slice(11, 16) + " UTC";
  }

  // A time box that still shows the time the page was loaded follows the
  // clock until someone types in it.
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box.matches && box.matches(".time-field input")) {
      box.dataset.edited = "yes";
    }
  });
  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (!form) { return; }
    form.querySelectorAll(".time-field input").forEach(function (box) {
      if (box !== event.target && box.dataset.edited !== "yes") {
        box.value = utcNow();
      }
    });
  });

  function flash(message) {
    var box = document.getElementById("flash");
    if (!box) { return; }
    box.textContent = message;
    box.hidden = false;
    window.clearTimeout(box.timer);
    box.timer = window.setTimeout(function () { box.hidden = true; }, 8000);
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var text = "The change was not saved (" + xhr.status + ").";
    if (xhr.status === 403) {
      text = "Not allowed, or the page has expired: reload it and try again.";
    } else if (xhr.status === 404) {
      text = "This incident is gone, or you may no longer see it.";
    }
    flash(text);
  });
  document.addEventListener("htmx:sendError", function () {
    flash("The server could not be reached; nothing was saved. Try again.");
  });

  document.addEventListener("htmx:afterSwap", function () {
    var rows = document.getElementById("import-rows");
    if (!rows) { return; }
    var done = rows.querySelectorAll(".import-row.done").length;
    var bar = document.getElementById("import-bar");
    var count = document.getElementById("import-count");
    if (bar) { bar.value = done; bar.textContent = done + " of " + bar.max; }
    if (count) { count.textContent = String(done); }
  });
})();
