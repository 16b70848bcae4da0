"""lib.rencana.urutan_tertulis: join_collapse_limit = 1 inside the block only, on PostgreSQL."""

import pytest
from django.db import connection, transaction

from lib.rencana import urutan_tertulis

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")


def _batas() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        return cursor.fetchone()[0]


def test_the_setting_holds_inside_the_block_and_ends_with_it_in_autocommit(transactional_db):
    semula = _batas()
    with urutan_tertulis():
        assert _batas() == "1"
    assert _batas() == semula != "1"


@pytest.mark.django_db
def test_inside_an_outer_transaction_it_ends_with_the_block_and_on_error_too():
    semula = _batas()
    with urutan_tertulis():
        assert _batas() == "1"
    assert _batas() == semula

    with pytest.raises(RuntimeError), urutan_tertulis():
        assert _batas() == "1"
        raise RuntimeError("gagal di tengah")
    assert _batas() == semula
    # The outer transaction is still usable.
    with transaction.atomic():
        assert _batas() == semula
