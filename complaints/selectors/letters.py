"""STUB (the case helper's): the letters helper's real module replaces this at merge.

``letters_panels(*, user, case) -> dict``: the letters, outcome and review panels' context (keys
prefixed ``letters_``), drawn by templates/complaints/case/panels/*.html."""

from __future__ import annotations


def letters_panels(*, user, case) -> dict:  # noqa: ARG001 - the contract's signature
    return {}
