"""Forms of the letter pages, beside the views that use them: naskah (the draft, notes, signing,
external delivery), kotak (list filters, registering a paper letter), pdf (the buku agenda print job)."""
