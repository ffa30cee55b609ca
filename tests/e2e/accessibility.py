"""Automated accessibility checks for browser tests: axe-core against WCAG 2.1 A and AA.

``assert_accessible(page)`` runs axe on the page as it is now and fails with every violation:
its rule id, impact, help text and the selectors of the elements at fault. It first checks the
page's stylesheet loaded, since axe's verdict on an unstyled page says nothing about the service.
axe finds perhaps a third of accessibility problems; the rest needs a person with a screen reader
and a keyboard.

axe-core is vendored at tests/e2e/vendor/axe.min.js by assets/build.sh (``make assets``).
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# WCAG 2.0 and 2.1, levels A and AA: the Public Sector Bodies Accessibility Regulations standard.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _assert_styled(page) -> None:
    # axe judges what it sees: on a page whose stylesheet failed to load, colour contrast, focus
    # and reflow are checked against the browser's defaults, and a pass would mean nothing.
    unloaded = page.evaluate(
        """() => Array.from(document.querySelectorAll('link[rel="stylesheet"]'))
            .filter((link) => !(link.sheet && link.sheet.cssRules.length))
            .map((link) => link.href)"""
    )
    if unloaded:
        raise AssertionError(
            f"The stylesheet did not load on {page.url}: {', '.join(unloaded)}. (Under"
            " pytest-django's live server, /static/ is served from the finders, which know only"
            " unhashed names.)"
        )


def _load_axe(page) -> None:
    if page.evaluate("typeof window.axe !== 'undefined'"):
        return
    # The service's Content-Security-Policy allows no inline script, so a <script> tag added to
    # the page (Playwright's add_script_tag) is blocked. page.evaluate runs in the page through
    # the DevTools protocol, outside the policy; the script defines window.axe as it loads.
    page.evaluate(AXE.read_text(encoding="utf-8"))


def axe_violations(page, *, tags: list[str] | None = None, exclude: list[str] | None = None):
    """The axe violations on ``page``: a list of dicts as axe reports them."""
    _load_axe(page)
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    options = {
        "runOnly": {"type": "tag", "values": tags or WCAG_21_AA},
        "resultTypes": ["violations"],
    }
    return page.evaluate(
        "([context, options]) => window.axe.run(context || document, options)"
        ".then((results) => results.violations)",
        [context, options],
    )


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown impact'}): "
            f"{violation['help']} <{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            target = " ".join(
                ">".join(part) if isinstance(part, list) else str(part) for part in node["target"]
            )
            lines.append(f"    {target}")
    return "\n".join(lines)


def assert_accessible(page, *, exclude: list[str] | None = None) -> None:
    """Fail if axe finds any WCAG 2.1 A or AA violation on ``page``.

    ``exclude``: CSS selectors of parts of the page not to check (say why where you use it).
    """
    _assert_styled(page)
    violations = axe_violations(page, exclude=exclude)
    if violations:
        raise AssertionError(
            f"{len(violations)} accessibility violation(s) on {page.url}:\n{describe(violations)}"
        )
