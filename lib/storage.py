"""Where uploaded and generated files go: under MEDIA_ROOT, never served publicly, with random names
so a path reveals nothing; the original name (when there is one) is kept in the database."""

import uuid

from django.utils import timezone


def private_path(prefix: str, *, suffix: str = "", monthly: bool = True) -> str:
    """'<prefix>/2026/11/<uuid><suffix>' (without the month when `monthly` is False)."""
    now = timezone.localtime()
    folder = f"{prefix}/{now:%Y}/{now:%m}" if monthly else f"{prefix}/{now:%Y}"
    return f"{folder}/{uuid.uuid4().hex}{suffix}"
