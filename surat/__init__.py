"""Letters (naskah dinas): drafting, the paraf chain, signing and numbering, delivery, paper letters,
the agenda book, and the letter's look on the page and in its PDF. The modules are listed in the README's
project layout; services and selectors with their signatures in surat/README-api.md."""
