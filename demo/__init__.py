"""The demo city (Pemerintah Kota Surakarta): accounts, structure and people as data (akun, kota,
orang), the seeding as code (seeder, struktur, surat, arsip, seed), and the seed_demo command. Nothing
outside this app imports it but the tests and bin/demo."""
