from tte.models import SertifikatTte


def test_admin_lists_certificates_never_shows_keys_and_can_revoke(cast, sertifikat, login):
    cast.admin_pemda.user.is_staff = cast.admin_pemda.user.is_superuser = True
    cast.admin_pemda.user.save()
    client = login(cast.admin_pemda)

    listing = client.get("/admin/tte/sertifikattte/")
    detail = client.get(f"/admin/tte/sertifikattte/{sertifikat.pk}/change/")
    assert sertifikat.serial in listing.text
    assert detail.status_code == 200 and sertifikat.serial in detail.text
    assert "scrypt-aesgcm" not in listing.text + detail.text
    assert client.get("/admin/tte/sertifikattte/add/").status_code == 403

    client.post("/admin/tte/sertifikattte/", {"action": "cabut", "_selected_action": [sertifikat.pk]})
    assert SertifikatTte.objects.get(pk=sertifikat.pk).dicabut_pada is not None


def test_admin_shows_the_tsa_without_its_key_and_requests_read_only(cast, ca, login, pdf_bytes):
    from tte import mandiri, services

    tsa = services.pastikan_tsa()
    mandiri.ajukan_aktivasi(actor=cast.kabid)
    cast.admin_pemda.user.is_staff = cast.admin_pemda.user.is_superuser = True
    cast.admin_pemda.user.save()
    client = login(cast.admin_pemda)

    page = client.get(f"/admin/tte/otoritastimestamp/{tsa.pk}/change/").text
    assert tsa.serial in page and "scrypt-aesgcm" not in page
    assert "Sri Wahyuni" in client.get("/admin/tte/permohonansertifikat/").text
    assert client.get("/admin/tte/permohonansertifikat/add/").status_code == 403
