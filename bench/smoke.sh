#!/usr/bin/env bash
# CI smoke of the page benchmark (docs/performance.md): the demo city plus 20,000 letters in a scratch
# PostgreSQL database, then bench/bench_pages.py against gunicorn; fails when a read page's p95 exceeds
# EOFFICE_SMOKE_MAKS_RASIO (6; 0 turns the ratio gate off) times the floor's, or a page answers an
# error. About 3-5 minutes.
#   bench/smoke.sh            (EOFFICE_SMOKE_DB, EOFFICE_SMOKE_PORT, EOFFICE_SMOKE_SURAT to change)
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${EOFFICE_SMOKE_DB:-eoffice_smoke}"
PORT="${EOFFICE_SMOKE_PORT:-8114}"
SURAT="${EOFFICE_SMOKE_SURAT:-20000}"
URL="postgres://postgres@127.0.0.1:5432/$DB"
PG=(-h 127.0.0.1 -U postgres)
# The scratch database's local CA and audit chain are made with these; bench_pages.py serves with them.
export TTE_CA_PASSPHRASE="${TTE_CA_PASSPHRASE:-eoffice-bench-ca-7c1f0e2a9b}"
export AUDIT_HMAC_KEY="${AUDIT_HMAC_KEY:-eoffice-bench-audit-key-5d8e2b7f41c9a306}"

dropdb "${PG[@]}" --if-exists "$DB"
createdb "${PG[@]}" "$DB"
trap 'dropdb "${PG[@]}" --if-exists "$DB"' EXIT
mkdir -p test-artifacts
START=$(date +%s)
DATABASE_URL="$URL" DEBUG=1 .venv/bin/python manage.py migrate -v0
DATABASE_URL="$URL" DEBUG=1 MEDIA_ROOT="$(mktemp -d)" .venv/bin/python manage.py seed_bulk --surat "$SURAT"
echo "diisi dalam $(($(date +%s) - START)) detik"
DATABASE_URL="$URL" .venv/bin/python bench/bench_pages.py --port "$PORT" --putaran 15 --tulis 0 \
  --maks-rasio "${EOFFICE_SMOKE_MAKS_RASIO:-6}" --json test-artifacts/bench-smoke.json \
  --kecuali "Surat dengan pohon 50 disposisi" --kecuali "Surat tanpa disposisi"  # the letter page: still 5.5-11x the floor (docs/performance.md, "The letter page and the 50-node tree")
echo "smoke selesai dalam $(($(date +%s) - START)) detik"
