"""Moved to lib.errors; this alias lives until surat imports lib directly."""

from lib.errors import *  # noqa: F403
