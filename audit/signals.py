"""What the audit app announces. `rantai_rusak(alasan)`: the scheduled check found the audit chain
broken; notifikasi alerts every admin Pemda."""

from django.dispatch import Signal

rantai_rusak = Signal()
