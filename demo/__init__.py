"""The demo city (Pemerintah Kota Surakarta): its structure as data, the seeding code, demo letters and
archives, and bulk data for benchmarks. Nothing outside this app and the tests imports it."""
