"""What the dispositions announce once a change is committed. disposisi.services sends these with
lib.signals.send_on_commit (send_robust after commit); other apps connect receivers in their
AppConfig.ready(). Arguments are ids: a receiver reads what it needs. notifikasi listens to all of them.

- `disposisi_diterima(disposisi_id)`: a disposition reached its recipient jabatan (once per recipient).
- `disposisi_dibatalkan(disposisi_id)`: the giver cancelled it.
- `laporan_dikirim(laporan_id)`: the recipient reported on it.
- `disposisi_dibuka(disposisi_id, pegawai_id)`: someone opened its page (sent at once: opening is a
  read); notifikasi marks that pegawai's notices about it read.
"""

from django.dispatch import Signal

disposisi_diterima = Signal()
disposisi_dibatalkan = Signal()
laporan_dikirim = Signal()
disposisi_dibuka = Signal()
