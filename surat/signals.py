"""What the letters announce once a change is committed. surat.services sends these with
outbox.services.send_on_commit (stored with the change, sent with send_robust after commit, so a failing
receiver is logged and never undoes or breaks the letter's change, and beat sends it again), except
`surat_dibuka`, sent with lib.signals.send_on_commit: it is announced on every opening of a letter, only
marks notices read and is repeated by the next opening (surat.services.mark_read). Other apps connect
receivers in their AppConfig.ready(). Every signal carries `surat_id`: a receiver reads what it needs.

- `surat_diajukan`: a draft was submitted (the first verifikator's, or the signer's, turn).
- `surat_diparaf`: a verifikator initialled it (the next one's, or the signer's, turn).
- `surat_dikembalikan`: a verifikator or the signer returned it to its drafter.
- `surat_ditandatangani`: it was signed and numbered.
- `surat_dicatat`: the pencatat registered a paper letter from outside.
- `surat_diterima`: it reached the internal inboxes (after signing, or registering a paper letter).
- `lampiran_ditambah` (also `lampiran_id`): a scan was added to a registered letter.
- `surat_dikoreksi`: a correction of it (ralat or pencabutan) was signed; `dikoreksi_oleh` names it.
- `surat_dibuka` (also `pegawai_id`): someone who may read it opened its page (their notices about it
  count as read).
- `akses_berubah`: who may open it changed outside the letter's own flow (disposisi.services gave or
  cancelled a disposition); the search index copies the access keys.

Listeners: notifikasi (notices: turn to initial or sign, returned, arrived, read), arsip (search index and
attachment text).
"""

from django.dispatch import Signal

surat_diajukan = Signal()
surat_diparaf = Signal()
surat_dikembalikan = Signal()
surat_ditandatangani = Signal()
surat_dicatat = Signal()
surat_diterima = Signal()
lampiran_ditambah = Signal()
surat_dikoreksi = Signal()
surat_dibuka = Signal()
akses_berubah = Signal()
