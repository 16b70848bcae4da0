"""What the structure announces once a change is committed. organisasi.services sends these with
lib.signals.send_on_commit (send_robust after commit); other apps connect receivers in their
AppConfig.ready(). Arguments are ids: a receiver reads what it needs.

- `penugasan_dibuat(penugasan_id, actor_id)`: a Plt/Plh was appointed (actor_id None for a system job).
  notifikasi tells the appointee, the holder and every admin Pemda.
"""

from django.dispatch import Signal

penugasan_dibuat = Signal()

# `kewenangan_berubah(pegawai_id, actor_id, judul, pesan, url, url_admin)`: what could hand one person
# another's authority changed or was proposed for approval (the post held, a role, the account's
# e-mail). Sent by organisasi.kabar.kewenangan (outbox); notifikasi tells the pegawai (linking `url`)
# and every admin Pemda (linking `url_admin`).
kewenangan_berubah = Signal()
