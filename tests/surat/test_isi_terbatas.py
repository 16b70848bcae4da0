"""A draft body built to be expensive (issue 13, item 2): spans and nesting are capped when it is
saved, a body too big is refused with a message, the renderer's caps stop what gets through, and the
preview is rendered by a worker once and served from the cache."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from surat import pdf, pratinjau, services, tasks
from surat.sanitize import MAKS_BERSARANG, MAKS_COLSPAN, MAKS_ROWSPAN, clean_html


def test_malicious_table_draft_is_sanitised_quickly(cast, konsep):
    jahat = (
        '<table><tr><td rowspan="100000" colspan="100000">a</td><td rowspan="-5" colspan="x">b</td></tr></table>'
        + "<table><tr><td>" * 60
        + "dalam"
        + "</td></tr></table>" * 60
    )
    mulai = time.monotonic()
    surat = konsep(isi=jahat)
    assert time.monotonic() - mulai < 5
    assert f'rowspan="{MAKS_ROWSPAN}"' in surat.isi and f'colspan="{MAKS_COLSPAN}"' in surat.isi
    assert 'rowspan="-5"' not in surat.isi and 'colspan="x"' not in surat.isi
    assert surat.isi.count("<table") == 1 + MAKS_BERSARANG
    assert "dalam" in surat.isi


def test_nested_lists_are_flattened_past_the_cap():
    isi = clean_html("<ul><li>" * 10 + "butir" + "</li></ul>" * 10)
    assert isi.count("<ul>") == MAKS_BERSARANG and isi.count("</ul>") == MAKS_BERSARANG and "butir" in isi


def test_table_with_too_many_cells_is_refused_with_a_message(cast, konsep):
    besar = "<table>" + "".join("<tr>" + "<td>x</td>" * 50 + "</tr>" for _ in range(60)) + "</table>"
    with pytest.raises(ValidationError) as exc:
        konsep(isi=besar)
    assert "Tabel dalam isi surat terlalu besar" in exc.value.message_dict["isi"][0]


def test_draft_form_shows_the_refusal_and_keeps_the_text(cast, konsep, login):
    surat = konsep()
    besar = "<table>" + "".join("<tr>" + "<td>sel</td>" * 50 + "</tr>" for _ in range(60)) + "</table>"
    client = login(cast.staf)
    url = reverse("surat:konsep_ubah", args=[surat.pk])
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    response = client.post(url, {**_post_data(data), "isi": besar})
    assert response.status_code == 200
    assert "Tabel dalam isi surat terlalu besar" in response.content.decode()
    surat.refresh_from_db()
    assert "sel" not in surat.isi


def _post_data(initial):
    out = {}
    for key, value in initial.items():
        if hasattr(value, "pk"):
            out[key] = value.pk
        elif isinstance(value, list | tuple):
            out[key] = [getattr(v, "pk", v) for v in value]
        else:
            out[key] = value
    return out


def test_render_over_the_cpu_cap_is_stopped_with_a_message(settings):
    settings.PDF_MAKS_CPU_DETIK = 1
    berat = "<table>" + "".join("<tr>" + "<td>isi sel</td>" * 40 + "</tr>" for _ in range(3000)) + "</table>"
    mulai = time.monotonic()
    with pytest.raises(ValidationError) as exc:
        pdf.html_to_pdf(f"<html><body>{berat}</body></html>")
    assert time.monotonic() - mulai < 15
    assert "terlalu lama" in exc.value.messages[0] or "halaman" in exc.value.messages[0]


def test_render_over_the_page_cap_is_refused(settings):
    settings.PDF_MAKS_HALAMAN = 2
    panjang = "".join(f"<p>Paragraf {i}</p>" for i in range(400))
    with pytest.raises(ValidationError, match="paling banyak 2 halaman"):
        pdf.html_to_pdf(f"<html><body>{panjang}</body></html>")


def test_preview_is_rendered_by_the_task_once_and_then_cached(cast, konsep, login, monkeypatch):
    surat = konsep()
    calls = []
    asli = tasks.enqueue_pratinjau
    monkeypatch.setattr(tasks, "enqueue_pratinjau", lambda pk: (calls.append(pk), asli(pk)))
    client = login(cast.staf)
    url = reverse("surat:pdf_konsep", args=[surat.pk])
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf" and first.content == second.content
    assert calls == [surat.pk]  # the second GET rendered nothing
    services.surat_update(actor=cast.staf, surat=surat, hal="Hal yang diubah")
    assert client.get(url).status_code == 200 and calls == [surat.pk, surat.pk]  # a changed draft: new key


def test_preview_waits_for_the_worker_without_rendering_in_the_web_process(cast, konsep, login, monkeypatch):
    surat = konsep()
    monkeypatch.setattr(tasks, "enqueue_pratinjau", lambda pk: None)  # a broker: the worker has not run yet
    monkeypatch.setattr(pdf, "html_to_pdf", lambda *a, **k: pytest.fail("rendered in the web process"))
    response = login(cast.staf).get(reverse("surat:pdf_konsep", args=[surat.pk]))
    assert response.status_code == 202
    assert "Pratinjau PDF sedang disiapkan" in response.content.decode()


def test_preview_of_a_draft_over_the_caps_says_why(cast, konsep, login, settings):
    settings.PDF_MAKS_HALAMAN = 1
    surat = konsep(isi="".join(f"<p>Paragraf panjang nomor {i}</p>" for i in range(300)))
    response = login(cast.staf).get(reverse("surat:pdf_konsep", args=[surat.pk]))
    assert response.status_code == 200
    assert "paling banyak 1 halaman" in response.content.decode()


def test_preview_still_works_when_the_cache_is_down(cast, konsep, login, monkeypatch):
    surat = konsep()

    def mati(*args, **kwargs):
        raise ConnectionError("redis mati")

    monkeypatch.setattr(pratinjau.cache, "get", mati)
    response = login(cast.staf).get(reverse("surat:pdf_konsep", args=[surat.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
