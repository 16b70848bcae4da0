"""Moved to lib.ratelimit; this alias lives until surat imports lib directly."""

from lib.ratelimit import *  # noqa: F403
