"""manage.py seed_bulk: a Pemda's years of mail (up to millions of letters) written with COPY on top of
the demo city, so pages and the benchmark (bench/) behave as with real data. See demo/bulk/run.py."""
