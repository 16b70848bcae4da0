"""Tasks of the project as a whole."""

import socket

from celery import shared_task
from django.db import connection


@shared_task(time_limit=30, soft_time_limit=25)
def ping(nilai: int) -> dict:
    """Health check for the worker round trip: echoes a value and proves the worker reaches the DB."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (db_ok,) = cursor.fetchone()
    return {"nilai": nilai * 2, "db": db_ok == 1, "host": socket.gethostname()}
