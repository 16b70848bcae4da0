/* Rekap charts: each <canvas data-grafik="ID"> is drawn from the JSON block <script id="ID"
   type="application/json"> the server rendered (rekap/grafik.py). No inline script, so the CSP stays
   strict; the numbers are also in the table next to every chart. */
(function () {
  "use strict";
  var WARNA = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000"];

  function angka(n) {
    return n === null || n === undefined ? "-" : Number(n).toLocaleString("id-ID");
  }

  function gambar(kanvas) {
    var sumber = document.getElementById(kanvas.dataset.grafik);
    if (!sumber || typeof Chart === "undefined") return;
    var data = JSON.parse(sumber.textContent);
    var garis = data.jenis === "line";
    new Chart(kanvas, {
      type: data.jenis,
      data: {
        labels: data.label,
        datasets: data.seri.map(function (s, i) {
          return { label: s.nama, data: s.data, backgroundColor: WARNA[i % WARNA.length], borderColor: WARNA[i % WARNA.length], spanGaps: true, tension: garis ? 0.2 : 0 };
        }),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        indexAxis: !garis && data.label.length > 6 ? "y" : "x",
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + angka(c.raw) + " " + data.satuan; } } },
        },
        scales: { x: { ticks: { autoSkip: true } }, y: { beginAtZero: true } },
      },
    });
  }

  document.querySelectorAll("canvas[data-grafik]").forEach(gambar);
})();
