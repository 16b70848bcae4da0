"""Errors shared by the apps' services."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class InvalidTransition(ValidationError):
    """The object is not (or no longer) in a state that allows this action: a double click, or
    another official acted first. A ValidationError, so forms show it as a general error."""

    def __init__(self, message: str) -> None:
        super().__init__({NON_FIELD_ERRORS: [message]})
        self.pesan = message

    def __str__(self) -> str:
        return self.pesan
