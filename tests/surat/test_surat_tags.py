"""surat_tags.lencana_sifat: the urgency and security badges every list row and the Beranda print."""

import pytest

from surat.models import Surat
from surat.templatetags.surat_tags import lencana_sifat


@pytest.mark.parametrize(
    ("urgensi", "keamanan", "diharapkan"),
    [
        ("biasa", "biasa", ""),
        (
            "amat_segera",
            "biasa",
            '<span class="badge fs-6 text-bg-danger"><i class="bi bi-lightning-charge-fill" aria-hidden="true"></i> '
            "Amat Segera</span>",
        ),
        (
            "segera",
            "terbatas",
            '<span class="badge fs-6 text-bg-warning"><i class="bi bi-clock-fill" aria-hidden="true"></i> Segera</span>'
            '<span class="badge fs-6 text-bg-secondary">Terbatas</span>',
        ),
        (
            "biasa",
            "sangat_rahasia",
            '<span class="badge fs-6 text-bg-dark"><i class="bi bi-lock-fill" aria-hidden="true"></i> Sangat Rahasia</span>',
        ),
    ],
)
def test_badges_of_a_letter(urgensi, keamanan, diharapkan):
    assert lencana_sifat(Surat(urgensi=urgensi, keamanan=keamanan)) == diharapkan
