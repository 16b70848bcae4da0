"""The letter page's history printed in Python (surat/riwayat_html.py): what each row says, escaped."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from surat import rincian
from surat.models import SuratLog
from surat.riwayat_html import riwayat_html


def _riwayat(html: str) -> str:
    return html.split('id="eo-riwayat-judul"')[1].split("</ol>")[0]


def test_each_row_names_its_act_and_who_and_escapes_what_users_typed(cast, terkirim, login):
    surat = terkirim()
    waktu = timezone.make_aware(datetime.datetime(2026, 11, 28, 9, 5), datetime.UTC)
    SuratLog.objects.create(
        surat=surat,
        aksi=SuratLog.Aksi.DIKEMBALIKAN,
        actor=cast.kabid,
        jabatan=cast.kabid.jabatan,
        catatan='<script>alert("x")</script> perbaiki',
        waktu=waktu,
    )
    SuratLog.objects.create(surat=surat, aksi=SuratLog.Aksi.DIUBAH, actor=cast.staf, catatan="isi lama", waktu=waktu)
    html = riwayat_html(rincian.timeline(surat))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; perbaiki" in html and "<script>" not in html
    # 09.05 UTC is 16.05 in Jakarta.
    assert (
        f'<span class="eo-riwayat-waktu">28 November 2026, 16.05 WIB</span> <span class="fw-bold">Dikembalikan</span>'
        f" — {cast.kabid.nama_lengkap} ({cast.kabid.jabatan.nama})"
    ) in html
    assert "isi lama" not in html  # a draft's old text is not a note
    assert f'<span class="fw-bold">Diterima</span> — {cast.kepala_lain.jabatan.nama}' in html
    # The page prints the same rows.
    page = _riwayat(login(cast.staf).get(reverse("surat:detail", args=[surat.pk])).content.decode())
    assert page.count("<li>") == len(rincian.timeline(surat)) == html.count("<li>")
