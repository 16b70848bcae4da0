"""Moved to lib.storage; this alias lives until surat imports lib directly."""

from lib.storage import *  # noqa: F403
