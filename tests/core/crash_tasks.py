"""A task for the redelivery test only: the first time it runs it kills the worker process that
runs it, as an out-of-memory kill or a node failure would. Loaded into the test worker with
``--include``; it takes its acknowledgement options from the project's Celery settings."""

from __future__ import annotations

import os

import redis
from celery import current_app, shared_task


@shared_task
def die_on_first_run(counter_key: str) -> int:
    client = redis.Redis.from_url(current_app.conf.broker_url)
    runs = client.incr(counter_key)
    client.expire(counter_key, 300)
    if runs == 1:
        os._exit(1)  # no cleanup, no acknowledgement: the process is simply gone
    return runs
