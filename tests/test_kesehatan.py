"""/kesehatan/ tells a load balancer whether this process can serve: database, cache, broker, media,
worker; 503 when one fails; nothing secret in the answer."""

import pytest
from django.conf import settings
from django.urls import reverse

from eoffice import kesehatan

pytestmark = pytest.mark.django_db


def test_all_checks_pass_in_the_demo_configuration(client):
    response = client.get(reverse("kesehatan"))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["pemeriksaan"]) == {"database", "cache", "broker", "media", "worker"}
    assert data["pemeriksaan"]["worker"]["mode"] == "dalam proses (tanpa worker terpisah)"
    assert "no-store" in response["Cache-Control"]


def test_unwritable_media_is_503_and_names_no_path(client, settings, tmp_path):
    berkas = tmp_path / "bukan-folder"
    berkas.write_text("x")
    settings.MEDIA_ROOT = berkas / "media"
    response = client.get(reverse("kesehatan"))
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "gagal"
    assert data["pemeriksaan"]["media"]["status"] == "gagal"
    assert data["pemeriksaan"]["database"]["status"] == "ok"
    assert str(tmp_path) not in response.content.decode()


def test_answer_carries_no_secret_or_address(client):
    body = client.get(reverse("kesehatan")).content.decode()
    for secret in (settings.SECRET_KEY, settings.TTE_CA_PASSPHRASE, settings.AUDIT_HMAC_KEY, str(settings.BASE_DIR)):
        assert secret not in body


def test_worker_that_does_not_answer_fails_the_check(monkeypatch):
    monkeypatch.setitem(kesehatan.celery_app.conf, "task_always_eager", False)
    monkeypatch.setattr(kesehatan, "_worker_terakhir", {})

    class TakMenjawab:
        def get(self, timeout):
            raise TimeoutError

    monkeypatch.setattr(kesehatan.ping, "apply_async", lambda **kw: TakMenjawab())
    hasil = kesehatan._jalankan(kesehatan._worker)
    assert (hasil["status"], hasil["galat"]) == ("gagal", "TimeoutError")


def test_real_worker_answers(celery_worker_url, client):
    response = client.get(reverse("kesehatan"))
    data = response.json()
    assert data["pemeriksaan"]["worker"]["status"] == "ok", data
    assert data["pemeriksaan"]["broker"]["status"] == "ok", data
    assert response.status_code == 200
