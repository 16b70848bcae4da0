"""What each event of the letters and dispositions produces: who is notified and with which words.

NotifikasiConfig.ready connects the handlers to the signals of surat, disposisi and organisasi
(their signals.py). They run after commit; a failure is logged and never undoes or breaks the action
that caused it. Each handler takes ids, reads what it needs, and calls `services.notify`.
`periksa_pengingat` with the `remind_*` rules is the beat task's work.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format

from notifikasi.models import Event, Notifikasi
from notifikasi.services import notify, tandai_dibaca_untuk
from organisasi import acting
from organisasi.models import Pegawai, Penugasan, Peran
from surat.models import Penerima, Surat, SuratLog

# ---------------------------------------------------------------- words


def _tanggal(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _hal(surat: Surat) -> str:
    return surat.hal or surat.jenis.nama


def _urgensi(surat: Surat) -> str:
    return "" if surat.urgensi == Surat.Urgensi.BIASA else f" ({surat.get_urgensi_display()})"


def _pengirim(surat: Surat) -> str:
    if surat.sumber == Surat.Sumber.MASUK_LUAR:
        return surat.asal_instansi
    return f"{surat.ttd_sebutan} {surat.ttd_jabatan}".strip() or str(surat.opd)


def surat_url(surat_id: int) -> str:
    return reverse("surat:detail", args=[surat_id])


def disposisi_url(disposisi) -> str:
    """The disposition's own page when the disposisi app has one, else its place on the letter page."""
    try:
        return reverse("disposisi:detail", args=[disposisi.pk])
    except NoReverseMatch:
        return f"{surat_url(disposisi.surat_id)}#disposisi-{disposisi.pk}"


def _last_actor_id(surat: Surat) -> int | None:
    """Who did what the hook reports: the hooks run right after the action, whose log row is the latest."""
    return surat.log.order_by("-waktu", "-id").values_list("actor_id", flat=True).first()


def _load_surat(surat_id: int) -> Surat | None:
    return Surat.objects.select_related("jenis", "jabatan_konseptor", "opd").filter(pk=surat_id).first()


# ---------------------------------------------------------------- letters


def draft_needs_action(*, surat_id: int, **signal: object) -> None:
    """surat_diajukan/surat_diparaf: the verifikator whose turn it is (PERLU_PARAF), or the signer (PERLU_TTD)."""
    surat = _load_surat(surat_id)
    if surat is None or surat.status not in (Surat.Status.PARAF, Surat.Status.TTD):
        return
    if surat.status == Surat.Status.PARAF:
        event, jabatan_id, judul, tugas = Event.PERLU_PARAF, surat.giliran_id, "Perlu paraf", "paraf"
    else:
        event, jabatan_id, judul, tugas = Event.PERLU_TTD, surat.penandatangan_id, "Perlu tanda tangan", "tanda tangan"
    konseptor = surat.jabatan_konseptor.nama if surat.jabatan_konseptor_id else ""
    notify(
        event=event,
        penerima=acting.pegawai_acting_in([jabatan_id]),
        judul=f"{judul}{_urgensi(surat)}: {_hal(surat)}",
        pesan=f"Konsep {surat.jenis.nama} dari {konseptor} menunggu {tugas} Anda.",
        url=surat_url(surat.pk),
        surat=surat,
        kunci=f"{event}:surat:{surat.pk}:versi:{surat.versi}:jabatan:{jabatan_id}",
        kecuali=[_last_actor_id(surat)],
    )


def draft_returned(*, surat_id: int, **signal: object) -> None:
    """surat_dikembalikan: whoever acts in the drafter's jabatan, with the reviewer's note."""
    surat = _load_surat(surat_id)
    if surat is None or surat.status != Surat.Status.KONSEP:
        return
    log = (
        surat.log.filter(aksi=SuratLog.Aksi.DIKEMBALIKAN)
        .select_related("actor", "jabatan")
        .order_by("-waktu", "-id")
        .first()
    )
    oleh = log.jabatan.nama if log and log.jabatan_id else "pemeriksa"
    catatan = f" Catatan: {log.catatan}" if log and log.catatan else ""
    notify(
        event=Event.KONSEP_DIKEMBALIKAN,
        penerima=acting.pegawai_acting_in([surat.jabatan_konseptor_id]),
        judul=f"Konsep dikembalikan: {_hal(surat)}",
        pesan=f"Konsep Anda dikembalikan oleh {oleh} untuk diperbaiki.{catatan}",
        url=surat_url(surat.pk),
        surat=surat,
        kunci=f"{Event.KONSEP_DIKEMBALIKAN}:surat:{surat.pk}:versi:{surat.versi}",
        kecuali=[log.actor_id if log else None],
    )


def letter_arrived(*, surat_id: int, **signal: object) -> None:
    """surat_diterima (after signing or registering a paper letter): internal addressees (SURAT_MASUK)
    and copies (TEMBUSAN_MASUK); the key makes each person's notice exist once."""
    surat = _load_surat(surat_id)
    if surat is None or not surat.is_final:
        return
    rows = list(surat.penerima.filter(jabatan__isnull=False, diterima_pada__isnull=False).order_by("jenis", "urutan"))
    tujuan = [p.jabatan_id for p in rows if p.jenis == Penerima.Jenis.TUJUAN]
    tembusan = [p.jabatan_id for p in rows if p.jenis == Penerima.Jenis.TEMBUSAN]
    actor_id = _last_actor_id(surat)
    nomor = surat.nomor or surat.nomor_asal
    pesan = f"Dari {_pengirim(surat)}" + (f", nomor {nomor}." if nomor else ".")
    kunci = f"masuk:surat:{surat.pk}"
    to_tujuan = acting.pegawai_acting_in(tujuan)
    notify(
        event=Event.SURAT_MASUK,
        penerima=to_tujuan,
        judul=f"Surat masuk{_urgensi(surat)}: {_hal(surat)}",
        pesan=pesan,
        url=surat_url(surat.pk),
        surat=surat,
        kunci=kunci,
        kecuali=[actor_id],
    )
    notify(
        event=Event.TEMBUSAN_MASUK,
        penerima=acting.pegawai_acting_in(tembusan),
        judul=f"Tembusan surat: {_hal(surat)}",
        pesan=pesan,
        url=surat_url(surat.pk),
        surat=surat,
        kunci=kunci,
        kecuali=[actor_id, *(p.pk for p, _ in to_tujuan)],
    )


def letter_corrected(*, surat_id: int, **signal: object) -> None:
    """surat_dikoreksi: whoever acts in a jabatan that received the old letter (addressees and copies)
    hears that it was corrected or withdrawn, and by which letter; the link opens the old letter, whose
    page says so and links on."""
    surat = _load_surat(surat_id)
    if surat is None or not surat.dikoreksi_oleh_id:
        return
    baru = Surat.objects.only("nomor").get(pk=surat.dikoreksi_oleh_id)
    jabatan = list(
        surat.penerima.filter(jabatan__isnull=False, diterima_pada__isnull=False).values_list("jabatan_id", flat=True)
    )
    kata = surat.get_dikoreksi_display().lower()
    notify(
        event=Event.SURAT_DIKOREKSI,
        penerima=acting.pegawai_acting_in(jabatan),
        judul=f"Surat {kata}: {_hal(surat)}",
        pesan=f"Surat nomor {surat.nomor} telah {kata} dengan surat nomor {baru.nomor}.",
        url=surat_url(surat.pk),
        surat=surat,
        kunci=f"{Event.SURAT_DIKOREKSI}:surat:{surat.pk}:oleh:{baru.pk}",
        kecuali=[_last_actor_id(surat)],
    )


# ---------------------------------------------------------------- dispositions


def _load_disposisi(disposisi_id: int):
    from disposisi.models import Disposisi

    return (
        Disposisi.objects.select_related("surat__jenis", "dari_jabatan", "kepada_jabatan")
        .filter(pk=disposisi_id)
        .first()
    )


def _batas(disposisi) -> str:
    return f" Batas waktu: {_tanggal(disposisi.batas_waktu)}." if disposisi.batas_waktu else ""


def disposition_received(*, disposisi_id: int, **signal: object) -> None:
    """disposisi_diterima: whoever acts in the recipient jabatan."""
    d = _load_disposisi(disposisi_id)
    if d is None:
        return
    instruksi = ", ".join(d.instruksi.values_list("nama", flat=True))
    pesan = f"Dari {d.dari_jabatan.nama}."
    pesan += f" Instruksi: {instruksi}." if instruksi else ""
    pesan += _batas(d)
    pesan += f" Catatan: {d.catatan}" if d.catatan else ""
    prioritas = "" if d.prioritas == d.Prioritas.BIASA else f" ({d.get_prioritas_display()})"
    notify(
        event=Event.DISPOSISI_MASUK,
        penerima=acting.pegawai_acting_in([d.kepada_jabatan_id]),
        judul=f"Disposisi masuk{prioritas}: {_hal(d.surat)}",
        pesan=pesan,
        url=disposisi_url(d),
        surat=d.surat,
        disposisi_id=d.pk,
        kunci=f"{Event.DISPOSISI_MASUK}:disposisi:{d.pk}",
        kecuali=[d.dari_pegawai_id],
    )


def report_submitted(*, laporan_id: int, **signal: object) -> None:
    """laporan_dikirim: whoever acts in the jabatan that gave the disposition."""
    from disposisi.models import LaporanTindakLanjut

    laporan = (
        LaporanTindakLanjut.objects.select_related("jabatan", "disposisi__surat__jenis").filter(pk=laporan_id).first()
    )
    if laporan is None:
        return
    d = laporan.disposisi
    isi = laporan.isi if len(laporan.isi) <= 300 else f"{laporan.isi[:297]}..."
    notify(
        event=Event.LAPORAN_MASUK,
        penerima=acting.pegawai_acting_in([d.dari_jabatan_id]),
        judul=f"Laporan tindak lanjut: {_hal(d.surat)}",
        pesan=f"{laporan.jabatan.nama} melaporkan: {isi}",
        url=disposisi_url(d),
        surat=d.surat,
        disposisi_id=d.pk,
        kunci=f"{Event.LAPORAN_MASUK}:laporan:{laporan.pk}",
        kecuali=[laporan.pegawai_id],
    )


def disposition_cancelled(*, disposisi_id: int, **signal: object) -> None:
    """disposisi_dibatalkan: whoever acts in the recipient jabatan (their earlier notice is now void)."""
    d = _load_disposisi(disposisi_id)
    if d is None:
        return
    Notifikasi.objects.filter(disposisi_id=d.pk, event=Event.DISPOSISI_MASUK, dibaca_pada__isnull=True).update(
        dibaca_pada=timezone.now()
    )
    notify(
        event=Event.DISPOSISI_DIBATALKAN,
        penerima=acting.pegawai_acting_in([d.kepada_jabatan_id]),
        judul=f"Disposisi dibatalkan: {_hal(d.surat)}",
        pesan=f"{d.dari_jabatan.nama} membatalkan disposisi ini. Tidak perlu ditindaklanjuti.",
        url=surat_url(d.surat_id),
        surat=d.surat,
        disposisi_id=d.pk,
        kunci=f"{Event.DISPOSISI_DIBATALKAN}:disposisi:{d.pk}",
        kecuali=[d.dari_pegawai_id],
    )


def letter_opened(*, surat_id: int, pegawai_id: int, **signal: object) -> None:
    """surat_dibuka: the pegawai's unread notices about the letter count as read."""
    tandai_dibaca_untuk(pegawai_id, surat_id=surat_id)


def disposition_opened(*, disposisi_id: int, pegawai_id: int, **signal: object) -> None:
    """disposisi_dibuka: the pegawai's unread notices about the disposition count as read."""
    tandai_dibaca_untuk(pegawai_id, disposisi_id=disposisi_id)


# ---------------------------------------------------------------- reminders (beat)

# Urgent letters still unread this long after arrival get one reminder; older ones are left alone so a
# first run after installation does not remind of last year's mail.
SEGERA_SETELAH = datetime.timedelta(hours=2)
SEGERA_PALING_LAMA = datetime.timedelta(days=7)


def periksa_pengingat(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """System (Celery beat): remind once per rule of dispositions due tomorrow, overdue ones, and
    Amat Segera letters unread two hours after arrival. Safe to run twice: a second run adds nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return {
        "besok": remind_due_tomorrow(today),
        "lewat": remind_overdue(today),
        "segera": remind_unread_urgent(now - SEGERA_SETELAH, now - SEGERA_PALING_LAMA),
    }


def _already(event: str, field: str, ids: Iterable[int]) -> set[tuple[int, int]]:
    """(object id, pegawai id) pairs already reminded under `event`: lets a run skip them without writes."""
    return set(Notifikasi.objects.filter(event=event, **{f"{field}__in": list(ids)}).values_list(field, "penerima_id"))


def _remind_dispositions(disposisi_list: list, event: str, prefix: str, judul: str, pesan_fn) -> int:
    per_jabatan = acting.pegawai_per_jabatan(d.kepada_jabatan_id for d in disposisi_list)
    done = _already(event, "disposisi_id", (d.pk for d in disposisi_list))
    count = 0
    for d in disposisi_list:
        penerima = [(p, d.kepada_jabatan_id) for p in per_jabatan[d.kepada_jabatan_id] if (d.pk, p.pk) not in done]
        if penerima:
            count += len(
                notify(
                    event=event,
                    penerima=penerima,
                    judul=f"{judul}: {_hal(d.surat)}",
                    pesan=pesan_fn(d),
                    url=disposisi_url(d),
                    surat=d.surat,
                    disposisi_id=d.pk,
                    kunci=f"{prefix}:disposisi:{d.pk}",
                )
            )
    return count


def remind_due_tomorrow(today: datetime.date) -> int:
    """Open dispositions due tomorrow: one BATAS_WAKTU_BESOK per disposition and person, ever."""
    from disposisi import selectors as disposisi_selectors

    return _remind_dispositions(
        list(disposisi_selectors.jatuh_tempo_besok(today).select_related("surat__jenis")),
        Event.BATAS_WAKTU_BESOK,
        "besok",
        "Batas waktu disposisi besok",
        lambda d: f"Disposisi dari {d.dari_jabatan.nama} harus selesai besok, {_tanggal(d.batas_waktu)}.",
    )


def remind_overdue(today: datetime.date) -> int:
    """Open dispositions past their deadline: one BATAS_WAKTU_LEWAT per disposition and person, ever."""
    from disposisi import selectors as disposisi_selectors

    return _remind_dispositions(
        list(disposisi_selectors.terlambat(today).select_related("surat__jenis")),
        Event.BATAS_WAKTU_LEWAT,
        "lewat",
        "Batas waktu disposisi terlewati",
        lambda d: f"Disposisi dari {d.dari_jabatan.nama} seharusnya selesai {_tanggal(d.batas_waktu)}.",
    )


def remind_unread_urgent(diterima_sebelum: datetime.datetime, diterima_sesudah: datetime.datetime) -> int:
    """Amat Segera letters an addressee has not opened since arrival (between the two times): one
    SURAT_SEGERA_BELUM_DIBACA per letter and person, ever."""
    rows = list(
        Penerima.objects.filter(
            jenis=Penerima.Jenis.TUJUAN,
            jabatan__isnull=False,
            dibaca_pada__isnull=True,
            diterima_pada__lte=diterima_sebelum,
            diterima_pada__gte=diterima_sesudah,
            surat__urgensi=Surat.Urgensi.AMAT_SEGERA,
        ).select_related("surat__jenis")
    )
    event = Event.SURAT_SEGERA_BELUM_DIBACA
    per_jabatan = acting.pegawai_per_jabatan(p.jabatan_id for p in rows)
    done = _already(event, "surat_id", (p.surat_id for p in rows))
    count = 0
    for row in rows:
        surat = row.surat
        penerima = [(p, row.jabatan_id) for p in per_jabatan[row.jabatan_id] if (surat.pk, p.pk) not in done]
        if penerima:
            waktu = timezone.localtime(row.diterima_pada)
            count += len(
                notify(
                    event=event,
                    penerima=penerima,
                    judul=f"Surat amat segera belum dibaca: {_hal(surat)}",
                    pesan=f"Surat ini masuk {_tanggal(waktu.date())} pukul {waktu:%H.%M} WIB dan belum dibuka. "
                    "Mohon segera dibaca.",
                    url=surat_url(surat.pk),
                    surat=surat,
                    kunci=f"segera:surat:{surat.pk}",
                )
            )
    return count


# ---------------------------------------------------------------- structure (organisasi.signals)


def penugasan_created(*, penugasan_id: int, actor_id: int | None = None, **signal: object) -> None:
    """A Plt/Plh was appointed: the appointee, the definitive holder (Plh) and every admin Pemda hear
    of it, so an appointment (even one an admin gives itself) never goes unseen. Not the actor."""
    tugas = Penugasan.objects.select_related("pegawai", "jabatan__pemangku__user").get(pk=penugasan_id)
    jabatan = f"{tugas.singkatan} {tugas.jabatan}"
    masa = f"{_tanggal(tugas.mulai)} s.d. {_tanggal(tugas.selesai)}"
    sk = f" Nomor surat perintah: {tugas.nomor_sk}." if tugas.nomor_sk else ""
    url = reverse("organisasi:struktur")
    kunci = f"penugasan:{tugas.pk}"
    skip = [actor_id]
    notify(
        event=Event.PENUGASAN_PLT_PLH,
        penerima=[(tugas.pegawai, tugas.jabatan_id)],
        judul=f"Anda ditunjuk sebagai {jabatan}",
        pesan=f"Berlaku {masa}.{sk} Selama itu Anda menerima surat dan disposisi untuk jabatan ini.",
        url=url,
        kunci=kunci,
        kecuali=skip,
    )
    holder = getattr(tugas.jabatan, "pemangku", None)
    others: dict[int, tuple[Pegawai, int | None]] = {}
    if tugas.jenis == Penugasan.Jenis.PLH and holder is not None and holder.user.is_active:
        others[holder.pk] = (holder, tugas.jabatan_id)
    admins = Pegawai.objects.filter(
        Q(peran__jenis=Peran.Jenis.ADMIN_PEMDA) | Q(user__is_superuser=True), user__is_active=True
    ).distinct()
    for admin in admins:
        others.setdefault(admin.pk, (admin, None))
    others.pop(tugas.pegawai_id, None)
    notify(
        event=Event.PENUGASAN_PLT_PLH,
        penerima=others.values(),
        judul=f"{tugas.pegawai} ditunjuk sebagai {jabatan}",
        pesan=f"Berlaku {masa}.{sk} Periksa di halaman Struktur Organisasi bila penunjukan ini tidak benar.",
        url=url,
        kunci=kunci,
        kecuali=skip,
    )
