"""Context help and guide pictures.

`{% bantuan "kunci" %}` puts a "? Bantuan" link to the guide section `kunci` (see panduan/guides.py)
next to a heading; `{% bantuan_halaman %}` does the same for the current page and the reader's role
(`guides.panduan_halaman`);
`{% gambar_panduan langkah %}` shows a step's screenshot or a neutral placeholder; `{% tur_panduan %}`
renders the first-sign-in tour on the Beranda.
"""

from __future__ import annotations

from django import template
from django.contrib.staticfiles import finders
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lib.tautan import alamat
from panduan import selectors
from panduan.guides import HALAMAN_BANTUAN, PANDUAN_BY_KUNCI, Langkah, panduan_halaman

register = template.Library()


def bantuan_url(kunci: str) -> str | None:
    found = PANDUAN_BY_KUNCI.get(kunci)
    if found is None:
        return None
    peran, panduan = found
    return f"{reverse('panduan:peran', args=[peran.kunci])}#{panduan.kunci}"


@register.simple_tag
def bantuan(kunci: str) -> SafeString | str:
    """A small "? Bantuan" link to the guide `kunci`; nothing when the key is unknown."""
    url = bantuan_url(kunci)
    if url is None:
        return ""
    judul = PANDUAN_BY_KUNCI[kunci][1].judul
    return format_html(
        '<a class="eo-bantuan btn btn-outline-primary" href="{}" aria-label="Bantuan: {}">'
        '<i class="bi bi-question-circle-fill" aria-hidden="true"></i> Bantuan</a>',
        url,
        judul,
    )


@register.simple_tag(takes_context=True)
def bantuan_halaman(context: template.Context) -> SafeString | str:
    """The help link of the page being shown, to the reader's own role's guide where it has one for the page."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in HALAMAN_BANTUAN:
        return ""
    pegawai = context.get("pegawai")
    kunci = panduan_halaman(match.view_name, selectors.peran_panduan(pegawai) if pegawai else None)
    return format_html('<div class="eo-bantuan-halaman float-end ms-3 mb-2">{}</div>', bantuan(kunci))


def _png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as fh:
        header = fh.read(24)
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


@register.simple_tag
def gambar_panduan(langkah: Langkah, nomor: int | str = "") -> SafeString:
    """The step's screenshot from static/panduan/img/, or a placeholder box while it does not exist."""
    if not langkah.gambar:
        return SafeString("")
    path = f"panduan/img/{langkah.gambar}.png"
    found = finders.find(path)
    if found:
        width, height = _png_size(found)
        # width/height reserve the space, so a link to a section further down still lands on it.
        return format_html(
            '<img class="eo-gambar-panduan" src="{}" width="{}" height="{}" alt="Gambar layar langkah {}: {}" '
            'loading="lazy">',
            static(path),
            width,
            height,
            nomor,
            langkah.teks,
        )
    return SafeString(
        '<div class="eo-gambar-kosong"><i class="bi bi-image" aria-hidden="true"></i> Gambar layar belum tersedia</div>'
    )


def _langkah(target: str, judul: str, teks: str) -> dict[str, str]:
    return {"target": target, "judul": judul, "teks": teks}


# The tour of each guide role (the arsiparis files letters like any konseptor writes them).
TUR_PERAN = {
    "admin": "admin",
    "pencatat": "pencatat",
    "pejabat": "pimpinan",
    "staf": "konseptor",
    "arsiparis": "konseptor",
}


def _tur_langkah(peran: str) -> list[dict[str, str]]:
    """The steps of one role's tour. Targets missing or hidden on a page (a collapsed menu on a phone) are
    skipped by tour.js, so every step that shows is on the screen."""
    kartu = '[aria-labelledby="judul-tugas"] '
    awal = [
        _langkah(
            ".eo-menu",
            "Menu utama",
            "Dari menu ini Anda membuka Konsep Surat, Surat Masuk, Disposisi, Arsip, dan lainnya.",
        )
    ]
    khusus = {
        "pimpinan": [
            _langkah(
                "#kartu-perlu_ttd",
                "Surat untuk ditandatangani",
                "Angka ini menunjukkan surat yang menunggu tanda tangan Anda. Tekan kotaknya, buka suratnya, "
                "lalu tekan “Tandatangani…”.",
            ),
            _langkah(
                "#kartu-masuk_belum_ditindaklanjuti",
                "Surat masuk untuk didisposisikan",
                "Buka surat masuk dari sini. Tombol “Disposisikan” ada paling atas di halaman surat.",
            ),
            _langkah(
                "#judul-hari-ini",
                "Pekerjaan hari ini",
                "Surat dan disposisi yang paling mendesak tampil di sini, yang paling segera di atas.",
            ),
        ],
        "pencatat": [
            _langkah(
                f'{kartu}a[href="{alamat("surat:catat_masuk")}"]',
                "Catat surat masuk",
                "Surat kertas dari luar dicatat di sini: isi asal, nomor, hal, lalu pilih berkas pindaiannya.",
            ),
            _langkah(
                "#kartu-opd_hari_ini",
                "Surat yang tiba untuk OPD",
                "Surat yang tiba hari ini dan yang belum dibuka penerimanya. Tekan kotaknya untuk melihat daftarnya.",
            ),
            _langkah(
                f'{kartu}a[href="{alamat("surat:agenda")}"]',
                "Buku agenda",
                "Semua surat masuk OPD tercatat urut di buku agenda. Dari sana Anda dapat mengunduh atau mencetaknya.",
            ),
        ],
        "konseptor": [
            _langkah(
                f'{kartu}a[href="{alamat("surat:konsep_baru")}"]',
                "Tulis surat baru",
                "Tekan tombol ini untuk menyusun konsep surat. Pilih dulu siapa yang menandatangani; "
                "konsep terkirim untuk diparaf setelah Anda mengajukannya.",
            ),
            _langkah(
                "#kartu-perlu_paraf",
                "Pekerjaan Anda",
                "Angka-angka ini menunjukkan surat yang menunggu Anda. Tekan kotaknya untuk membuka daftarnya.",
            ),
        ],
        "admin": [
            _langkah(
                "#eo-kelola-organisasi",
                "Struktur organisasi",
                "Di sini Anda mengelola unit kerja, jabatan, pegawai, Plt/Plh, dan peran. "
                "Jabatanlah yang menerima surat, jadi isi jabatan dan pejabatnya lebih dulu.",
            ),
            _langkah(
                "#kartu-perlu_paraf",
                "Pekerjaan Anda",
                "Angka-angka ini menunjukkan surat yang menunggu Anda. Tekan kotaknya untuk membuka daftarnya.",
            ),
        ],
    }[peran]
    akhir = [
        _langkah(
            ".eo-ukuran", "Ukuran huruf", "Huruf terlalu kecil? Pilih Besar atau Sangat besar. Pilihan Anda diingat."
        ),
        _langkah(
            f'.eo-menu a[href="{alamat("panduan:index")}"]',
            "Panduan",
            "Panduan langkah demi langkah untuk setiap peran ada di sini. Tur ini juga dapat diputar ulang dari sana.",
        ),
    ]
    return awal + khusus + akhir


@register.inclusion_tag("panduan/_tur.html", takes_context=True)
def tur_panduan(context: template.Context) -> dict:
    """The tour's data and script, only on the Beranda and only until the pegawai finished or skipped it."""
    request = context.get("request")
    pegawai = context.get("pegawai")
    match = getattr(request, "resolver_match", None)
    tampil = bool(pegawai and match and match.view_name == "beranda" and selectors.perlu_tur(pegawai))
    if not tampil:
        return {"tampil": False}
    data = {
        "langkah": _tur_langkah(TUR_PERAN[selectors.peran_panduan(pegawai)]),
        "selesai_url": alamat("panduan:tur_selesai"),
        "csrf": get_token(request),
    }
    return {"tampil": True, "data": data}
