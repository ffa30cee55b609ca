"""Imports point one way (DESIGN.md): the import-linter contracts in pyproject.toml, run by the
suite as `make test` runs them, so a back-pointing import fails here too."""

from __future__ import annotations

from pathlib import Path

from importlinter.api import read_configuration
from importlinter.cli import lint_imports

PYPROJECT = str(Path(__file__).resolve().parents[2] / "pyproject.toml")


def test_the_contracts_are_all_there():
    contracts = read_configuration(PYPROJECT)["contracts_options"]
    assert {contract["id"]: contract["type"] for contract in contracts} == {
        "standards-knows-no-area": "forbidden",
        "areas-are-independent": "independence",
        "standards-layers": "layers",
    }


def test_imports_point_one_way(capsys):
    status = lint_imports(config_filename=PYPROJECT, no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert status == 0, report
    assert "3 kept, 0 broken" in report
