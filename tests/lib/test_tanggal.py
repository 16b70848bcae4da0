"""lib.tanggal prints dates exactly as the template filter `date` does, in every language and time zone."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from lib.tanggal import tanggal

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
UTC = datetime.UTC


@pytest.mark.parametrize("bahasa", ["id", "en"])
@pytest.mark.parametrize(
    "nilai",
    [
        datetime.date(2026, 5, 1),
        datetime.date(2026, 8, 17),
        datetime.date(2027, 12, 31),
        datetime.datetime(2026, 11, 28, 23, 5, tzinfo=UTC),  # already 29 November in Jakarta
        datetime.datetime(2026, 2, 3, 7, 9, tzinfo=JAKARTA),
    ],
)
def test_dates_print_as_the_date_filter_does(nilai, bahasa):
    with translation.override(bahasa):
        pola = ["j M Y", "j F Y"] + (["j M Y, H.i", "j F Y, H.i"] if isinstance(nilai, datetime.datetime) else [])
        filter_ = Template("|".join(f'{{{{ v|date:"{p}" }}}}' for p in pola))
        diharapkan = filter_.render(Context({"v": nilai})).split("|")
        kita = [tanggal(nilai), tanggal(nilai, panjang=True)]
        if isinstance(nilai, datetime.datetime):
            kita += [tanggal(nilai, jam=True), tanggal(nilai, jam=True, panjang=True)]
        assert kita == diharapkan
    assert tanggal(None) == ""
