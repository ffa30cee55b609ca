"""The points where areas plug into the service, so that ``standards/`` never imports an area.

Imports point one way: the areas (``registers``, ``ccu``, ``complaints``) import ``standards``,
never the reverse (a contract in pyproject.toml, checked by ``make test``). Where a page or a
command of ``standards`` needs something from every area, the area registers it here from its
``AppConfig.ready()``, the way access rules register with ``standards.access.policy``:

- a ``PortalSection``: how the declarant's own declarations of one kind are listed on /my/;
- a review-queue provider: the queues an area has for a reviewing user (line manager, PSD, CCU),
  shown on the review-queues page and the home page;
- a demo seeder: a year of the area's activity for the demo force (``manage.py seed_demo``);
- a person-change hook: what the area does when HR changes a person's unit, rank or role;
- a person-links provider: what a person's page in the staff directory links to in the area;
- a record listener: told when a record about people is made in any area (the CCU's watchlist
  raises its alerts from it), and an area calls ``record_about_people`` when it makes one;
- a disclosure section: what an area contributes to a transfer disclosure pack about a person.

The pages and commands iterate these; none of them names an area.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.utils import timezone

# --- shapes the areas share --------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a record's timeline (templates/registers/includes/timeline.html)."""

    title: str
    at: dt.datetime
    by: str = ""
    body: str = ""


@dataclass(frozen=True)
class ReviewQueue:
    """A queue of records waiting for one reviewing role (the review-queues page)."""

    key: str
    title: str
    url: str
    count: int
    oldest: dt.datetime | None = None
    overdue: int = 0
    overdue_after_days: int = 0

    @property
    def oldest_age_days(self) -> int | None:
        if self.oldest is None:
            return None
        return (timezone.now() - self.oldest).days


# --- the staff portal and the review queues ----------------------------------------------------


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


QueueProvider = Callable[..., list[ReviewQueue]]  # provider(user=...) -> the user's queues

_SECTIONS: dict[str, PortalSection] = {}
_QUEUE_PROVIDERS: dict[str, QueueProvider] = {}


def register_section(section: PortalSection) -> None:
    _SECTIONS[section.key] = section


def register_queues(key: str, provider: QueueProvider) -> None:
    _QUEUE_PROVIDERS[key] = provider


def portal_sections() -> list[PortalSection]:
    return sorted(_SECTIONS.values(), key=lambda s: s.order)


def review_queues_for(user) -> list[ReviewQueue]:
    queues: list[ReviewQueue] = []
    for key in sorted(_QUEUE_PROVIDERS):
        queues.extend(_QUEUE_PROVIDERS[key](user=user))
    return queues


# --- the demo ----------------------------------------------------------------------------------

DemoSeed = Callable[..., int]  # seed(today=..., rng=...) -> rows added (0 on a rerun)


@dataclass(frozen=True)
class DemoSeeder:
    title: str
    seed: DemoSeed
    order: int


_SEEDERS: dict[str, DemoSeeder] = {}


def register_demo_seeder(title: str, seed: DemoSeed, order: int) -> None:
    """An area's year of demo activity. Seeders run in ``order``, after the force and its
    logins exist, each through the area's own services and idempotent."""
    _SEEDERS[title] = DemoSeeder(title=title, seed=seed, order=order)


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_SEEDERS.values(), key=lambda s: (s.order, s.title))


def seed_activity(*, today: dt.date, seed: int) -> dict[str, int]:
    """Run every registered seeder; rows created per area (all zero on a rerun).

    Each seeder gets a random stream of its own (its place in the order), so adding data to one
    area never changes what another invents.
    """
    return {
        seeder.title: seeder.seed(today=today, rng=random.Random(f"{seed}:{index}"))  # noqa: S311
        for index, seeder in enumerate(demo_seeders())
    }


# --- changes to a person -----------------------------------------------------------------------

PersonChangeHook = Callable[..., object]  # hook(person_ids=..., reason=..., acting_user=...)

_PERSON_CHANGE_HOOKS: dict[str, PersonChangeHook] = {}


def register_person_change_hook(key: str, hook: PersonChangeHook) -> None:
    """Called when HR changes people's unit, rank or role, inside the change's transaction: a
    change that fails leaves nothing behind in any area."""
    _PERSON_CHANGE_HOOKS[key] = hook


def people_changed_role_or_unit(*, person_ids: Iterable[int], reason: str, acting_user) -> None:
    person_ids = list(person_ids)
    for key in sorted(_PERSON_CHANGE_HOOKS):
        _PERSON_CHANGE_HOOKS[key](person_ids=person_ids, reason=reason, acting_user=acting_user)


# --- a person's page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordLine:
    text: str  # the record's reference and state: "GH-000449: Awaiting PSD decision"
    url: str


@dataclass(frozen=True)
class PersonLink:
    """One line of a person's page: the person's records of one kind, as the viewer may see
    them. ``count`` is what the viewer may open; ``url`` the area's list filtered to the person,
    or ``records`` a few of them, for a viewer who has no such list (a line manager)."""

    label: str  # "Gifts and hospitality"
    count: int
    url: str = ""
    records: tuple[RecordLine, ...] = ()

    @property
    def more(self) -> int:
        """How many of the records counted are not in ``records``."""
        return self.count - len(self.records) if self.records else 0


PersonLinkProvider = Callable[..., list[PersonLink]]  # provider(viewer=..., person=...)

_PERSON_LINK_PROVIDERS: dict[str, PersonLinkProvider] = {}


def register_person_links(key: str, provider: PersonLinkProvider) -> None:
    """What a person's page links to in an area. The provider counts through the area's own
    list selector, so nobody sees a link or a number they could not reach, and returns ``[]``
    for a viewer who may see none of the area (corridor material: nothing, not even a zero,
    outside the CCU)."""
    _PERSON_LINK_PROVIDERS[key] = provider


def person_links(*, viewer, person) -> list[PersonLink]:
    links: list[PersonLink] = []
    for key in sorted(_PERSON_LINK_PROVIDERS):
        links.extend(_PERSON_LINK_PROVIDERS[key](viewer=viewer, person=person))
    return links


# --- a new record about people (the CCU's watchlist listens) --------------------------------

RecordListener = Callable[..., None]  # listener(kind=..., record=..., person_ids=..., summary=...)

_RECORD_LISTENERS: dict[str, RecordListener] = {}


def register_record_listener(key: str, listener: RecordListener) -> None:
    """Told of every new record about members of the workforce, inside the transaction that
    makes it (a change that fails tells nobody). The listener must not tell anyone outside its
    own area, nor the people the record is about: the CCU's watchlist is the listener."""
    _RECORD_LISTENERS[key] = listener


def record_about_people(*, kind: str, record, person_ids: Iterable[int], summary: str) -> None:
    """An area made ``record`` about ``person_ids``. ``kind`` is one of "intelligence",
    "complaint", "conduct", "gift", "interest", "association", "crosscheck"; ``summary`` names
    the record by its reference and what happened ("GH-000449: gift declared"), nothing more."""
    person_ids = [pk for pk in person_ids if pk]
    if not person_ids:
        return
    for key in sorted(_RECORD_LISTENERS):
        _RECORD_LISTENERS[key](kind=kind, record=record, person_ids=person_ids, summary=summary)


# --- a transfer disclosure pack ----------------------------------------------------------------


@dataclass(frozen=True)
class DisclosureSection:
    """One section of a transfer disclosure pack: a title, column headings and rows of text."""

    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "None recorded."


DisclosureProvider = Callable[..., list[DisclosureSection]]  # provider(person=...)

_DISCLOSURE_PROVIDERS: dict[str, DisclosureProvider] = {}


def register_disclosure_section(key: str, provider: DisclosureProvider) -> None:
    """What an area puts in a transfer disclosure pack about a person: the facts HMICFRS
    recommended forces share (complaints and conduct history, business interests, notifiable
    associations). The head of the CCU produces the pack; the provider is called for them."""
    _DISCLOSURE_PROVIDERS[key] = provider


def disclosure_sections(*, person) -> list[DisclosureSection]:
    sections: list[DisclosureSection] = []
    for key in sorted(_DISCLOSURE_PROVIDERS):
        sections.extend(_DISCLOSURE_PROVIDERS[key](person=person))
    return sections


# --- open cases about a person (a management intervention needs there to be none) ---------------

OpenCasesProvider = Callable[..., list[str]]  # provider(person=...) -> references of open cases

_OPEN_CASES_PROVIDERS: dict[str, OpenCasesProvider] = {}


def register_open_cases_provider(key: str, provider: OpenCasesProvider) -> None:
    """An area that holds criminal or misconduct cases says which are open about a person (their
    references), so the CCU can refuse a management intervention while one is (DOMAIN.md)."""
    _OPEN_CASES_PROVIDERS[key] = provider


def open_cases_for(*, person) -> list[str]:
    references: list[str] = []
    for key in sorted(_OPEN_CASES_PROVIDERS):
        references.extend(_OPEN_CASES_PROVIDERS[key](person=person))
    return references


# --- data an area lends to the cross-checks ------------------------------------------------------


@dataclass(frozen=True)
class PersonEvent:
    """Something recorded about a member that early intervention counts: a complaint they are
    the subject of ("complaint"), one allegation against them ("allegation", ``category`` its
    IOPC category), or a conduct matter ("conduct"). ``reference`` names the case."""

    person_id: int
    kind: str
    category: str
    occurred_on: dt.date
    reference: str


@dataclass(frozen=True)
class MemberNominal:
    """A CCU nominal (a person) and the members of the workforce it is linked to through the
    intelligence reports they are subjects of. CCU material: only CCU checks read it."""

    nominal_id: int
    name: str
    date_of_birth: dt.date | None
    member_ids: tuple[int, ...]


CrosscheckData = Callable[..., Iterable]

_CROSSCHECK_DATA: dict[str, dict[str, CrosscheckData]] = {}


def register_crosscheck_data(kind: str, key: str, provider: CrosscheckData) -> None:
    """An area lends the cross-checks its records without the checks importing it: ``kind``
    "person_events" (``provider(since=..., until=...)`` yields ``PersonEvent``s) or
    "member_nominals" (``provider()`` yields ``MemberNominal``s)."""
    _CROSSCHECK_DATA.setdefault(kind, {})[key] = provider


def crosscheck_data(kind: str, **kwargs) -> Iterator:
    for key in sorted(_CROSSCHECK_DATA.get(kind, {})):
        yield from _CROSSCHECK_DATA[kind][key](**kwargs)
