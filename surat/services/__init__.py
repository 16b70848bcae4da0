"""Every change to a letter, one module per stage of its life:

- base        the table of allowed status moves and `surat_transition` (the one place a status moves),
              the row lock, access grants, SuratLog/audit writers, `_announce` (surat/signals.py)
- validation  extra fields per kind, choices, a.n./u.b., completeness for a submission
- drafting    create, change and delete a KONSEP (addressees, paraf chain)
- lampiran    attachments of a draft, scans of a registered paper letter
- paraf       submit (a SuratVersi each time), paraf in order, return with a note
- signing     sign (number, date, frozen signature block, delivery) or return
- delivery    inboxes and agenda lines at signing, read receipts, "acted on", external delivery
- paper       the pencatat registers a paper letter from outside
- replies     a recipient starts a reply
- koreksi     the drafting OPD starts a ralat or pencabutan of a signed letter; signing it marks the old one

Each service takes keyword arguments with the acting pegawai first, resolves who acts where under its
transaction (organisasi.acting.fresh), checks permission, validates, writes in one transaction, records
an audit event and a SuratLog row, and announces what happened after commit (surat/signals.py, sent with
send_robust). Errors: PermissionDenied, ValidationError keyed by field (Indonesian), InvalidTransition. The names below are the package's public surface; callers import them from
`surat.services`.
"""

from lib.errors import InvalidTransition
from surat.services.base import ALLOWED, MAKS_VERIFIKATOR, surat_transition
from surat.services.delivery import eksternal_sent, mark_ditindaklanjuti, mark_read
from surat.services.drafting import (
    surat_create,
    surat_delete,
    surat_set_penerima,
    surat_set_verifikator,
    surat_update,
)
from surat.services.koreksi import koreksi_mulai
from surat.services.lampiran import lampiran_add, lampiran_remove
from surat.services.paper import register_paper_letter
from surat.services.paraf import paraf_approve, paraf_return, snapshot, surat_submit
from surat.services.replies import balas
from surat.services.signing import sign, signer_return
from surat.services.validation import validate_data_tambahan

__all__ = [
    "ALLOWED",
    "InvalidTransition",
    "MAKS_VERIFIKATOR",
    "balas",
    "eksternal_sent",
    "koreksi_mulai",
    "lampiran_add",
    "lampiran_remove",
    "mark_ditindaklanjuti",
    "mark_read",
    "paraf_approve",
    "paraf_return",
    "register_paper_letter",
    "sign",
    "signer_return",
    "snapshot",
    "surat_create",
    "surat_delete",
    "surat_set_penerima",
    "surat_set_verifikator",
    "surat_submit",
    "surat_transition",
    "surat_update",
    "validate_data_tambahan",
]
