/* eoffice: the small amount of script the pages need. No inline handlers; loaded with defer. */
(function () {
  "use strict";

  var KEY = "eo_ukuran_huruf";
  var SIZES = ["normal", "besar", "sangat-besar"];
  var root = document.documentElement;

  function cookieValue() {
    var match = document.cookie.match(/(?:^|;\s*)eo_ukuran_huruf=([^;]+)/);
    return match ? match[1] : null;
  }

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
  }

  // The cookie lets the server render the chosen size without a flash; localStorage outlives cleared cookies.
  function remember(size) {
    try {
      window.localStorage.setItem(KEY, size);
    } catch (e) {
      /* private mode: the cookie alone is enough */
    }
    document.cookie =
      KEY + "=" + size + "; path=/; max-age=31536000; SameSite=Lax" +
      (window.location.protocol === "https:" ? "; Secure" : "");
  }

  function apply(size) {
    SIZES.forEach(function (s) {
      root.classList.toggle("eo-huruf-" + s, s === size);
    });
    document.querySelectorAll("[data-eo-ukuran] button[name=ukuran]").forEach(function (button) {
      var on = button.value === size;
      button.classList.toggle("active", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  var fromCookie = cookieValue();
  var fromStorage = stored();
  if (fromCookie && SIZES.indexOf(fromCookie) >= 0) {
    if (fromStorage !== fromCookie) remember(fromCookie);
  } else if (fromStorage && SIZES.indexOf(fromStorage) >= 0) {
    apply(fromStorage);
    remember(fromStorage);
  }

  // Without script the buttons post to the server, which sets the cookie; with script no reload is needed.
  document.querySelectorAll("[data-eo-ukuran] button[name=ukuran]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (SIZES.indexOf(button.value) < 0) return;
      event.preventDefault();
      apply(button.value);
      remember(button.value);
    });
  });
})();

/* File fields in Indonesian: the browser's own button follows its language ("Choose File"), so the
   native input is hidden visually (it keeps the keyboard focus and its label) and a "Pilih berkas"
   button with the chosen names stands in for it. Without script the native field shows. */
(function () {
  "use strict";

  function names(input) {
    var files = Array.prototype.map.call(input.files || [], function (f) {
      return f.name;
    });
    return files.length ? files.join(", ") : "Belum ada berkas dipilih";
  }

  document.querySelectorAll('input[type="file"]').forEach(function (input) {
    if (!input.id || input.hasAttribute("data-eo-berkas")) return;
    input.setAttribute("data-eo-berkas", "");
    input.classList.add("eo-berkas-asli");
    var wrap = document.createElement("span");
    wrap.className = "eo-berkas";
    var button = document.createElement("label");
    button.className = "btn btn-outline-primary";
    button.setAttribute("for", input.id);
    button.setAttribute("aria-hidden", "true");
    button.innerHTML = '<i class="bi bi-paperclip" aria-hidden="true"></i> ';
    button.appendChild(document.createTextNode(input.multiple ? "Pilih berkas (boleh lebih dari satu)" : "Pilih berkas"));
    var status = document.createElement("span");
    status.className = "eo-berkas-nama";
    status.setAttribute("aria-live", "polite");
    status.textContent = names(input);
    wrap.appendChild(button);
    wrap.appendChild(status);
    input.insertAdjacentElement("afterend", wrap);
    input.addEventListener("change", function () {
      status.textContent = names(input);
    });
  });
  document.documentElement.setAttribute("data-eo-siap", "1");
})();

/* Background work shown on a page (an attachment's text being read): each badge with data-teks-status
   polls its JSON status and is replaced by the finished badge, so nobody has to reload. */
(function () {
  "use strict";

  function watch(badge, tries) {
    var url = badge.getAttribute("data-teks-status");
    window.setTimeout(function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data && data.selesai) {
            var holder = document.createElement("span");
            holder.innerHTML = data.html;
            badge.replaceWith.apply(badge, Array.prototype.slice.call(holder.childNodes));
          } else if (data) {
            watch(badge, tries + 1);
          }
        })
        .catch(function () { watch(badge, tries + 1); });
    }, tries < 30 ? 2000 : 10000);
  }

  document.querySelectorAll("[data-teks-status]").forEach(function (badge) { watch(badge, 0); });
})();
