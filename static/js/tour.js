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

  function place(target) {
    var rect = target.getBoundingClientRect();
    var top = rect.bottom + window.scrollY + 16;
    var height = box.offsetHeight;
    if (rect.bottom + height + 16 > window.innerHeight && rect.top > height + 16) {
      top = rect.top + window.scrollY - height - 16;
    }
    var left = Math.min(
      Math.max(8, rect.left + window.scrollX),
      window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8
    );
    box.style.top = top + "px";
    box.style.left = Math.max(8, left) + "px";
  }

  function show(i) {
    index = i;
    var step = steps[i];
    unhighlight();
    current = document.querySelector(step.target);
    current.classList.add("eo-tur-sorot");
    current.scrollIntoView({ block: "center" });
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
  show(0);
})();
