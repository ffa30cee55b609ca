"""Extension points for the staff portal (/my/) and the review-queues page (/registers/).

Each register (gifts, interests, associations) registers, from its AppConfig.ready():
- a ``PortalSection``: how the declarant's own declarations of that kind are listed on /my/;
- a queue provider: the review queues it has for a reviewing user (line manager, PSD, CCU).
The pages iterate these; no register is named in the portal's code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import Http404, HttpRequest

from registers.declarations import ReviewQueue


def require_person(request: HttpRequest) -> None:
    """A login with no staff-directory record (a service account) has nothing to declare."""
    if not request.user.person_id:
        raise Http404


@dataclass(frozen=True)
class PortalSection:
    key: str
    title: str
    template: str  # renders ``rows`` for the declarant
    rows: Callable[..., Iterable]  # rows(user=...) -> the declarant's own declarations
    new_url_name: str
    new_label: str
    order: int = 100


_SECTIONS: dict[str, PortalSection] = {}
_QUEUE_PROVIDERS: dict[str, Callable[..., list[ReviewQueue]]] = {}


def register_section(section: PortalSection) -> None:
    _SECTIONS[section.key] = section


def register_queues(key: str, provider: Callable[..., list[ReviewQueue]]) -> None:
    _QUEUE_PROVIDERS[key] = provider


def portal_sections() -> list[PortalSection]:
    return sorted(_SECTIONS.values(), key=lambda s: s.order)


def review_queues_for(user) -> list[ReviewQueue]:
    queues: list[ReviewQueue] = []
    for key in sorted(_QUEUE_PROVIDERS):
        queues.extend(_QUEUE_PROVIDERS[key](user=user))
    return queues
