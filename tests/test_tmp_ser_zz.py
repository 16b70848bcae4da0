import time
import pytest
from django.db import connection

def test_ser(transactional_db, django_db_serialized_rollback):
    s = connection._test_serialized_contents
    print("len", len(s))
    from surat.models import JenisSurat; print("jenis", JenisSurat.objects.count())
    t=time.monotonic(); connection.creation.deserialize_db_from_string(s); print("deser", time.monotonic()-t)
