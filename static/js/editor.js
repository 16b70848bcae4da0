/* eoffice letter pages: the simple text editor, the klasifikasi picker, extra fields per kind, rows of
   external addressees, the proposed paraf chain, and one-click submit (the long pickers:
   jabatan_pilih.js).
   Every page works without this script: it only makes the same form easier to use. */
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }
  function debounce(fn, ms) {
    var t;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }
  function getJSON(url, done) {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) done(data); })
      .catch(function () { /* the plain text box still works */ });
  }

  /* ---- One click only: a second click while the page is sending does nothing. */
  $all("form[data-eo-sekali], form[data-eo-konsep]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.terkirim) { event.preventDefault(); return; }
      form.dataset.terkirim = "1";
      setTimeout(function () {
        $all("button[type=submit]", form).forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });

  // Back button (page cache): the buttons work again.
  window.addEventListener("pageshow", function () {
    $all("form[data-terkirim]").forEach(function (f) {
      delete f.dataset.terkirim;
      $all("button[type=submit]", f).forEach(function (b) { b.disabled = false; });
    });
  });

  /* ---- Editor: a contenteditable box with a toolbar; the textarea keeps the HTML for the server. */
  var TOMBOL = [
    { cmd: "formatBlock", arg: "p", label: "Paragraf", icon: "bi-paragraph" },
    { cmd: "bold", label: "Tebal", icon: "bi-type-bold", key: "b" },
    { cmd: "italic", label: "Miring", icon: "bi-type-italic", key: "i" },
    { cmd: "insertUnorderedList", label: "Daftar berbutir", icon: "bi-list-ul" },
    { cmd: "insertOrderedList", label: "Daftar bernomor", icon: "bi-list-ol" },
    { cmd: "tabel", label: "Sisipkan tabel", icon: "bi-table" }
  ];

  function tabelHTML() {
    var sel = "<table><tbody>";
    for (var r = 0; r < 3; r++) {
      sel += "<tr>";
      for (var c = 0; c < 3; c++) sel += r === 0 ? "<th>Judul</th>" : "<td>&nbsp;</td>";
      sel += "</tr>";
    }
    return sel + "</tbody></table><p><br></p>";
  }

  $all("textarea[data-eo-editor]").forEach(function (area) {
    var label = area.id ? $("label[for='" + area.id + "']") : null;
    if (label && !label.id) label.id = area.id + "-label";
    var wrap = el("div", { class: "eo-editor" });
    var bar = el("div", { class: "eo-editor-alat", role: "toolbar", "aria-label": "Format isi surat", "aria-controls": area.id + "-editor" });
    var box = el("div", {
      class: "eo-editor-isi form-control",
      id: area.id + "-editor",
      contenteditable: "true",
      role: "textbox",
      "aria-multiline": "true"
    });
    if (label) box.setAttribute("aria-labelledby", label.id);
    var help = area.getAttribute("aria-describedby");
    if (help) box.setAttribute("aria-describedby", help);
    if (area.classList.contains("is-invalid")) box.classList.add("is-invalid");
    box.innerHTML = area.value || "<p><br></p>";

    TOMBOL.forEach(function (t) {
      var b = el("button", { type: "button", class: "btn btn-outline-secondary", title: t.label + (t.key ? " (Ctrl+" + t.key.toUpperCase() + ")" : "") });
      b.appendChild(el("i", { class: "bi " + t.icon, "aria-hidden": "true" }));
      b.appendChild(el("span", { class: "eo-editor-label" }, t.label));
      b.addEventListener("click", function () {
        box.focus();
        if (t.cmd === "tabel") document.execCommand("insertHTML", false, tabelHTML());
        else document.execCommand(t.cmd, false, t.arg || null);
      });
      bar.appendChild(b);
    });
    document.execCommand("defaultParagraphSeparator", false, "p");

    function sync() { area.value = box.innerHTML; }
    box.addEventListener("input", sync);
    box.addEventListener("blur", sync);
    if (area.form) area.form.addEventListener("submit", sync);

    wrap.appendChild(bar);
    wrap.appendChild(box);
    area.parentNode.insertBefore(wrap, area);
    area.hidden = true;
    if (label) label.addEventListener("click", function () { box.focus(); });
  });

  var form = $("form[data-eo-konsep]");
  if (!form) return;

  /* ---- Extra fields: show only the fieldset of the chosen kind. */
  var jenis = $("[data-eo-jenis-pilih]", form);
  function tampilJenis() {
    var ada = false;
    $all("fieldset[data-eo-jenis]", form).forEach(function (fs) {
      var cocok = jenis && fs.getAttribute("data-eo-jenis") === jenis.value;
      fs.hidden = !cocok;
      ada = ada || cocok;
    });
    $all(".eo-tanpa-js", form).forEach(function (n) { n.hidden = true; });
    var kosong = $(".eo-kolom-kosong", form);
    if (kosong) kosong.hidden = ada;
    // No extra fields for this kind: the whole section goes (and the numbering closes up, CSS counters).
    var bagian = $("[data-eo-bagian-jenis]", form);
    if (bagian) bagian.hidden = !ada;
  }
  if (jenis) { jenis.addEventListener("change", tampilJenis); tampilJenis(); }

  /* ---- Klasifikasi: ARIA combobox with a listbox fed by the server. */
  var kka = $("input[data-eo-klasifikasi]", form);
  var daftar = $("#klasifikasi-daftar");
  var status = $("[data-eo-klasifikasi-status]", form);
  if (kka && daftar) {
    var aktif = -1;
    var url = form.getAttribute("data-klasifikasi-url");
    var tutup = function () {
      daftar.hidden = true;
      kka.setAttribute("aria-expanded", "false");
      kka.removeAttribute("aria-activedescendant");
      aktif = -1;
    };
    var pilih = function (li) {
      kka.value = li.getAttribute("data-label");
      tutup();
      if (status) status.textContent = "Dipilih: " + kka.value;
    };
    var sorot = function (i) {
      var items = $all("[role=option]", daftar);
      if (!items.length) return;
      aktif = (i + items.length) % items.length;
      items.forEach(function (li, n) { li.setAttribute("aria-selected", n === aktif ? "true" : "false"); });
      kka.setAttribute("aria-activedescendant", items[aktif].id);
      items[aktif].scrollIntoView({ block: "nearest" });
    };
    // aria-busy is "true" from a keystroke until the answer for what was typed last is shown (an
    // older answer arriving late is dropped), so nobody picks from a stale list.
    var urutan = 0;
    var cari = debounce(function () {
      var q = kka.value.trim();
      var ke = ++urutan;
      if (!q) { tutup(); kka.setAttribute("aria-busy", "false"); return; }
      getJSON(url + "?q=" + encodeURIComponent(q), function (data) {
        if (ke !== urutan) return;
        kka.setAttribute("aria-busy", "false");
        daftar.innerHTML = "";
        data.hasil.forEach(function (h, i) {
          var li = el("li", { role: "option", id: "kka-pilihan-" + i, "aria-selected": "false", "data-label": h.label });
          li.appendChild(el("strong", {}, h.kode));
          li.appendChild(document.createTextNode(" " + h.nama));
          li.addEventListener("mousedown", function (e) { e.preventDefault(); pilih(li); });
          daftar.appendChild(li);
        });
        var n = data.hasil.length;
        daftar.hidden = n === 0;
        kka.setAttribute("aria-expanded", n ? "true" : "false");
        aktif = -1;
        if (status) status.textContent = n ? n + " pilihan. Gunakan panah atas dan bawah, lalu Enter." : "Tidak ada kode yang cocok.";
      });
    }, 200);
    kka.setAttribute("aria-busy", "false");
    kka.addEventListener("input", function () { kka.setAttribute("aria-busy", "true"); cari(); });
    kka.addEventListener("blur", function () { setTimeout(tutup, 150); });
    kka.addEventListener("keydown", function (e) {
      var terbuka = !daftar.hidden;
      if (e.key === "ArrowDown") { e.preventDefault(); if (terbuka) sorot(aktif + 1); else cari(); }
      else if (e.key === "ArrowUp" && terbuka) { e.preventDefault(); sorot(aktif - 1); }
      else if (e.key === "Enter" && terbuka && aktif >= 0) { e.preventDefault(); pilih($all("[role=option]", daftar)[aktif]); }
      else if (e.key === "Escape" && terbuka) { e.preventDefault(); tutup(); }
    });
  }

  /* ---- External addressees: add a row from the formset's empty form. */
  var luar = $("[data-eo-luar]", form);
  if (luar) {
    var tambah = $("[data-eo-luar-tambah]", luar);
    var total = $("input[name$='-TOTAL_FORMS']", luar);
    var tmpl = $("template[data-eo-luar-template]", luar);
    var baris = $("[data-eo-luar-baris]", luar);
    tambah.hidden = false;
    tambah.addEventListener("click", function () {
      var n = parseInt(total.value, 10);
      var html = tmpl.innerHTML.replace(/__prefix__/g, String(n)).replace(/__nomor__/g, String(n + 1));
      var div = document.createElement("div");
      div.innerHTML = html;
      var row = div.firstElementChild;
      baris.appendChild(row);
      total.value = String(n + 1);
      var nama = $("input[name$='-nama']", row);
      if (nama) nama.focus();
    });
  }

  /* ---- Paraf chain: propose it when the signer changes, unless the user set it by hand. */
  var signer = $("[data-eo-penandatangan]", form);
  var chain = $all("select[data-eo-verifikator]", form);
  var usulanUrl = form.getAttribute("data-usulan-url");
  var pesan = el("p", { class: "eo-usulan-pesan", "aria-live": "polite" });
  if (chain.length) chain[chain.length - 1].parentNode.appendChild(pesan);
  var diubahTangan = chain.some(function (s) { return s.value; });
  chain.forEach(function (s) { s.addEventListener("change", function () { diubahTangan = true; }); });
  if (signer && chain.length && usulanUrl) {
    signer.addEventListener("change", function () {
      if (diubahTangan || !signer.value) return;
      var konseptor = $("select[name=jabatan_konseptor]", form);
      var q = "?penandatangan=" + encodeURIComponent(signer.value) + (konseptor ? "&konseptor=" + encodeURIComponent(konseptor.value) : "");
      getJSON(usulanUrl + q, function (data) {
        chain.forEach(function (s, i) {
          var v = data.verifikator[i];
          s.value = v ? String(v.id) : "";
        });
        pesan.textContent = data.verifikator.length
          ? "Urutan paraf diusulkan: " + data.verifikator.map(function (v) { return v.nama; }).join(", ") + ". Anda boleh mengubahnya."
          : "Tidak ada usulan paraf untuk penandatangan ini.";
      });
    });
  }
})();
