"""Error reports never show secrets, in any mode.

Django's default filter only hides POST fields marked with `sensitive_post_parameters`, and only when
DEBUG is off; the demo and many first installations run with DEBUG on, so a signing error showed the
TTE passphrase and a sign-in error the typed password. This filter is always active and hides:
- every POST/GET field and traceback variable whose name looks secret (password, passphrase, token, ...);
- any other value that contains one of those secrets or a secret setting (the text is masked inside it).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

MASK = "********************"
# Names of settings whose values may appear inside other values (e.g. a passphrase in a command line).
SECRET_SETTINGS = (
    "SECRET_KEY",
    "TTE_CA_PASSPHRASE",
    "AUDIT_HMAC_KEY",
    "BSRE_PASSWORD",
    "TTE_TSA_PASSWORD",
    "EMAIL_HOST_PASSWORD",
    "EOFFICE_WEBHOOK_SECRET",
)
MIN_SECRET_LEN = 4  # shorter values (e.g. "1") would mask harmless text everywhere


class SecretFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        r"API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|SANDI|RAHASIA|OTP|ULANGI|LAMA|BARU", flags=re.I
    )

    def is_active(self, request: HttpRequest | None) -> bool:
        return True

    def _secrets(self, request: HttpRequest | None) -> list[str]:
        found = [str(getattr(settings, name, "") or "") for name in SECRET_SETTINGS]
        if request is not None:
            for query in (getattr(request, "POST", None), getattr(request, "GET", None)):
                for key in query or ():
                    if self.hidden_settings.search(key):
                        found.extend(query.getlist(key))
        return sorted({s for s in found if len(s) >= MIN_SECRET_LEN}, key=len, reverse=True)

    def _mask(self, text: str, secrets: list[str]) -> str:
        for secret in secrets:
            text = text.replace(secret, MASK)
        return text

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None:
            return {}
        cleansed = request.POST.copy()
        for key in cleansed:
            if self.hidden_settings.search(key):
                cleansed[key] = MASK
        return cleansed

    def get_cleansed_multivaluedict(self, request: HttpRequest | None, multivaluedict: MultiValueDict) -> Any:
        multivaluedict = multivaluedict.copy()
        for key in multivaluedict:
            if self.hidden_settings.search(key):
                multivaluedict[key] = MASK
        return multivaluedict

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: Any) -> list[tuple[str, Any]]:
        secrets = self._secrets(request)
        cleansed = []
        for name, value in super().get_traceback_frame_variables(request, tb_frame):
            if self.hidden_settings.search(name):
                value = MASK
            elif isinstance(value, dict):
                value = self.cleanse_setting(name, value)
            if value is not MASK and secrets:
                try:
                    shown = repr(value)
                except Exception:  # a broken __repr__ must not hide the error report itself
                    shown = "<tidak dapat ditampilkan>"
                if any(secret in shown for secret in secrets):
                    value = self._mask(shown, secrets)
            cleansed.append((name, value))
        return cleansed

    def cleanse_special_types(self, request: HttpRequest | None, value: Any) -> Any:
        value = super().cleanse_special_types(request, value)
        if isinstance(value, str):
            return self._mask(value, self._secrets(request))
        return value


class SecretReporter(ExceptionReporter):
    """Also masks the secrets inside the exception's message and the query string (Django shows both raw)."""

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        secrets = self.filter._secrets(self.request) if isinstance(self.filter, SecretFilter) else []
        for key, value in list(data.items()):  # the message, the request's URL
            if isinstance(value, str):
                data[key] = self.filter._mask(value, secrets)
        if isinstance(data.get("request_meta"), dict):
            data["request_meta"] = {
                k: self.filter._mask(v, secrets) if isinstance(v, str) else v for k, v in data["request_meta"].items()
            }
        if self.request is not None:
            data["request_GET_items"] = self.filter.get_cleansed_multivaluedict(self.request, self.request.GET).items()
        for frame in data.get("frames", []):
            frame["exc_cause"] = frame.get("exc_cause") and self.filter._mask(str(frame["exc_cause"]), secrets)
            for key in ("pre_context", "post_context"):
                frame[key] = [self.filter._mask(line, secrets) for line in frame.get(key) or []]
            if isinstance(frame.get("context_line"), str):
                frame["context_line"] = self.filter._mask(frame["context_line"], secrets)
        return data
