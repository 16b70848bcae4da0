"""Forms of the archive pages. They validate input shape; the rules live in arsip.services."""

from __future__ import annotations

from django import forms

from arsip.models import Berkas, KlasifikasiArsip, NasibAkhir
from lib.forms import FormPolos, TanggalInput, pilihan_tersimpan
from organisasi.models import UnitKerja
from surat.models import JenisSurat, Surat


class KodeKlasifikasiField(forms.CharField):
    """A KKA code typed (or picked) as text: '000.8.3.3' -> the KlasifikasiArsip."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("label", "Kode klasifikasi")
        super().__init__(**kwargs)
        self.widget.attrs.update({"placeholder": "Misalnya 000.8.3.3", "list": "kka-pilihan", "autocomplete": "off"})

    def clean(self, value):
        kode = (super().clean(value) or "").strip().rstrip(".")
        if not kode:
            return None
        obj = KlasifikasiArsip.objects.filter(kode=kode).first()
        if obj is None:
            raise forms.ValidationError(f"Kode klasifikasi {kode} tidak ada. Periksa kembali kodenya.")
        return obj


class JraForm(forms.Form):
    retensi_aktif = forms.IntegerField(
        label="Retensi aktif (tahun)", required=False, help_text="Kosongkan untuk mengikuti kode induk."
    )
    retensi_inaktif = forms.IntegerField(
        label="Retensi inaktif (tahun)", required=False, help_text="Kosongkan untuk mengikuti kode induk."
    )
    nasib_akhir = forms.ChoiceField(
        label="Nasib akhir",
        required=False,
        choices=[("", "Ikuti kode induk"), *NasibAkhir.choices],
    )


class BerkasForm(forms.Form):
    klasifikasi = KodeKlasifikasiField()
    uraian = forms.CharField(
        label="Uraian berkas", max_length=500, help_text="Misalnya: Rapat koordinasi aplikasi tahun 2026."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["klasifikasi"].required = True


class CatatanForm(forms.Form):
    catatan = forms.CharField(label="Catatan", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CariForm(FormPolos):
    """The search box and its filters (GET). Plain markup (lib.forms.FormPolos): every search renders it."""

    q = forms.CharField(
        label="Kata yang dicari",
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "Nomor surat, hal, nama pengirim, isi atau kata dalam pindaian", "type": "search"}
        ),
    )
    dari = forms.DateField(label="Dari tanggal", required=False, widget=TanggalInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=TanggalInput())
    jenis = forms.TypedChoiceField(label="Jenis surat", coerce=int, required=False, empty_value=None)
    opd = forms.TypedChoiceField(label="OPD", coerce=int, required=False, empty_value=None)
    klasifikasi = forms.CharField(label="Kode klasifikasi", max_length=30, required=False)
    keamanan = forms.ChoiceField(
        label="Klasifikasi keamanan", choices=[("", "Semua"), *Surat.Keamanan.choices], required=False
    )

    LANJUTAN = ("dari", "sampai", "jenis", "opd", "klasifikasi", "keamanan")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Cached options, cleaned to ids. Every OPD, the dissolved ones too: their letters stay in the archive.
        self.fields["jenis"].choices = pilihan_tersimpan("jenis", JenisSurat.objects.filter(aktif=True), "Semua jenis")
        self.fields["opd"].choices = pilihan_tersimpan(
            "opd_semua", UnitKerja.objects.opd().order_by("nama"), "Semua OPD"
        )

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        return data

    @property
    def lanjutan_terisi(self) -> bool:
        return self.is_bound and any(self.data.get(n) for n in self.LANJUTAN)


STATUS_PILIHAN = [("", "Semua status"), *Berkas.Status.choices]
