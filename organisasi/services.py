"""Every change to the structure: units, jabatan, pegawai, Plt/Plh assignments and roles.

Each service takes the acting pegawai (None for system jobs such as seed_demo and the CSV import,
which run with shell access), checks permission, validates, writes in one transaction and records an
audit event. Validation problems raise ValidationError with Indonesian messages keyed by field, so
forms can show them next to the field.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.services import record
from organisasi import kabar, penerapan, permissions, persetujuan, signals
from organisasi.models import PERAN_TANPA_OPD, Jabatan, Pegawai, PengajuanKewenangan, Penugasan, Peran, UnitKerja
from organisasi.nip import validate_nip
from outbox.services import send_on_commit

User = get_user_model()

PLH_MAKS_BULAN = 3
# Roles whose reach is the whole Pemda: only an admin Pemda gives or takes them, and only an admin Pemda
# edits the account of someone who holds one (else an admin OPD could redirect its password reset).
PERAN_PEMDA = {Peran.Jenis.ADMIN_PEMDA, Peran.Jenis.ARSIPARIS, Peran.Jenis.ADMIN_TTE}
PLT_MAKS_BULAN = 12
# Who holds a post that signs or heads a unit decides who signs letters and disposes incoming mail: an
# admin Pemda moves people into or out of such posts at once; an admin OPD only proposes it
# (organisasi.persetujuan), and a second person approves (else an admin OPD could move its Kepala aside and
# take the post itself). The holder and admin Pemda are told.
KEWENANGAN_JABATAN = ("is_kepala_unit", "dapat_menandatangani")
PINDAH_PEJABAT = (
    "Pemangku jabatan kepala unit atau jabatan penandatangan hanya dapat diganti oleh Admin Pemda. "
    "Ajukan perubahan ini kepada Admin Pemda."
)
# Pegawai fields whose old and new values the audit keeps (NIK is shown masked in the UI; kept too).
DICATAT = ("nip", "nik", "gelar_depan", "nama", "gelar_belakang", "pangkat", "email", "telepon", "jabatan_id")


def _oleh_admin_pemda(actor: Pegawai | None) -> bool:
    return actor is None or permissions.is_admin_pemda(actor)


def _kunci(jabatan_id: int | None) -> Jabatan | None:
    """The post when it signs or heads a unit, else None."""
    if not jabatan_id:
        return None
    jabatan = Jabatan.objects.filter(pk=jabatan_id).first()
    return jabatan if jabatan and (jabatan.is_kepala_unit or jabatan.dapat_menandatangani) else None


def _check(actor: Pegawai | None, opd_id: int | None) -> None:
    """System jobs (actor None) are trusted; people need the right to manage that OPD."""
    if actor is not None:
        permissions.require_manage_opd(actor, opd_id)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


# ---------------------------------------------------------------- units


def _apply_fields(obj: Any, fields: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _loops_back(obj: UnitKerja | Jabatan, parent: str) -> bool:
    """True when climbing `parent` (induk, atasan) from `obj` reaches `obj` again, or any circle."""
    node, seen = getattr(obj, parent), set()
    while node is not None:
        if node.pk == obj.pk or node.pk in seen:
            return True
        seen.add(node.pk)
        node = getattr(node, parent)
    return False


def _validate_unit(unit: UnitKerja) -> None:
    errors: dict[str, str] = {}
    if unit.is_opd and not unit.kode.strip():
        errors["kode"] = "Kode surat wajib diisi untuk OPD (misalnya DISKOMINFOSP)."
    if unit.is_opd and unit.kode:
        clash = UnitKerja.objects.filter(is_opd=True, kode__iexact=unit.kode).exclude(pk=unit.pk)
        if clash.exists():
            errors["kode"] = f"Kode {unit.kode} sudah dipakai oleh {clash.first()}."
    if not unit.is_opd and unit.induk_id is None and unit.jenis != UnitKerja.Jenis.PEMDA:
        errors["induk"] = "Unit yang bukan OPD harus berada di bawah unit induk."
    if _loops_back(unit, "induk"):
        errors["induk"] = "Unit induk tidak boleh unit ini sendiri atau bawahannya."
    if errors:
        raise ValidationError(errors)


def _opd_for(unit: UnitKerja) -> UnitKerja | None:
    node: UnitKerja | None = unit
    while node is not None:
        if node.is_opd:
            return node
        node = node.induk
    return None


def _refresh_opd_below(unit: UnitKerja) -> None:
    """Re-derive `opd` for a unit and its whole subtree after a move or an is_opd change."""
    stack = [unit]
    while stack:
        node = stack.pop()
        opd = _opd_for(node)
        if node.opd_id != (opd.pk if opd else None):
            UnitKerja.objects.filter(pk=node.pk).update(opd=opd)
            node.opd = opd
        stack.extend(node.anak.all())


@transaction.atomic
def unit_create(*, actor: Pegawai | None, **fields: Any) -> UnitKerja:
    """Admin Pemda creates any unit; an admin OPD creates parts of its own OPD only (never an OPD)."""
    unit = UnitKerja(**fields)
    if unit.kode:
        unit.kode = unit.kode.strip().upper()
    if actor is not None and not permissions.is_admin_pemda(actor):
        if unit.is_opd or unit.induk is None:
            raise PermissionDenied("Hanya Admin Pemda yang boleh membuat OPD baru.")
        _check(actor, unit.induk.opd_id)
    _validate_unit(unit)
    unit.save()
    _refresh_opd_below(unit)
    record(actor=actor, aksi="unit.buat", objek=unit, nama=unit.nama, induk=unit.induk_id)
    return unit


@transaction.atomic
def unit_update(*, actor: Pegawai | None, unit: UnitKerja, **fields: Any) -> UnitKerja:
    """Edit a unit. An admin OPD may edit its own OPD's units but not move them out or make OPDs."""
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    _check(actor, unit.opd_id)
    if "kode" in fields and fields["kode"]:
        fields["kode"] = fields["kode"].strip().upper()
    changed = _apply_fields(unit, fields)
    if actor is not None and not permissions.is_admin_pemda(actor):
        if {"is_opd"} & set(changed) or (unit.is_opd and "induk" in changed):
            raise PermissionDenied("Hanya Admin Pemda yang boleh mengubah status OPD.")
        if "induk" in changed:
            _check(actor, unit.induk.opd_id if unit.induk else None)
    _validate_unit(unit)
    unit.save()
    if {"induk", "is_opd"} & set(changed):
        _refresh_opd_below(unit)
    record(actor=actor, aksi="unit.ubah", objek=unit, diubah=changed)
    return unit


# ---------------------------------------------------------------- jabatan


def _validate_jabatan(jabatan: Jabatan) -> None:
    errors: dict[str, str] = {}
    if jabatan.is_kepala_unit:
        other = (
            Jabatan.objects.filter(unit=jabatan.unit, is_kepala_unit=True, aktif=True).exclude(pk=jabatan.pk).first()
        )
        if other:
            errors["is_kepala_unit"] = f"Unit ini sudah punya kepala: {other}."
    if _loops_back(jabatan, "atasan"):
        errors["atasan"] = "Atasan tidak boleh jabatan ini sendiri atau bawahannya."
    if errors:
        raise ValidationError(errors)


def _check_atasan(actor: Pegawai | None, jabatan: Jabatan) -> None:
    """A new atasan must lie in an OPD the actor manages: the atasan decides how far dispositions reach,
    so linking a post to another OPD's chain (e.g. a Kepala Dinas to the Sekda) is for an admin Pemda."""
    if actor is None or jabatan.atasan_id is None:
        return
    if not permissions.can_manage_opd(actor, jabatan.atasan.unit.opd_id):
        raise ValidationError(
            {"atasan": "Atasan di OPD lain hanya dapat diatur oleh Admin Pemda. Pilih atasan dari OPD Anda."}
        )


@transaction.atomic
def jabatan_create(*, actor: Pegawai | None, **fields: Any) -> Jabatan:
    """Create a position in a unit the actor manages."""
    jabatan = Jabatan(**fields)
    _check(actor, jabatan.unit.opd_id)
    _check_atasan(actor, jabatan)
    _validate_jabatan(jabatan)
    jabatan.save()
    record(actor=actor, aksi="jabatan.buat", objek=jabatan, nama=jabatan.nama, unit=jabatan.unit_id)
    return jabatan


@transaction.atomic
def jabatan_update(*, actor: Pegawai | None, jabatan: Jabatan, **fields: Any) -> Jabatan:
    """Edit a position; moving it to another OPD needs the right over both."""
    jabatan = Jabatan.objects.select_for_update().select_related("unit").get(pk=jabatan.pk)
    _check(actor, jabatan.unit.opd_id)
    sebelum = {name: getattr(jabatan, name) for name in KEWENANGAN_JABATAN}
    changed = _apply_fields(jabatan, fields)
    if "unit" in changed:
        _check(actor, jabatan.unit.opd_id)
    if "atasan" in changed:
        _check_atasan(actor, jabatan)
    kewenangan = set(KEWENANGAN_JABATAN) & set(changed)
    holder = Pegawai.objects.filter(jabatan=jabatan).first()
    if kewenangan and holder is not None and not _oleh_admin_pemda(actor):
        # Else an admin OPD could make its own post a signing one, or its head's post a plain one.
        raise ValidationError({name: PINDAH_PEJABAT for name in kewenangan})
    _validate_jabatan(jabatan)
    jabatan.save()
    perubahan = {name: [sebelum[name], getattr(jabatan, name)] for name in kewenangan}
    record(actor=actor, aksi="jabatan.ubah", objek=jabatan, diubah=changed, perubahan=perubahan)
    if kewenangan and holder is not None:
        kabar.kewenangan(holder, actor, "Kewenangan jabatan Anda diubah", f"{actor or 'Sistem'} mengubah {jabatan}.")
    return jabatan


# ---------------------------------------------------------------- pegawai


def _clean_pegawai(pegawai: Pegawai, errors: dict[str, str]) -> None:
    if pegawai.nip:
        try:
            pegawai.nip = validate_nip(pegawai.nip)
        except ValidationError as exc:
            errors["nip"] = exc.messages[0]
        else:
            if Pegawai.objects.filter(nip=pegawai.nip).exclude(pk=pegawai.pk).exists():
                errors["nip"] = "NIP ini sudah terdaftar untuk pegawai lain."
    else:
        pegawai.nip = None
    if pegawai.nik and not (pegawai.nik.isdigit() and len(pegawai.nik) == 16):
        errors["nik"] = "NIK harus 16 angka."
    if not pegawai.nama.strip():
        errors["nama"] = "Nama wajib diisi."
    if pegawai.jabatan_id and (holder := penerapan.pemangku_lain(pegawai.jabatan_id, pegawai.pk)):
        errors["jabatan"] = f"Jabatan ini sudah dipangku oleh {holder}. Pindahkan dulu pemangkunya."


@transaction.atomic
def pegawai_create(*, actor: Pegawai | None, username: str = "", password: str | None = None, **fields: Any) -> Pegawai:
    """Create a pegawai and its login. An admin OPD must place the new pegawai in its own OPD."""
    pegawai = Pegawai(**fields)
    if actor is not None and not permissions.is_admin_pemda(actor) and not pegawai.jabatan_id:
        raise ValidationError({"jabatan": "Pilih jabatan di OPD Anda untuk pegawai baru."})
    if pegawai.jabatan_id:
        _check(actor, penerapan.pegawai_opd_id(pegawai))
    else:
        _check(actor, None)
    errors: dict[str, str] = {}
    if _kunci(pegawai.jabatan_id) and not _oleh_admin_pemda(actor):
        errors["jabatan"] = PINDAH_PEJABAT
    _clean_pegawai(pegawai, errors)
    username = (username or pegawai.nip or "").strip()
    if not username:
        errors.setdefault("username", "Isi nama pengguna atau NIP.")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = "Nama pengguna ini sudah dipakai."
    if errors:
        raise ValidationError(errors)
    user = User(username=username, email=pegawai.email, first_name=pegawai.nama[:150])
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    pegawai.user = user
    pegawai.save()
    record(actor=actor, aksi="pegawai.buat", objek=pegawai, nip=pegawai.nip, jabatan=pegawai.jabatan_id)
    return pegawai


@transaction.atomic
def pegawai_update(*, actor: Pegawai | None, pegawai: Pegawai, **fields: Any) -> Pegawai:
    """Edit a pegawai. An admin OPD edits its own staff and may only move them to its own jabatan; moving
    someone into or out of a post that signs or heads a unit, or changing such a holder's e-mail, it only
    proposes (the returned pegawai's `pengajuan` lists the requests made; the rest is saved at once)."""
    pegawai = Pegawai.objects.select_for_update(of=("self",)).select_related("jabatan__unit", "user").get(pk=pegawai.pk)
    if actor is None or actor.pk != pegawai.pk or set(fields) - {"email", "telepon"}:
        # People may update their own contact data; everything else is an admin's job.
        _check(actor, penerapan.pegawai_opd_id(pegawai))
        if actor is not None and actor.pk != pegawai.pk and not permissions.is_admin_pemda(actor):
            berkuasa = pegawai.user.is_superuser or pegawai.user.is_staff
            if berkuasa or pegawai.peran.filter(jenis__in=PERAN_PEMDA).exists():
                raise PermissionDenied("Data pegawai ini hanya dapat diubah oleh Admin Pemda.")
    email_baru = (fields.pop("email") or "").strip() if "email" in fields else pegawai.email
    sebelum = {name: getattr(pegawai, name) for name in DICATAT}
    jabatan_lama = pegawai.jabatan_id
    _apply_fields(pegawai, fields)
    errors: dict[str, str] = {}
    ditahan, jabatan_diajukan = False, None  # the move waits for a second person
    if pegawai.jabatan_id != jabatan_lama:
        if pegawai.jabatan_id:
            _check(actor, Jabatan.objects.select_related("unit").get(pk=pegawai.jabatan_id).unit.opd_id)
        if (_kunci(jabatan_lama) or _kunci(pegawai.jabatan_id)) and not _oleh_admin_pemda(actor):
            ditahan, jabatan_diajukan = True, pegawai.jabatan
            _clean_pegawai(pegawai, errors)  # a post already held is refused now, not at approval
            pegawai.jabatan_id = jabatan_lama
    _clean_pegawai(pegawai, errors)
    if errors:
        raise ValidationError(errors)
    pegawai.save()
    # Compared after cleaning, so a NIP typed with spaces is not recorded as a change.
    perubahan = {n: [sebelum[n], getattr(pegawai, n)] for n in DICATAT if sebelum[n] != getattr(pegawai, n)}
    changed = [n.removesuffix("_id") for n in perubahan]
    if changed:
        record(actor=actor, aksi="pegawai.ubah", objek=pegawai, diubah=changed, perubahan=perubahan)
    if "jabatan" in changed:
        penerapan.kabari_pindah(pegawai, actor)
    pegawai.pengajuan = []
    if ditahan:
        pegawai.pengajuan.append(persetujuan.ajukan_jabatan(actor=actor, pegawai=pegawai, jabatan=jabatan_diajukan))
    pegawai.email_menunggu = None
    if email_baru != pegawai.email:
        if actor is not None and actor.pk != pegawai.pk and _kunci(pegawai.jabatan_id) and not _oleh_admin_pemda(actor):
            pegawai.pengajuan.append(persetujuan.ajukan_email(actor=actor, pegawai=pegawai, baru=email_baru))
        else:
            penerapan.ganti_email(actor, pegawai, email_baru)
    return pegawai


# ---------------------------------------------------------------- Plt / Plh


def _validate_penugasan(p: Penugasan) -> None:
    errors: dict[str, str] = {}
    if p.mulai and p.selesai and p.selesai < p.mulai:
        errors["selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
    elif p.mulai and p.selesai:
        bulan = PLH_MAKS_BULAN if p.jenis == Penugasan.Jenis.PLH else PLT_MAKS_BULAN
        batas = add_months(p.mulai, bulan) - datetime.timedelta(days=1)
        if p.selesai > batas:
            lama = "3 bulan" if p.jenis == Penugasan.Jenis.PLH else "1 tahun"
            errors["selesai"] = f"{p.singkatan} paling lama {lama}: tanggal selesai paling lambat {batas:%d-%m-%Y}."
    holder = getattr(p.jabatan, "pemangku", None) if p.jabatan_id else None
    if holder is not None and holder.pk == p.pegawai_id:
        errors["pegawai"] = "Pegawai ini pemangku definitif jabatan tersebut."
    elif p.jenis == Penugasan.Jenis.PLT and holder is not None:
        errors["jenis"] = f"Plt. hanya untuk jabatan yang kosong; jabatan ini dipangku {holder}. Gunakan Plh."
    elif p.jenis == Penugasan.Jenis.PLH and holder is None:
        errors["jenis"] = "Plh. untuk pejabat yang berhalangan sementara; jabatan ini kosong. Gunakan Plt."
    if not errors:
        overlap = (
            Penugasan.objects.filter(jabatan_id=p.jabatan_id, mulai__lte=p.selesai, selesai__gte=p.mulai)
            .exclude(pk=p.pk)
            .select_related("pegawai")
            .first()
        )
        if overlap:
            errors["mulai"] = (
                f"Jabatan ini sudah punya {overlap.singkatan} {overlap.pegawai} "
                f"pada {overlap.mulai:%d-%m-%Y} s.d. {overlap.selesai:%d-%m-%Y}; tanggal tidak boleh bertumpuk."
            )
    if errors:
        raise ValidationError(errors)


def _fakta(penugasan: Penugasan) -> dict[str, Any]:
    """What the audit log keeps of an assignment."""
    return {
        "pegawai": penugasan.pegawai_id,
        "jabatan": penugasan.jabatan_id,
        "mulai": penugasan.mulai,
        "selesai": penugasan.selesai,
    }


@transaction.atomic
def penugasan_create(*, actor: Pegawai | None, **fields: Any) -> Penugasan:
    """Appoint a Plt/Plh. The jabatan row is locked so two admins cannot create overlapping ones.
    After commit, signals.penugasan_dibuat is sent (notifikasi tells the appointee, the holder and admin Pemda)."""
    penugasan = Penugasan(**fields)
    jabatan = Jabatan.objects.select_for_update().select_related("unit").get(pk=penugasan.jabatan_id)
    penugasan.jabatan = jabatan
    _check(actor, jabatan.unit.opd_id)
    if actor is not None and penugasan.pegawai_id == actor.pk and _kunci(jabatan.pk) and not _oleh_admin_pemda(actor):
        # An admin OPD appointing itself Plt/Plh of its Kepala would sign and dispose in the Kepala's name.
        raise ValidationError({"pegawai": PINDAH_PEJABAT})
    _validate_penugasan(penugasan)
    penugasan.save()
    record(actor=actor, aksi="penugasan.buat", objek=penugasan, jenis=penugasan.jenis, **_fakta(penugasan))
    send_on_commit(
        signals.penugasan_dibuat, sender=Penugasan, penugasan_id=penugasan.pk, actor_id=actor.pk if actor else None
    )
    return penugasan


@transaction.atomic
def penugasan_update(*, actor: Pegawai | None, penugasan: Penugasan, **fields: Any) -> Penugasan:
    """Change an assignment's dates or holder (e.g. end a Plh early)."""
    Jabatan.objects.select_for_update().filter(pk=penugasan.jabatan_id).exists()
    penugasan = Penugasan.objects.select_related("jabatan__unit").get(pk=penugasan.pk)
    _check(actor, penugasan.jabatan.unit.opd_id)
    changed = _apply_fields(penugasan, fields)
    if "jabatan" in changed:
        _check(actor, Jabatan.objects.select_related("unit").get(pk=penugasan.jabatan_id).unit.opd_id)
    _validate_penugasan(penugasan)
    penugasan.save()
    record(actor=actor, aksi="penugasan.ubah", objek=penugasan, diubah=changed)
    return penugasan


@transaction.atomic
def penugasan_delete(*, actor: Pegawai | None, penugasan: Penugasan) -> None:
    """Withdraw an assignment entered by mistake."""
    _check(actor, penugasan.jabatan.unit.opd_id)
    record(actor=actor, aksi="penugasan.hapus", objek=penugasan, **_fakta(penugasan))
    penugasan.delete()


# ---------------------------------------------------------------- roles


@transaction.atomic
def peran_grant(
    *, actor: Pegawai | None, pegawai: Pegawai, jenis: str, opd: UnitKerja | None = None
) -> Peran | PengajuanKewenangan:
    """Give a role. Pemda-wide roles (admin Pemda, Unit Kearsipan) only by an admin Pemda; OPD roles by
    whoever manages that OPD, and only to that OPD's own staff. Admin Pemda and Admin TTE have no OPD.
    An admin OPD only proposes an OPD role (a PengajuanKewenangan is returned): else it could make itself
    pencatat (reading all incoming mail) or raise a puppet admin."""
    if jenis in PERAN_PEMDA and actor is not None:
        permissions.require_admin_pemda(actor)
    if jenis in PERAN_TANPA_OPD:
        opd = None
    else:
        if opd is None or not opd.is_opd:
            raise ValidationError({"opd": "Pilih OPD untuk peran ini."})
        _check(actor, opd.pk)
        if actor is not None and not permissions.is_admin_pemda(actor) and penerapan.pegawai_opd_id(pegawai) != opd.pk:
            raise ValidationError({"pegawai": "Peran OPD hanya dapat diberikan kepada pegawai OPD tersebut."})
    peran = Peran.objects.filter(pegawai=pegawai, jenis=jenis, opd=opd).first()
    if peran is not None:
        return peran
    if not _oleh_admin_pemda(actor):
        return persetujuan.ajukan_peran(actor=actor, pegawai=pegawai, jenis=jenis, opd=opd)
    return penerapan.beri_peran(actor, pegawai, jenis, opd)


@transaction.atomic
def peran_revoke(*, actor: Pegawai | None, peran: Peran) -> None:
    """Take a role away (same rights as giving it)."""
    if peran.jenis in PERAN_PEMDA:
        if actor is not None:
            permissions.require_admin_pemda(actor)
    else:
        _check(actor, peran.opd_id)
    record(actor=actor, aksi="peran.cabut", objek=peran, pegawai=peran.pegawai_id, jenis=peran.jenis, opd=peran.opd_id)
    peran.delete()
