"""The project shell. Importing it loads the Celery app, so `celery -A eoffice` and shared tasks find it."""

from eoffice import checks  # noqa: F401  (registers the project's system checks)
from eoffice.celery import app as celery_app

__all__ = ("celery_app",)
