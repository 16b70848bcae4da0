"""Signing through BSrE's esign client service (Balai Besar Sertifikasi Elektronik, BSSN), over HTTP with
the standard library, in either of its interfaces (BSRE_API_VERSI):

v1 (multipart):
  POST {BSRE_URL}/api/sign/pdf     file, nik, passphrase, tampilan (visible|invisible), image, linkQR,
                                   page, xAxis, yAxis, width, height, reason, location
                                   -> 200 with the signed PDF and a header `id_dokumen`
  POST {BSRE_URL}/api/sign/verify  file -> JSON report
  GET  {BSRE_URL}/api/user/status/{nik} -> JSON, e.g. {"status_code": 1111, "status": "ISSUE", ...}
v2 (JSON; the signer by NIK or e-mail):
  POST {BSRE_URL}/api/v2/sign/pdf  {"nik"|"email", "passphrase", "signatureProperties": [{"tampilan":
                                   "VISIBLE"|"INVISIBLE", "imageBase64", "page", "originX", "originY",
                                   "width", "height", "location", "reason"}], "file": [<base64>]}
                                   -> {"file": [<base64>], ...}
  POST {BSRE_URL}/api/v2/verify/pdf {"file": <base64>} -> {"conclusion", "description",
                                   "signatureInformations": [...]}
  POST {BSRE_URL}/api/v2/user/check/status {"nik"|"email"} -> {"status": "ISSUE", "message": ...}
Both: HTTP basic auth (BSRE_USERNAME / BSRE_PASSWORD); errors as JSON {"error": "...", "status_code":
<int>}, with an HTTP error status or (v2) inside an HTTP 200. docs/tte.md says which of these shapes
were checked against public material and which are assumptions; the mapping also reads the words of
a message, so it survives small differences.

After BSrE signs, the document gets the long-term data here (tte.pades.perpanjang: revocation data
and a document timestamp from the configured TSA), so a BSrE letter reaches B-LTA like a local one.
The passphrase goes only into the request body: never into a log line, an exception message or args.
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any, NoReturn

from django.conf import settings
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from pyhanko.pdf_utils.reader import PdfFileReader

from organisasi.models import Pegawai
from tte import pades
from tte.backends import PdfAtauRender, SignResult, pdf_dari
from tte.errors import LayananTteGagal, PassphraseSalah, SertifikatTidakAda

logger = logging.getLogger(__name__)

TIDAK_TERHUBUNG = "Layanan BSrE tidak dapat dihubungi; surat belum ditandatangani, coba lagi nanti."
JAWABAN_ASING = "Layanan BSrE mengirim jawaban yang tidak dikenali; surat belum ditandatangani, coba lagi nanti."
AKUN_DITOLAK = "Akun aplikasi ditolak oleh layanan BSrE; surat belum ditandatangani. Hubungi Admin Pemda."
PERMINTAAN_DITOLAK = "Layanan BSrE menolak permintaan tanda tangan; surat belum ditandatangani. Hubungi Admin Pemda."
NIK_TIDAK_TERDAFTAR = "NIK belum terdaftar di BSrE."
SERTIFIKAT_KEDALUWARSA = "Sertifikat elektronik Anda di BSrE sudah tidak berlaku; perbarui melalui Admin TTE instansi."

KODE_PASSPHRASE_SALAH = 2031
KODE_TIDAK_TERDAFTAR = 2011
SEDIKIT_LUPA = "Sertifikat elektronik Anda di BSrE belum aktif atau sedang dibekukan; hubungi Admin TTE instansi."


@dataclass(frozen=True)
class Jawaban:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict[str, Any]:
        try:
            data = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode("utf-8") + b"\r\n")
    for name, (filename, content, ctype) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def _scrub(text: str, secret: str) -> str:
    return text.replace(secret, "***") if secret else text


class BsreClient:
    """A small client of BSrE's esign API. Errors become TteError subclasses with Indonesian messages."""

    def __init__(self, *, base_url: str, username: str, password: str, timeout: float, versi: str = "1") -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.versi = versi
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        self._auth = f"Basic {token}"

    @classmethod
    def from_settings(cls) -> BsreClient:
        return cls(
            base_url=settings.BSRE_URL,
            username=settings.BSRE_USERNAME,
            password=settings.BSRE_PASSWORD,
            timeout=settings.BSRE_TIMEOUT,
            versi=settings.BSRE_API_VERSI,
        )

    def _json(self, path: str, payload: dict[str, Any]) -> Jawaban:
        return self._request("POST", path, json.dumps(payload).encode(), "application/json")

    def _request(self, method: str, path: str, body: bytes | None = None, content_type: str = "") -> Jawaban:
        request = urllib.request.Request(self.base_url + path, data=body, method=method)
        request.add_header("Authorization", self._auth)
        request.add_header("Accept", "application/pdf, application/json")
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Jawaban(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
        except urllib.error.HTTPError as exc:
            with exc:
                body = exc.read()
            return Jawaban(exc.code, {k.lower(): v for k, v in exc.headers.items()}, body)
        except (OSError, http.client.HTTPException) as exc:
            # URLError (refused, DNS), TimeoutError, a connection dropped mid-answer.
            # The path of a status query holds a NIK: log only its first segments.
            endpoint = "/".join(path.split("/")[:3])
            logger.warning("BSrE tidak dapat dihubungi: %s %s: %s", method, endpoint, type(exc).__name__)
            raise LayananTteGagal(TIDAK_TERHUBUNG) from None

    def _raise_for_error(self, jawaban: Jawaban, passphrase: str = "") -> NoReturn:
        data = jawaban.json()
        kode = data.get("status_code")
        pesan = _scrub(str(data.get("error") or data.get("message") or ""), passphrase)
        kecil = pesan.lower()
        logger.warning("BSrE menolak: http=%s status_code=%s pesan=%s", jawaban.status, kode, pesan[:200])
        if kode == KODE_PASSPHRASE_SALAH or "passphrase" in kecil:
            raise PassphraseSalah("Frasa sandi TTE salah.")
        if kode == KODE_TIDAK_TERDAFTAR or "tidak terdaftar" in kecil or "not registered" in kecil:
            raise SertifikatTidakAda(NIK_TIDAK_TERDAFTAR)
        if any(word in kecil for word in ("expired", "kadaluarsa", "kedaluwarsa")):
            raise SertifikatTidakAda(SERTIFIKAT_KEDALUWARSA)
        if any(word in kecil for word in ("revoke", "suspend", "dicabut", "dibekukan")):
            raise SertifikatTidakAda(SEDIKIT_LUPA)
        if jawaban.status in (401, 403):
            raise LayananTteGagal(AKUN_DITOLAK)
        if jawaban.status >= 500 or jawaban.status in (408, 429):
            raise LayananTteGagal(TIDAK_TERHUBUNG)
        raise LayananTteGagal(PERMINTAAN_DITOLAK)

    def sign_pdf(
        self,
        *,
        nik: str,
        passphrase: str,
        pdf_bytes: bytes,
        reason: str = "",
        location: str = "",
        box: pades.Box | None = None,
        page: int = 1,
        link_qr: str = "",
        email: str = "",
        image: bytes = b"",
    ) -> tuple[bytes, str]:
        """The signed PDF and BSrE's id_dokumen (v1; empty for v2). A `box` (x1, y1, x2, y2, points)
        makes it visible; v2 signs by `email` when there is no `nik`."""
        if self.versi == "2":
            return self._sign_v2(
                nik=nik,
                email=email,
                passphrase=passphrase,
                pdf_bytes=pdf_bytes,
                reason=reason,
                location=location,
                box=box,
                page=page,
                image=image,
            )
        fields = {"nik": nik, "passphrase": passphrase, "tampilan": "visible" if box else "invisible"}
        if box:
            x1, y1, x2, y2 = box
            fields.update(
                image="false",
                page=str(page),
                xAxis=str(x1),
                yAxis=str(y1),
                width=str(x2 - x1),
                height=str(y2 - y1),
            )
            if link_qr:
                fields["linkQR"] = link_qr
        if reason:
            fields["reason"] = reason
        if location:
            fields["location"] = location
        body, ctype = _multipart(fields, {"file": ("dokumen.pdf", pdf_bytes, "application/pdf")})
        jawaban = self._request("POST", "/api/sign/pdf", body, ctype)
        if jawaban.status == 200 and jawaban.body.startswith(b"%PDF-"):
            return jawaban.body, jawaban.headers.get("id_dokumen", "")
        if jawaban.status == 200 and not jawaban.json():
            raise LayananTteGagal(JAWABAN_ASING)
        self._raise_for_error(jawaban, passphrase)

    def _sign_v2(self, *, nik, email, passphrase, pdf_bytes, reason, location, box, page, image) -> tuple[bytes, str]:
        properties: dict[str, Any] = {
            "tampilan": "VISIBLE" if box else "INVISIBLE",
            "reason": reason,
            "location": location,
        }
        if box:
            x1, y1, x2, y2 = box
            properties.update(page=page, originX=x1, originY=y1, width=x2 - x1, height=y2 - y1)
            if image:
                properties["imageBase64"] = base64.b64encode(image).decode()
        payload = {**({"nik": nik} if nik else {"email": email}), "passphrase": passphrase}
        payload |= {"signatureProperties": [properties], "file": [base64.b64encode(pdf_bytes).decode()]}
        jawaban = self._json("/api/v2/sign/pdf", payload)
        data = jawaban.json()
        if jawaban.status == 200 and not data.get("error"):
            files = data.get("file")
            try:
                signed = base64.b64decode(files[0], validate=True) if isinstance(files, list) and files else b""
            except (ValueError, TypeError):
                signed = b""
            if not signed.startswith(b"%PDF-"):
                raise LayananTteGagal(JAWABAN_ASING)
            return signed, str(data.get("id") or data.get("id_dokumen") or "")
        if jawaban.status == 200 and not data:
            raise LayananTteGagal(JAWABAN_ASING)
        self._raise_for_error(jawaban, passphrase)

    def verify_pdf(self, pdf_bytes: bytes) -> dict[str, Any]:
        """BSrE's own report on a signed PDF (JSON as BSrE sends it)."""
        if self.versi == "2":
            jawaban = self._json("/api/v2/verify/pdf", {"file": base64.b64encode(pdf_bytes).decode()})
        else:
            body, ctype = _multipart({}, {"file": ("dokumen.pdf", pdf_bytes, "application/pdf")})
            jawaban = self._request("POST", "/api/sign/verify", body, ctype)
        if jawaban.status != 200 or jawaban.json().get("error"):
            self._raise_for_error(jawaban)
        return jawaban.json()

    def user_status(self, nik: str, email: str = "") -> dict[str, Any]:
        """BSrE's status of a signer (JSON as BSrE sends it, e.g. status "ISSUE" when they can sign)."""
        if self.versi == "2":
            jawaban = self._json("/api/v2/user/check/status", {"nik": nik} if nik else {"email": email})
        else:
            jawaban = self._request("GET", f"/api/user/status/{urllib.parse.quote(nik, safe='')}")
        if jawaban.status != 200 or jawaban.json().get("error"):
            self._raise_for_error(jawaban)
        return jawaban.json()


def _page_count(pdf_bytes: bytes) -> int:
    try:
        return int(PdfFileReader(io.BytesIO(pdf_bytes), strict=False).root["/Pages"]["/Count"])
    except Exception:  # an unreadable PDF: let BSrE answer for it
        return 1


def _signer_serial(signed: bytes) -> str:
    try:
        signatures = PdfFileReader(io.BytesIO(signed), strict=False).embedded_signatures
        return format(signatures[-1].signer_cert.serial_number, "x")
    except Exception as exc:  # anything unreadable is an answer we do not understand
        logger.warning("Jawaban BSrE bukan PDF bertanda tangan: %s", type(exc).__name__)
        raise LayananTteGagal(JAWABAN_ASING) from None


@sensitive_variables("passphrase")
def sign(
    *,
    pegawai: Pegawai,
    passphrase: str,
    pdf_bytes: PdfAtauRender,
    reason: str,
    location: str,
    field_name: str,
    box: pades.Box | None,
    page: int | None,
    link_qr: str = "",
) -> SignResult:
    # BSrE names its own signature field; field_name is kept for the lokal backend only.
    client = BsreClient.from_settings()
    pdf_bytes = pdf_dari(pdf_bytes)
    if not pegawai.nik and not (client.versi == "2" and pegawai.email):
        raise SertifikatTidakAda("NIK Anda belum diisi di data pegawai; hubungi Admin OPD.")
    if box and page is None:
        page = _page_count(pdf_bytes)
    signed_at = timezone.now().replace(microsecond=0)
    signed, id_dokumen = client.sign_pdf(
        nik=pegawai.nik,
        email=pegawai.email,
        passphrase=passphrase,
        pdf_bytes=pdf_bytes,
        reason=reason,
        location=location,
        box=box,
        page=page or 1,
        link_qr=link_qr,
    )
    serial = _signer_serial(signed)
    jangka_panjang = _long_term(signed)
    waktu, sampai = pades.waktu_dan_batas(jangka_panjang)
    return SignResult(
        pdf_bytes=jangka_panjang,
        sertifikat_serial=serial,
        signed_at=waktu or signed_at,
        cap_waktu_sampai=sampai,
        id_dokumen=id_dokumen,
    )


def _long_term(signed: bytes) -> bytes:
    """BSrE's PDF plus revocation data and a document timestamp (B-LTA). When that cannot be done now
    (BSrE's revocation data or the TSA unreachable) the letter keeps BSrE's signature as it came and
    the archive task (surat) adds the long-term data on a later run."""
    from tte import ltv  # layer: ltv uses the lokal CA's CRLs and TSA, which import this module's siblings

    try:
        return pades.perpanjang(signed, ltv.bukti())
    except Exception as exc:  # pyHanko raises many kinds; none may cost the signature itself
        logger.warning("Data jangka panjang belum dapat ditambahkan pada PDF BSrE: %s", type(exc).__name__)
        return signed
