"""Forms of the disposition pages: the disposition form, the report form, and the list filter."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django import forms

from disposisi import reach
from disposisi.models import Disposisi, InstruksiDisposisi
from disposisi.selectors import STATUS_PILIHAN
from lib.forms import FormPolos, MultipleFileField, TanggalInput, TokenKirimField
from organisasi.models import Jabatan

MAKS_BERKAS = 5


def pemegang(jabatan: Jabatan) -> str:
    """Who acts in the jabatan today: the holder, or the Plt/Plh when loaded (`pelaksana`)."""
    pelaksana = getattr(jabatan, "pelaksana", None) or []
    if pelaksana:
        p = pelaksana[0]
        return f"{p.singkatan} {p.pegawai.nama_lengkap}"
    holder = getattr(jabatan, "pemangku", None)
    return holder.nama_lengkap if holder is not None else "(belum ada pejabat)"


ESELON_URUT = {e: i for i, e in enumerate(Jabatan.Eselon.values)}


def _kunci_hierarki(j: Jabatan) -> tuple:
    return (not j.is_kepala_unit, ESELON_URUT.get(j.eselon, len(ESELON_URUT)), j.urutan, j.nama)


def urutan_hierarki(dari: Jabatan, pilihan: list[Jabatan]) -> tuple[list[Jabatan], list[Jabatan]]:
    """(direct subordinates of `dari`, the rest): each in hierarchy order, a post followed by the posts
    under it (a Bidang before its Seksi), heads and higher eselon first; what hangs under nobody in the
    list (a pimpinan daerah's unit heads) comes last."""
    anak: dict[int | None, list[Jabatan]] = {}
    ada = {j.pk for j in pilihan}
    for j in pilihan:
        anak.setdefault(j.atasan_id if j.atasan_id in ada or j.atasan_id == dari.pk else None, []).append(j)
    for rows in anak.values():
        rows.sort(key=_kunci_hierarki)

    def turunan(pk: int) -> list[Jabatan]:
        hasil = []
        for j in anak.get(pk, []):
            hasil += [j, *turunan(j.pk)]
        return hasil

    langsung = anak.get(dari.pk, [])
    lainnya = [j for d in langsung for j in turunan(d.pk)]
    for yatim in anak.get(None, []):
        lainnya += [yatim, *turunan(yatim.pk)]
    return langsung, lainnya


class DisposisiForm(forms.Form):
    """Recipients (checkboxes grouped by unit), instructions, note, deadline and priority."""

    kepada = forms.ModelMultipleChoiceField(
        label="Diteruskan kepada",
        queryset=Jabatan.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Pilih sedikitnya satu penerima disposisi.",
            "invalid_choice": "Jabatan yang dipilih di luar jangkauan Anda. Pilih dari daftar di bawah.",
        },
    )
    instruksi = forms.ModelMultipleChoiceField(
        label="Instruksi",
        queryset=InstruksiDisposisi.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Instruksi yang dipilih sudah tidak dipakai. Pilih dari daftar di bawah."},
    )
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        max_length=2000,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "Misalnya: Segera koordinasikan dengan bidang terkait."}
        ),
    )
    batas_waktu = forms.DateField(
        label="Batas waktu",
        required=False,
        widget=TanggalInput(),
        help_text="Tulis tanggal-bulan-tahun, misalnya 15/12/2026. Boleh dikosongkan bila tidak ada batas waktu.",
    )
    prioritas = forms.ChoiceField(
        label="Derajat kecepatan",
        choices=Disposisi.Prioritas.choices,
        initial=Disposisi.Prioritas.BIASA,
        widget=forms.RadioSelect,
    )
    token = TokenKirimField()

    def __init__(
        self, *args: Any, dari_jabatan: Jabatan, kecuali: frozenset[int] | set[int] = frozenset(), **kwargs: Any
    ) -> None:
        """`kecuali`: the jabatan the acting official holds herself (own post, Plt/Plh posts): never offered."""
        super().__init__(*args, **kwargs)
        pilihan = [j for j in reach.tujuan_disposisi_pilihan(dari_jabatan) if j.pk not in kecuali]
        self.langsung, self.lainnya = urutan_hierarki(dari_jabatan, pilihan)
        self.pilihan = self.langsung + self.lainnya
        self.fields["kepada"].queryset = Jabatan.objects.filter(pk__in=[j.pk for j in self.pilihan])
        self.fields["instruksi"].queryset = InstruksiDisposisi.objects.aktif()

    def _dipilih(self) -> set[str]:
        return {str(v) for v in (self["kepada"].value() or [])}

    def _baris(self, j: Jabatan, dipilih: set[str]) -> dict[str, Any]:
        return {"jabatan": j, "pemegang": pemegang(j), "dipilih": str(j.pk) in dipilih}

    def kepada_langsung(self) -> list[dict[str, Any]]:
        """Direct subordinates, in hierarchy order: the first choices of the form."""
        dipilih = self._dipilih()
        return [self._baris(j, dipilih) for j in self.langsung]

    def lainnya_terbuka(self) -> bool:
        """Open "lainnya" when something in it is chosen (a form sent back with an error)."""
        dipilih = self._dipilih()
        return any(str(j.pk) in dipilih for j in self.lainnya)

    def kelompok_kepada(self) -> list[dict[str, Any]]:
        """The other recipients ("lainnya"), grouped by unit in hierarchy order, with the holder's name."""
        dipilih = self._dipilih()
        groups = []
        for unit, rows in groupby(self.lainnya, key=lambda j: j.unit):
            judul = unit.nama if unit.opd_id in (None, unit.pk) else f"{unit.nama} — {unit.opd.nama}"
            groups.append(
                {
                    "judul": judul,
                    "pilihan": [self._baris(j, dipilih) for j in rows],
                }
            )
        return groups

    def pilihan_instruksi(self) -> list[dict[str, Any]]:
        dipilih = {str(v) for v in (self["instruksi"].value() or [])}
        return [{"instruksi": i, "dipilih": str(i.pk) in dipilih} for i in self.fields["instruksi"].queryset]


class LaporanForm(forms.Form):
    isi = forms.CharField(
        label="Isi laporan tindak lanjut",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Apa yang sudah dikerjakan dan hasilnya."}),
        error_messages={"required": "Tuliskan isi laporan tindak lanjut."},
    )
    berkas = MultipleFileField(
        label="Berkas pendukung (boleh lebih dari satu)",
        required=False,
        maks=MAKS_BERKAS,
        help_text="PDF, JPG, PNG, DOCX, XLSX, PPTX, ODT atau ODS.",
    )


class DaftarFilterForm(FormPolos):
    """The GET filter of Disposisi Masuk/Keluar. `status` also offers overdue and due-soon views. Plain
    markup (lib.forms.FormPolos): it sits on top of a busy list."""

    status = forms.ChoiceField(
        label="Tampilkan",
        required=False,
        choices=STATUS_PILIHAN[:3]
        + [("jatuh_tempo", "Jatuh tempo dalam 2 hari"), ("terlambat", "Terlambat")]
        + STATUS_PILIHAN[3:],
    )
    q = forms.CharField(
        label="Cari",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Hal, nomor, asal surat, atau catatan"}),
    )
    dari = forms.DateField(label="Dari tanggal", required=False, widget=TanggalInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=TanggalInput())

    def filters(self) -> dict[str, Any]:
        """Keyword filters for the selectors (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v}
        status = data.pop("status", "")
        if status == "terlambat":
            data["terlambat"] = True
        elif status == "jatuh_tempo":
            data["jatuh_tempo_dalam_hari"] = 2
        elif status:
            data["status"] = status
        return data
