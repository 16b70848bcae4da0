"""What the tte app announces once a change is committed (sent with lib.signals.send_on_commit; other
apps connect receivers in their AppConfig.ready(); arguments are ids):

- `permohonan_diajukan(permohonan_id)`: a signer asked for a certificate; notifikasi tells every Admin TTE.
- `permohonan_diputus(permohonan_id)`: the Admin TTE approved or refused it; notifikasi tells the signer.
- `sertifikat_segera_berakhir(sertifikat_id, hari)`: the daily check found a certificate ending within
  `hari` (30 or 7) days; notifikasi tells the holder once per certificate and `hari`.
"""

from django.dispatch import Signal

permohonan_diajukan = Signal()
permohonan_diputus = Signal()
sertifikat_segera_berakhir = Signal()
