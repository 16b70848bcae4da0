/* eoffice pickers over long lists: a search-as-you-type combobox, the chosen ones shown as chips. For
   the addressees (tujuan, tembusan: select[data-eo-jabatan]) it searches every jabatan of the Pemda at
   the form's data-jabatan-url; for the people a Surat Tugas assigns (select[data-eo-cari]) every
   pegawai at that URL. The original <select multiple> stays in the form (hidden) and is what gets
   submitted: picking adds a selected <option>, removing a chip unselects it. Without this script the
   select shows a short list (for addressees the heads of every OPD and the user's own OPD; for pegawai
   the staff of the user's OPD), plus what is chosen already. */
(function () {
  "use strict";

  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  if (!window.fetch) return;

  $all("select[data-eo-jabatan], select[data-eo-cari]").forEach(function (select, nomor) {
    var url = select.getAttribute("data-eo-cari") || (select.form && select.form.getAttribute("data-jabatan-url"));
    if (!url) return;
    var petunjuk = select.getAttribute("data-eo-petunjuk") || "Ketik nama jabatan, nama pejabat, atau OPD";
    var kosong = select.getAttribute("data-eo-kosong") || "Tidak ada jabatan yang cocok.";
    var label = select.labels && select.labels[0];
    var judul = label ? label.textContent.replace("*", "").trim() : "penerima";
    var id = select.id || "eo-jabatan-" + nomor;
    var listId = id + "-daftar";

    var wadah = el("div", { class: "eo-combobox eo-jabatan-pilih" });
    var chips = el("ul", { class: "eo-chips list-unstyled", "aria-label": "Terpilih untuk " + judul });
    var input = el("input", {
      type: "text",
      id: id + "-cari",
      class: "form-control form-control-lg",
      role: "combobox",
      autocomplete: "off",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": listId,
      placeholder: petunjuk
    });
    var daftar = el("ul", { id: listId, role: "listbox", class: "eo-daftar-pilihan", "aria-label": "Pilihan " + judul });
    daftar.hidden = true;
    var status = el("p", { class: "visually-hidden", "aria-live": "polite" });
    wadah.appendChild(chips);
    wadah.appendChild(input);
    wadah.appendChild(daftar);
    wadah.appendChild(status);
    select.parentNode.insertBefore(wadah, select);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    if (label) label.setAttribute("for", input.id);
    var bantuan = select.getAttribute("aria-describedby");
    if (bantuan) input.setAttribute("aria-describedby", bantuan);

    function terpilih() { return $all("option", select).filter(function (o) { return o.selected; }); }

    function gambarChips() {
      chips.innerHTML = "";
      terpilih().forEach(function (o) {
        var li = el("li", { class: "eo-chip" });
        li.appendChild(el("span", {}, o.textContent));
        var hapus = el("button", { type: "button", class: "btn btn-sm btn-outline-danger", "aria-label": "Hapus " + o.textContent + " dari " + judul });
        hapus.appendChild(el("span", { "aria-hidden": "true" }, "×"));
        hapus.addEventListener("click", function () {
          o.selected = false;
          gambarChips();
          status.textContent = "Dihapus: " + o.textContent;
          input.focus();
        });
        li.appendChild(hapus);
        chips.appendChild(li);
      });
      if (!chips.children.length) chips.appendChild(el("li", { class: "eo-chip-kosong" }, "Belum ada yang dipilih."));
    }

    var aktif = -1;
    function tutup() {
      daftar.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      aktif = -1;
    }
    function sorot(i) {
      var items = $all("[role=option]", daftar);
      if (!items.length) return;
      aktif = (i + items.length) % items.length;
      items.forEach(function (li, n) { li.setAttribute("aria-selected", n === aktif ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[aktif].id);
      items[aktif].scrollIntoView({ block: "nearest" });
    }
    function pilih(li) {
      var value = li.getAttribute("data-id");
      var teks = li.getAttribute("data-label");
      var option = $all("option", select).filter(function (o) { return o.value === value; })[0];
      if (!option) {
        option = new Option(teks, value, true, true);
        select.appendChild(option);
      }
      option.selected = true;
      gambarChips();
      input.value = "";
      tutup();
      status.textContent = "Ditambahkan: " + teks;
    }

    var timer = null;
    var urutan = 0;
    function cari() {
      var q = input.value.trim();
      var ke = ++urutan;
      if (q.length < 2) { tutup(); input.setAttribute("aria-busy", "false"); return; }
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (ke !== urutan) return;  // an older answer arriving late
          input.setAttribute("aria-busy", "false");
          if (!data) return;
          var sudah = terpilih().map(function (o) { return o.value; });
          daftar.innerHTML = "";
          data.hasil.forEach(function (h, i) {
            var li = el("li", { role: "option", id: listId + "-" + i, "aria-selected": "false", "data-id": String(h.id), "data-label": h.label });
            li.appendChild(el("span", { class: "fw-bold" }, h.label));
            li.appendChild(el("span", { class: "d-block small" }, h.opd + (sudah.indexOf(String(h.id)) >= 0 ? " (sudah dipilih)" : "")));
            li.addEventListener("mousedown", function (e) { e.preventDefault(); pilih(li); });
            daftar.appendChild(li);
          });
          var n = data.hasil.length;
          daftar.hidden = n === 0;
          input.setAttribute("aria-expanded", n ? "true" : "false");
          aktif = -1;
          status.textContent = n ? n + " pilihan. Gunakan panah atas dan bawah, lalu Enter." : kosong;
        })
        .catch(function () { input.setAttribute("aria-busy", "false"); status.textContent = "Pencarian gagal. Coba lagi."; });
    }
    // aria-busy: "true" from a keystroke until the answer for what was typed last is shown.
    input.setAttribute("aria-busy", "false");
    input.addEventListener("input", function () {
      input.setAttribute("aria-busy", "true");
      clearTimeout(timer);
      timer = setTimeout(cari, 200);
    });
    input.addEventListener("blur", function () { setTimeout(tutup, 150); });
    input.addEventListener("keydown", function (e) {
      var terbuka = !daftar.hidden;
      if (e.key === "ArrowDown") { e.preventDefault(); if (terbuka) sorot(aktif + 1); else cari(); }
      else if (e.key === "ArrowUp" && terbuka) { e.preventDefault(); sorot(aktif - 1); }
      else if (e.key === "Enter") {
        // Enter never submits the draft from here: it picks the highlighted (or the only) option.
        e.preventDefault();
        var items = $all("[role=option]", daftar);
        if (terbuka && aktif >= 0) pilih(items[aktif]);
        else if (terbuka && items.length === 1) pilih(items[0]);
      }
      else if (e.key === "Escape" && terbuka) { e.preventDefault(); tutup(); }
    });
    gambarChips();
  });
})();
