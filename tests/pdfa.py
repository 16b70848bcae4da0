"""What a PDF/A-2b file must show, checked with pikepdf (no PDF/A validator is installable from the
registries this project uses; see docs/tte.md): the XMP identification part 2 / conformance B, an
sRGB output intent with its ICC profile, every font embedded, the Info dictionary agreeing with the
XMP, no encryption."""

from __future__ import annotations

import io

import pikepdf

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def problems(data: bytes) -> list[str]:
    found: list[str] = []
    pdf = pikepdf.open(io.BytesIO(data))
    if pdf.is_encrypted:
        found.append("encrypted")
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        if (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) != ("2", "B"):
            found.append(f"XMP pdfaid {meta.get('pdfaid:part')}/{meta.get('pdfaid:conformance')}")
        producer = meta.get("pdf:Producer")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if not intents or "/DestOutputProfile" not in intents[0]:
        found.append("no PDF/A output intent with an ICC profile")
    if "/Producer" in pdf.docinfo and str(pdf.docinfo["/Producer"]) != producer:
        found.append(f"Info producer {pdf.docinfo['/Producer']!r} != XMP {producer!r}")
    fonts = 0
    for obj in pdf.objects:
        if not (isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"):
            continue
        fonts += 1
        if obj.get("/Subtype") in ("/Type0", "/Type3"):
            continue  # Type0: its descendant is checked; Type3: glyphs are content streams
        descriptor = obj.get("/FontDescriptor")
        if descriptor is None or not any(key in descriptor for key in FONT_FILES):
            found.append(f"font not embedded: {obj.get('/BaseFont')}")
    if not fonts:
        found.append("no fonts at all (nothing to check)")
    return found


def assert_pdfa_2b(data: bytes) -> None:
    assert data.startswith(b"%PDF-")
    assert problems(data) == []
