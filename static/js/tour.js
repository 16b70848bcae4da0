/* eoffice: the short tour shown on the Beranda after a user's first sign-in.
   Steps come from <script id="eo-tur-data" type="application/json"> (panduan_tags.tur_panduan). Finishing
   or skipping ("Lewati", or the Escape key) tells the server, which then stops showing it; the Panduan page
   can replay it. Steps whose target is not on the page are left out. */
(function () {
  "use strict";

  var source = document.getElementById("eo-tur-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var steps = data.langkah.filter(function (step) {
    var el = document.querySelector(step.target);
    return el && el.getClientRects().length > 0;
  });
  if (!steps.length) return;

  var index = 0;
  var current = null;
  var box = document.createElement("div");
  box.className = "eo-tur-kotak";
  box.id = "eo-tur";
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-modal", "true");
  box.setAttribute("aria-labelledby", "eo-tur-judul");
  box.setAttribute("aria-describedby", "eo-tur-teks");
  box.innerHTML =
    '<p class="eo-tur-langkah" id="eo-tur-posisi"></p>' +
    '<h2 id="eo-tur-judul"></h2>' +
    '<p id="eo-tur-teks" class="mb-0"></p>' +
    '<div class="eo-tur-tombol">' +
    '<button type="button" class="btn btn-outline-secondary" data-tur="lewati">Lewati tur</button>' +
    '<span class="d-flex gap-2">' +
    '<button type="button" class="btn btn-outline-primary" data-tur="kembali">Kembali</button>' +
    '<button type="button" class="btn btn-primary" data-tur="lanjut">Berikutnya</button>' +
    "</span></div>";

  function button(name) {
    return box.querySelector('[data-tur="' + name + '"]');
  }

  function unhighlight() {
    if (current) current.classList.remove("eo-tur-sorot");
    current = null;
  }

  // The box is fixed to the screen and always kept inside it: below the target when there is room,
  // else above it, else at the bottom of the screen over a tall target (a phone), never off-screen.
  function place(target) {
    var rect = target.getBoundingClientRect();
    var height = box.offsetHeight;
    var width = box.offsetWidth;
    var viewH = window.innerHeight;
    var viewW = document.documentElement.clientWidth;
    var top;
    if (rect.bottom + 16 + height <= viewH - 8) top = rect.bottom + 16;
    else if (rect.top - 16 - height >= 8) top = rect.top - 16 - height;
    else top = viewH - height - 8;
    top = Math.max(8, Math.min(top, viewH - height - 8));
    var left = Math.max(8, Math.min(rect.left, viewW - width - 8));
    box.style.top = top + "px";
    box.style.left = left + "px";
  }

  function bring(target) {
    // A target taller than half the screen is scrolled to the top, so its start and the box both show.
    var tall = target.getBoundingClientRect().height > window.innerHeight / 2;
    target.scrollIntoView({ block: tall ? "start" : "center", behavior: "instant" });
  }

  function show(i) {
    index = i;
    var step = steps[i];
    unhighlight();
    current = document.querySelector(step.target);
    current.classList.add("eo-tur-sorot");
    bring(current);
    box.querySelector("#eo-tur-posisi").textContent = "Langkah " + (i + 1) + " dari " + steps.length;
    box.querySelector("#eo-tur-judul").textContent = step.judul;
    box.querySelector("#eo-tur-teks").textContent = step.teks;
    button("kembali").hidden = i === 0;
    button("lanjut").textContent = i === steps.length - 1 ? "Selesai" : "Berikutnya";
    place(current);
    button("lanjut").focus();
  }

  function finish() {
    unhighlight();
    box.remove();
    document.removeEventListener("keydown", onKey);
    window.removeEventListener("resize", onResize);
    window.removeEventListener("scroll", onResize);
    var main = document.getElementById("isi");
    if (main) main.focus();
    return fetch(data.selesai_url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": data.csrf },
    }).catch(function () {
      /* offline: the tour shows again next time, which is harmless */
    });
  }

  function onKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      finish();
    } else if (event.key === "Tab") {
      // Keep the keyboard inside the tour box while it is open.
      var items = Array.prototype.filter.call(box.querySelectorAll("button"), function (b) {
        return !b.hidden;
      });
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  function onResize() {
    if (current) place(current);
  }

  box.addEventListener("click", function (event) {
    var action = event.target.closest("[data-tur]");
    if (!action) return;
    var name = action.getAttribute("data-tur");
    if (name === "lewati") finish();
    else if (name === "kembali" && index > 0) show(index - 1);
    else if (name === "lanjut") {
      if (index < steps.length - 1) show(index + 1);
      else finish();
    }
  });

  document.body.appendChild(box);
  document.addEventListener("keydown", onKey);
  window.addEventListener("resize", onResize);
  window.addEventListener("scroll", onResize, { passive: true });
  document.body.setAttribute("data-eo-tur-siap", "1");
  show(0);
})();
