"""The notifications app: in ready(), notices follow what other apps announce (their signals.py)."""

from django.apps import AppConfig

from lib.signals import connect


class NotifikasiConfig(AppConfig):
    name = "notifikasi"
    verbose_name = "Notifikasi"

    def ready(self) -> None:
        """Connect the receivers: what other apps announce becomes notices; new notices are delivered."""
        from audit import signals as audit_signals
        from disposisi import signals as disposisi_signals
        from notifikasi import keamanan, sertifikat, signals, tasks, triggers
        from organisasi import signals as organisasi_signals
        from surat import signals as surat_signals
        from tte import signals as tte_signals

        connect(
            "notifikasi",
            [
                (signals.notifikasi_dibuat, tasks.deliver),
                (surat_signals.surat_diajukan, triggers.draft_needs_action),
                (surat_signals.surat_diparaf, triggers.draft_needs_action),
                (surat_signals.surat_dikembalikan, triggers.draft_returned),
                (surat_signals.surat_diterima, triggers.letter_arrived),
                (surat_signals.surat_dibuka, triggers.letter_opened),
                (surat_signals.surat_dikoreksi, triggers.letter_corrected),
                (disposisi_signals.disposisi_diterima, triggers.disposition_received),
                (disposisi_signals.laporan_dikirim, triggers.report_submitted),
                (disposisi_signals.disposisi_dibatalkan, triggers.disposition_cancelled),
                (disposisi_signals.disposisi_dibuka, triggers.disposition_opened),
                (organisasi_signals.penugasan_dibuat, triggers.penugasan_created),
                (audit_signals.rantai_rusak, keamanan.rantai_audit_rusak),
                (organisasi_signals.kewenangan_berubah, keamanan.perubahan_kewenangan),
                (tte_signals.permohonan_diajukan, sertifikat.permohonan_diajukan),
                (tte_signals.permohonan_diputus, sertifikat.permohonan_diputus),
                (tte_signals.sertifikat_segera_berakhir, sertifikat.sertifikat_segera_berakhir),
            ],
        )
