"""Real Celery workers for the reminder tests: processes of their own (prefork, one child, as
production runs them) on the real Redis and the test database, on a queue of their own, with
their e-mail written to files the test reads. Built on tests/core/test_celery.py's helpers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from standards.celery import app
from tests.core.test_celery import TEST_REDIS_DB, _forget_connections, _redis_url_with_db

BASE_DIR = Path(__file__).resolve().parents[2]


@dataclass
class ReminderWorkers:
    queue: str
    mail_dir: Path
    log_dir: Path
    env: dict
    processes: list = field(default_factory=list)

    def start(self, **extra_env: str) -> subprocess.Popen:
        """Start one more worker on the queue; ``extra_env`` switches on tests/notifications/
        worker_sources.py's barrier (REMINDER_TEST_BARRIER) or crash (REMINDER_TEST_CRASH)."""
        number = len(self.processes)
        log = (self.log_dir / f"worker-{number}.log").open("w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "standards",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--queues",
                self.queue,
                "--hostname",
                f"reminders-{number}-{self.queue}@%h",
                "--include",
                "tests.notifications.worker_sources",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
            ],
            cwd=BASE_DIR,
            env={**self.env, **extra_env},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        log.close()
        self.processes.append(process)
        return process

    def mail_recipients(self) -> list[str]:
        """The "To:" of every e-mail the workers wrote, one entry a message."""
        return [
            line.removeprefix("To: ").strip()
            for path in sorted(self.mail_dir.iterdir())
            for line in path.read_text().splitlines()
            if line.startswith("To: ")
        ]

    def wait_for_mail(self, count: int, timeout: float = 60) -> list[str]:
        """The e-mails once ``count`` have been written (or the timeout passed), after a
        moment more so a duplicate arriving late would be counted too."""
        deadline = time.monotonic() + timeout
        while len(self.mail_recipients()) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.5)
        return self.mail_recipients()

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.log_dir.glob("*.log")))

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def reminder_workers(transactional_db, tmp_path):
    """A factory of real worker processes on one queue of this test's own; the test starts as
    many as it needs (``reminder_workers.start()``). Data the test writes is committed
    (``transactional_db``), so the workers see it."""
    broker_url = _redis_url_with_db(settings.REDIS_URL, TEST_REDIS_DB)
    queue = f"test-{uuid.uuid4().hex}"
    overrides = {"broker_url": broker_url, "result_backend": broker_url}
    saved = {key: app.conf[key] for key in overrides}
    app.conf.update(overrides)
    _forget_connections()
    (tmp_path / "mail").mkdir()
    (tmp_path / "logs").mkdir()
    workers = ReminderWorkers(
        queue=queue,
        mail_dir=tmp_path / "mail",
        log_dir=tmp_path / "logs",
        env={
            **os.environ,
            "REDIS_URL": broker_url,
            "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
            "REMINDER_TEST_DATABASE": connection.settings_dict["NAME"],
            "REMINDER_TEST_MAIL_DIR": str(tmp_path / "mail"),
            "REMINDER_TEST_QUEUE": queue,
        },
    )
    try:
        yield workers
    finally:
        workers.stop()
        app.conf.update(saved)
        _forget_connections()
        client = redis.Redis.from_url(broker_url)
        for key in client.scan_iter(match=f"*{queue}*"):
            client.delete(key)
        client.close()
