"""The audit chain becomes keyed (HMAC under AUDIT_HMAC_KEY) and, on PostgreSQL, append-only.

Existing rows were chained with plain SHA-256: they are checked under the old rule first and, when
intact, re-sealed under the key. A chain that is already broken stops the migration: it must be looked
at, not laundered. Then a trigger refuses every UPDATE and DELETE of audit_auditevent (PostgreSQL
only; SQLite is the single-user demo)."""

import hashlib
import hmac
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations

GENESIS = "0" * 64

TRIGGER = """
CREATE OR REPLACE FUNCTION audit_tolak_ubah() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Catatan audit tidak boleh diubah atau dihapus (%).', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_auditevent_tolak_ubah ON audit_auditevent;
CREATE TRIGGER audit_auditevent_tolak_ubah BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_tolak_ubah();
"""
HAPUS_TRIGGER = """
DROP TRIGGER IF EXISTS audit_auditevent_tolak_ubah ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_tolak_ubah();
"""


def _payload(e) -> str:
    fields = {
        "waktu": e.waktu.isoformat(),
        "actor": e.actor_id,
        "actor_label": e.actor_label,
        "aksi": e.aksi,
        "objek_tipe": e.objek_tipe,
        "objek_id": e.objek_id,
        "data": e.data,
    }
    return json.dumps(fields, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)


def reseal(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditHead = apps.get_model("audit", "AuditHead")
    key = settings.AUDIT_HMAC_KEY.encode()
    prev_old, prev_new = GENESIS, GENESIS
    for e in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        payload = _payload(e)
        if e.prev_hash != prev_old or e.hash != hashlib.sha256((prev_old + payload).encode()).hexdigest():
            raise RuntimeError(f"Rantai audit sudah rusak pada catatan #{e.pk}; periksa sebelum migrasi.")
        prev_old = e.hash
        new = hmac.new(key, (prev_new + payload).encode(), hashlib.sha256).hexdigest()
        AuditEvent.objects.filter(pk=e.pk).update(prev_hash=prev_new, hash=new)
        prev_new = new
    AuditHead.objects.filter(pk=1).update(last_hash=prev_new)


def trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER, params=None)


def hapus_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(HAPUS_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(reseal, migrations.RunPython.noop),
        migrations.RunPython(trigger, hapus_trigger),
    ]
