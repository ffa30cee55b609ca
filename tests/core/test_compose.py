"""docker-compose.yml passes every setting README.md lists on to the web, worker and beat
services, so a value set in .env is never silently ignored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

# Compose-only values that do not go into the environment as themselves: the database password
# goes inside DATABASE_URL, the web port is the port the web service publishes.
INSIDE_ANOTHER_VALUE = {"POSTGRES_PASSWORD"}
PUBLISHED_PORT = "WEB_PORT"


def _settings_table() -> set[str]:
    """Every variable named in the first column of README.md's settings table."""
    readme = (ROOT / "README.md").read_text()
    table = readme.split("| variable |", 1)[1].split("\n\n", 1)[0]
    names: set[str] = set()
    for line in table.splitlines():
        cells = line.split("|")
        if len(cells) > 2:
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", cells[1]))
    return names


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_readme_table_is_read():
    names = _settings_table()
    assert {"SECRET_KEY", "SERVICE_NAME", "FORCE_NAME", "WEB_CONCURRENCY", "LOG_LEVEL"} <= names
    assert len(names) >= 20


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_every_documented_setting_reaches_the_service(service):
    config = _compose()["services"][service]
    environment = config["environment"]
    referenced = " ".join([*map(str, environment.values()), *map(str, config.get("ports", []))])
    missing = []
    for name in sorted(_settings_table()):
        if name in environment:
            continue
        if name in INSIDE_ANOTHER_VALUE and f"${{{name}" in referenced:
            continue
        if name == PUBLISHED_PORT and (service != "web" or f"${{{name}" in referenced):
            continue
        missing.append(name)
    assert not missing, f"{service} does not receive {missing}"


def test_a_setting_is_passed_from_the_shell_with_its_documented_default():
    environment = _compose()["services"]["web"]["environment"]
    assert environment["SESSION_IDLE_SECONDS"] == "${SESSION_IDLE_SECONDS:-900}"
    assert environment["SESSION_ABSOLUTE_SECONDS"] == "${SESSION_ABSOLUTE_SECONDS:-36000}"
    assert environment["AXES_COOLOFF_MINUTES"] == "${AXES_COOLOFF_MINUTES:-30}"
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
