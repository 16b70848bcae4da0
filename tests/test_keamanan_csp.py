"""Every page carries a Content-Security-Policy: scripts only from our own files, no plugins, no framing."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/akun/masuk/", "/", "/disposisi/", "/tidak-ada/"])
def test_pages_send_a_strict_content_security_policy(login, cast, path):
    response = login(cast.staf).get(path)

    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "'unsafe-eval'" not in csp
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'unsafe-inline'" not in csp
