"""Production settings: the deployment checklist passes, bad environment values stop start-up with
a message naming the variable, and every response carries the security headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]

# A production container's environment holds little besides the service's own settings: nothing
# else may leak in from the developer's shell or from the test run (pytest-env's values, or
# DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests set and the deployment checklist rejects).
_INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")


def production_env(**overrides: str | None) -> dict[str, str]:
    """The environment of a production container: every required value set, nothing relaxed.

    An override of ``None`` removes the variable.
    """
    env = {k: v for k, v in os.environ.items() if k in _INHERITED}
    env.update(
        DJANGO_SETTINGS_MODULE="standards.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        ALLOWED_HOSTS="standards.example",
        EMAIL_URL="smtp://mail.example:25",
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deployment_checklist_passes_with_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"SECRET_KEY": None}, "SECRET_KEY is not set", id="secret-key-missing"),
        pytest.param({"SECRET_KEY": "too-short"}, "SECRET_KEY must be at least 50", id="short-key"),
        pytest.param({"DATABASE_URL": "notaurl"}, "DATABASE_URL", id="database-url-malformed"),
        pytest.param(
            {"REDIS_URL": "http://127.0.0.1:6379/0"},
            "REDIS_URL must start with redis://",
            id="redis-url-wrong-scheme",
        ),
        pytest.param({"DEMO": "maybe"}, "DEMO must be true or false", id="demo-not-boolean"),
        pytest.param({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS is not set", id="hosts-missing"),
        pytest.param({"EMAIL_URL": None}, "EMAIL_URL is not set", id="email-url-missing"),
    ],
)
def test_bad_environment_stops_start_up_naming_the_variable(overrides, message):
    result = manage("check", env=production_env(**overrides))

    assert result.returncode != 0
    # The last line of the traceback is what an operator reads in the container log.
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "), result.stderr
    assert message in last_line


@pytest.mark.django_db
def test_security_headers_on_a_real_page(client):
    response = client.get("/accounts/sign-in/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    # No inline script runs at all: every script is a file from the service itself.
    assert "script-src 'self';" in csp + ";"
    assert "unsafe-inline" not in csp
    assert "<script>" not in response.content.decode()
    assert "nonce" not in csp


@pytest.mark.django_db
def test_plain_http_response_carries_no_hsts(client):
    # HSTS sent over plain HTTP is ignored by browsers and would only mislead a reader.
    response = client.get("/accounts/sign-in/")
    assert "Strict-Transport-Security" not in response


def test_session_and_csrf_cookies_are_secure_in_production():
    assert settings.SESSION_COOKIE_SECURE
    assert settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert not settings.DEBUG


def test_the_demo_secret_key_is_created_readable_by_its_owner_only(tmp_path, monkeypatch):
    import stat

    from standards import settings as settings_module

    monkeypatch.setattr(settings_module, "VAR_DIR", tmp_path / "var")

    def no_chmod(*args, **kwargs):
        raise AssertionError("created with its mode, not changed afterwards")

    monkeypatch.setattr(os, "chmod", no_chmod)
    previous = os.umask(0)  # the most permissive umask: the mode must come from the creation
    try:
        key = settings_module._demo_secret_key()
    finally:
        os.umask(previous)
    path = tmp_path / "var" / "demo-secret-key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 50
    # A restart keeps the key, so demo sessions survive it.
    assert settings_module._demo_secret_key() == key
