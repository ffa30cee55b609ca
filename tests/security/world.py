"""The world the corridor matrix runs in: one user per role, an anonymous visitor, a subject, and
one record of each protected kind for the URL builders to point at."""

from __future__ import annotations

from dataclasses import dataclass, field

from guardian.shortcuts import assign_perm

from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.ccu.factories import OperationFactory, ReportFactory
from tests.people.factories import OrgUnitFactory, PersonFactory

# Persona name -> roles. "subject" is a CCU analyst who has been granted the operation (so the
# corridor and need-to-know would let them in) but is its subject: rule 4 must still hide it.
PERSONAS: dict[str, tuple[Role, ...]] = {
    "staff": (Role.STAFF,),
    "manager": (Role.STAFF, Role.LINE_MANAGER),
    "psd_caseworker": (Role.STAFF, Role.PSD_CASEWORKER),
    "psd_head": (Role.STAFF, Role.PSD_DECISION_MAKER),
    "ccu_analyst": (Role.STAFF, Role.CCU_ANALYST),
    "ccu_head": (Role.STAFF, Role.CCU_HEAD),
    "dcc": (Role.STAFF, Role.INTEGRITY_BOARD),
    "admin": (Role.ADMINISTRATOR,),
    "auditor": (Role.AUDITOR,),
    "review_body": (Role.REVIEW_BODY,),
    "subject": (Role.STAFF, Role.CCU_ANALYST),
}
ANONYMOUS = "anonymous"
ALL_SIGNED_IN = frozenset(PERSONAS)
EVERYONE = ALL_SIGNED_IN | {ANONYMOUS}


@dataclass
class World:
    users: dict[str, object] = field(default_factory=dict)
    records: dict[str, object] = field(default_factory=dict)


def build_world() -> World:
    world = World()
    # Everyone works in one unit, so a rule that leaked along the org chart (same unit, same
    # team) would show up as a persona seeing a page it must not.
    unit = OrgUnitFactory(code="MATRIX", name="Matrix Team")
    for name, roles in PERSONAS.items():
        world.users[name] = UserFactory(
            username=f"matrix.{name}",
            roles=list(roles),
            is_staff=name == "admin",
            person__org_unit=unit,
        )
    manager = world.users["manager"]
    subject = world.users["subject"]
    # The staff persona reports to the manager persona: their declarations come to the manager.
    staff_person = world.users["staff"].person
    staff_person.line_manager = manager.person
    staff_person.save()

    # The person page: someone in the same unit who reports to the manager (who may see it).
    world.records["report"] = PersonFactory(line_manager=manager.person, org_unit=unit)

    operation = OperationFactory(opened_by=world.users["ccu_head"], subjects=[subject.person])
    for name in ("ccu_analyst", "subject"):
        assign_perm("view_operation", world.users[name], operation)
        assign_perm("work_operation", world.users[name], operation)
    world.records["operation"] = operation
    # Intelligence: a report in the operation, about the subject persona (who is granted the
    # operation, so only the self-conflict rule hides it from them), and one in the general
    # intake about nobody here. The analyst owns both (so sees their sources).
    world.records["intel_report"] = ReportFactory(
        operation=operation, owner=world.users["ccu_analyst"], subjects=[subject.person]
    )
    world.records["intake_report"] = ReportFactory(owner=world.users["ccu_analyst"])

    from standards.notifications.services import notify

    world.records["notification"] = notify(
        recipients=[world.users["staff"]], key="matrix", subject="A notice", url="/my/"
    )[0]

    _build_register_records(world)
    return world


def _build_register_records(world: World) -> None:
    import importlib
    import pkgutil

    import tests.security as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("pages_"):
            importlib.import_module(f"tests.security.{module.name}").build(world)
