import pytest
from django.core.exceptions import ValidationError

from organisasi.nip import format_nip, validate_nip


def test_valid_nip_with_spaces_is_normalized():
    assert validate_nip("19860926 201505 1 001") == "198609262015051001"


def test_pppk_month_21_is_accepted():
    assert validate_nip("199001012021211003") == "199001012021211003"


@pytest.mark.parametrize(
    "nip, code",
    [
        ("1986092620150510", "nip_length"),
        ("19860931 201505 1 001", "nip_lahir"),  # 31 September
        ("19860926 201513 1 001", "nip_tmt"),  # month 13
        ("19860926 201505 3 001", "nip_jk"),
        ("19860926 201505 1 000", "nip_urut"),
        ("19860926 199005 1 001", "nip_tmt"),  # started work at age 3
        ("abcdefghijklmnopqr", "nip_length"),
    ],
)
def test_invalid_nip_is_rejected_with_reason(nip, code):
    with pytest.raises(ValidationError) as exc:
        validate_nip(nip)
    assert exc.value.code == code
    assert "NIP" in exc.value.messages[0]


def test_format_nip_prints_with_spaces():
    assert format_nip("198609262015051001") == "19860926 201505 1 001"
