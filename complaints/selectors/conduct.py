"""STUB (the case helper's): the conduct helper's real module replaces this at merge.

``conduct_panels(*, user, case) -> dict``: the conduct panels' context (keys prefixed
``conduct_``), drawn by templates/complaints/case/panels/conduct_*.html."""

from __future__ import annotations


def conduct_panels(*, user, case) -> dict:  # noqa: ARG001 - the contract's signature
    return {}
