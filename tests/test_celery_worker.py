"""The round trip through Redis to a real Celery worker (run by .ci/run on PostgreSQL)."""

import pytest
from celery.result import EagerResult
from django.db import connection

from eoffice.tasks import ping

pytestmark = pytest.mark.celery_worker


def test_worker_runs_ping_and_reaches_the_database(celery_worker_url):
    result = ping.delay(21)

    assert not isinstance(result, EagerResult), "the task ran in-process instead of on the worker"
    value = result.get(timeout=20)
    assert value["nilai"] == 42
    assert value["db"] is True
    assert value["host"]


def test_worker_uses_the_test_database(celery_worker_process, db):
    assert celery_worker_process.database_url.rsplit("/", 1)[-1] == connection.settings_dict["NAME"]


def test_tasks_run_in_process_again_after_a_worker_test(db):
    result = ping.delay(4)

    assert isinstance(result, EagerResult)
    assert result.get()["nilai"] == 8
