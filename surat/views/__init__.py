"""The letter pages, one module per group:

- naskah      writing a letter and acting on one letter (draft form, detail page, versions, actions)
- kotak       the lists, the pencatat's pages (buku agenda, external sending, paper letters), Beranda
- pdf         draft preview PDF, the signed PDF, lembar disposisi, buku agenda print jobs
- verifikasi  the public verification page opened from a signed letter's QR code

All routes are in surat/urls.py.
"""
