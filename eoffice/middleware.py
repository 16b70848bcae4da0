"""Content-Security-Policy on every response: defence in depth against injected markup (letters are
sanitized HTML shown with |safe). Scripts only from our own static files; templates have no inline
scripts (tests/test_layout.py) and JSON data blocks (json_script) are not executed. Styles also allow
inline style="" attributes, which several templates use (sizes, progress bars)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response
