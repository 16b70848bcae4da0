/* Waiting page of a PDF job: polls the JSON status every 2 s and shows the download button (or the
   failure) without a manual reload. */
(function () {
  "use strict";
  var box = document.querySelector("[data-pdf-status]");
  if (!box) { return; }
  var url = box.getAttribute("data-pdf-status");
  var proses = box.querySelector("[data-pdf-proses]");
  var siap = box.querySelector("[data-pdf-siap]");
  var gagal = box.querySelector("[data-pdf-gagal]");
  var link = box.querySelector("[data-pdf-unduh]");
  var tries = 0;

  function show(state) {
    proses.hidden = state !== "proses";
    siap.hidden = state !== "siap";
    gagal.hidden = state !== "gagal";
  }

  function poll() {
    tries += 1;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.siap) {
          if (data.unduh) { link.href = data.unduh; }
          show("siap");
          return;
        }
        if (data && data.status === "gagal") { show("gagal"); return; }
        window.setTimeout(poll, tries < 30 ? 2000 : 5000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (!proses.hidden) { window.setTimeout(poll, 1000); }
})();
