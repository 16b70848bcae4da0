"""tte.asn1_der: asn1crypto no longer re-encodes everything below a definite length ending in 0x80."""

import inspect
from io import BytesIO

import pytest
from asn1crypto import cms, core
from pyhanko.pdf_utils.reader import PdfFileReader

from tte import asn1_der
from tte.signing import sign_pdf

from .conftest import PASSPHRASE


class Rantai(core.SequenceOf):
    """A SequenceOf of itself or an OctetString: nests as deep as a test builds it."""


class Isi(core.Choice):
    _alternatives = [("rantai", Rantai), ("oktet", core.OctetString)]


Rantai._child_spec = Isi


def _rantai_128(kedalaman: int) -> Rantai:
    """A chain `kedalaman` levels deep, read from DER like a certificate, under a top built here (so
    'mutated') whose contents are exactly 128 bytes: its header is 30 81 80, as pyHanko's CMS around
    the certificates sometimes is."""
    dalam = Isi(name="oktet", value=b"x")
    for _ in range(kedalaman):
        dalam = Isi(name="rantai", value=Rantai([dalam]))
    dalam = Isi.load(dalam.dump())
    panjang_rantai = len(dalam.dump())
    atas = Rantai([dalam, Isi(name="oktet", value=b"p" * (126 - panjang_rantai))])
    assert atas.dump()[:3] == b"\x30\x81\x80"
    return atas


def _hitung_dump(monkeypatch) -> list[bool]:
    """The `force` of every re-encoding of a Sequence's or SequenceOf's contents from here on."""
    panggilan: list[bool] = []
    for kelas in (core.Sequence, core.SequenceOf):
        asli = kelas.__dict__["_set_contents"]

        def catat(self, force=False, asli=asli):
            panggilan.append(force)
            return asli(self, force)

        monkeypatch.setattr(kelas, "_set_contents", catat)
    return panggilan


def test_a_definite_length_ending_in_0x80_does_not_reencode_everything_below(monkeypatch):
    atas = _rantai_128(16)
    der = atas.dump()
    panggilan = _hitung_dump(monkeypatch)

    assert atas.dump() == der
    # Without the fix: force=True on the 17 levels, each dumping its children twice: 2^17 calls.
    assert True not in panggilan
    assert len(panggilan) < 1000


def test_a_signatures_cms_is_not_reencoded_when_a_stored_length_ends_in_0x80(cast, sertifikat, pdf_bytes, monkeypatch):
    """What pyHanko does after timestamping, on a real signature: it puts the token into the signer
    info it built and dumps the CMS again. Forced, that dump took 18 s on this CMS."""
    signed = sign_pdf(
        pegawai=cast.kepala, passphrase=PASSPHRASE, pdf_bytes=pdf_bytes, reason="Uji", location="Surakarta"
    ).pdf_bytes
    isi = cms.ContentInfo.load(PdfFileReader(BytesIO(signed)).embedded_signatures[0].pkcs7_content)
    signer_info = isi["content"]["signer_infos"][0]
    signer_info["unsigned_attrs"] = cms.CMSAttributes(list(signer_info["unsigned_attrs"]))
    der = isi.dump()
    # The stored header as it is whenever the signer info's length ends in 0x80 (e.g. 30 82 05 80).
    signer_info._header = signer_info._header[:-1] + b"\x80"
    panggilan = _hitung_dump(monkeypatch)

    assert isi.dump() == der
    assert True not in panggilan


class Daun(core.OctetString):
    """A leaf that counts how often it is encoded."""

    dump_ke = 0

    def dump(self, force=False):
        Daun.dump_ke += 1
        return super().dump(force)


class Cabang(core.SequenceOf):
    pass


class Simpul(core.Choice):
    _alternatives = [("cabang", Cabang), ("daun", Daun)]


Cabang._child_spec = Simpul


def _pohon(kedalaman: int) -> tuple[Simpul, Cabang]:
    """A chain built in Python (every level 'mutated', as pyHanko's signed attributes are), and its
    innermost level."""
    dalam = Cabang([Simpul(name="daun", value=b"x")])
    atas = Simpul(name="cabang", value=dalam)
    for _ in range(kedalaman - 1):
        atas = Simpul(name="cabang", value=Cabang([atas]))
    return atas, dalam


def _der_pohon(kedalaman: int, daun: bytes) -> bytes:
    der = b"\x04" + bytes([len(daun)]) + daun
    for _ in range(kedalaman):
        der = b"\x30" + bytes([len(der)]) + der
    return der


def test_a_value_built_in_python_encodes_each_part_once_per_dump():
    atas, _ = _pohon(14)
    Daun.dump_ke = 0

    assert atas.dump() == _der_pohon(14, b"x")
    assert Daun.dump_ke == 1  # without the fix: each level reads its contents twice, 2^14 times
    assert atas.dump() == _der_pohon(14, b"x")
    assert Daun.dump_ke == 2


def test_a_value_changed_between_two_dumps_is_encoded_anew():
    atas, dalam = _pohon(6)
    atas.dump()
    dalam[0] = Simpul(name="daun", value=b"yy")

    assert atas.dump() == _der_pohon(6, b"yy")


def test_a_real_indefinite_length_is_still_reencoded_as_der():
    ber = b"\x30\x80\x04\x01a\x04\x01b\x00\x00"
    nilai = Rantai.load(ber)

    assert nilai.dump() == b"\x30\x06\x04\x01a\x04\x01b"


def test_a_parsed_definite_0x80_length_dumps_the_same_bytes():
    der = b"\x30\x81\x80\x04\x7e" + b"z" * 126
    nilai = Rantai.load(der)
    nilai[0].native  # noqa: B018 - parse the children, as a reader of the value would

    assert nilai.dump() == der


@pytest.mark.parametrize(
    ("header", "tak_tentu"),
    [
        (b"\x30\x80", True),
        (b"\x30\x81\x80", False),
        (b"\x30\x82\x01\x80", False),
        (b"\x04\x7f", False),
        (b"\xa0\x81\x85\x30\x81\x80", False),  # explicit tag around a definite 128
        (b"\xa0\x80\x30\x80", True),
        (b"\x1f\x81\x00\x80", True),  # high tag number
        (b"\x1f\x81\x00\x81\x80", False),
        (b"\x30", True),  # cut short: treated as asn1crypto treats it
        (b"\x30\x82\x01", True),
    ],
)
def test_panjang_tak_tentu_reads_the_innermost_header(header, tak_tentu):
    assert asn1_der.panjang_tak_tentu(header) is tak_tentu


def test_the_wrapped_classes_are_exactly_those_holding_asn1cryptos_check():
    pemeriksa = {
        kelas
        for kelas in vars(core).values()
        if inspect.isclass(kelas)
        and "dump" in kelas.__dict__
        and "[-1:] == b'\\x80'"
        in inspect.getsource(getattr(kelas.__dict__["dump"], "eoffice_asli", kelas.__dict__["dump"]))
    }

    assert pemeriksa == set(asn1_der.KELAS)
    assert all(hasattr(kelas.__dict__["dump"], "eoffice_asli") for kelas in asn1_der.KELAS)


def test_the_classes_encoding_children_once_per_dump_are_all_that_encode_children():
    """An asn1crypto upgrade that adds another _set_contents would escape the once-per-dump wrapper."""
    sendiri = {kelas for kelas in vars(core).values() if inspect.isclass(kelas) and "_set_contents" in kelas.__dict__}

    assert sendiri == set(asn1_der.KELAS_ISI)
    assert all(hasattr(kelas.__dict__["_set_contents"], "eoffice_asli") for kelas in asn1_der.KELAS_ISI)
