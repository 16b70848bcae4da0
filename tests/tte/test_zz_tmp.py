import subprocess
from .test_signing import _sign
def test_show(cast, sertifikat, pdf_bytes, tmp_path):
    p = tmp_path / "a.pdf"; p.write_bytes(_sign(cast.kepala, pdf_bytes).pdf_bytes)
    print(subprocess.run(["pdfsig", str(p)], capture_output=True, text=True).stdout)
