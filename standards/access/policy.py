"""The access policy: for a user and a record, may they see it, may they change it.

One place answers, for every protected model, combining four things:

(a) role permissions (Django groups, ``standards.access.roles``);
(b) need-to-know object permissions (django-guardian, with a direct foreign-key permission model
    per protected model, granted to a user or to a team's group);
(c) the sterile corridor: CCU material exists only for CCU roles; PSD material is read-only to
    the CCU and invisible the other way round;
(d) the self-conflict rule: nobody sees a record that is about them (as subject, complainant,
    declarant under review or reporter), whatever their role.

Each protected model registers a ``Rule``. Lists are filtered in SQL with the rule's ``Q`` (one
query, no loop over rows, no query per row); a single record is checked with the same ``Q``, so a
list and a detail page can never disagree. Selectors in each app are the only callers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet, Subquery
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import CCU_ROLES, PSD_ROLES, Role, role_names

NOTHING = Q(pk__in=[])
EVERYTHING = Q()

QForUser = Callable[[object], Q]


@dataclass(frozen=True)
class Rule:
    """How one protected model is seen and changed.

    ``visible``: the records a user may see (before the self-conflict rule, which is applied to
    every rule from ``subject_paths``). ``changeable``: the records a user may change.
    ``allocated``: among the visible ones, those that open without a justification; ``None``
    means every visible record opens directly.
    """

    model: type[models.Model]
    area: Area
    visible: QForUser
    changeable: QForUser
    subject_paths: tuple[str, ...] = ()
    allocated: QForUser | None = None


_RULES: dict[type[models.Model], Rule] = {}


def register(rule: Rule) -> Rule:
    _RULES[rule.model] = rule
    return rule


def rule_for(model: type[models.Model]) -> Rule:
    try:
        return _RULES[model]
    except KeyError:  # a model without a rule is nobody's to see: fail closed
        raise LookupError(f"{model._meta.label} has no access rule") from None


def registered_rules() -> list[Rule]:
    return list(_RULES.values())


# --- building blocks -------------------------------------------------------------------------


def in_ccu(user) -> bool:
    return bool(role_names(user) & CCU_ROLES)


def in_psd(user) -> bool:
    return bool(role_names(user) & PSD_ROLES)


def holds(user, *roles: Role) -> bool:
    return bool(role_names(user) & set(roles))


def granted(user, model: type[models.Model], codename: str) -> Q:
    """Records on which the user, or a group they belong to, holds ``codename``.

    A single ``pk IN (user grants UNION ALL group grants)`` over guardian's direct foreign-key
    tables: PostgreSQL turns that into a semi-join whose cost follows the user's grants, not the
    size of the table. (Two ``IN`` clauses joined by ``OR`` cannot become a semi-join:
    bench/RESULTS.md has the plans.) Use it for lists whose size is the table's.
    """
    return granted_via(user, model, codename, path="pk")


def granted_within(user, model: type[models.Model], codename: str) -> Q:
    """As ``granted``, written as guardian writes it: ``pk IN (user grants) OR pk IN (group
    grants)``. PostgreSQL keeps each ``IN`` a hashed subplan and tests it row by row, so use it
    where another index already bounds the rows (a queue of open cases read in date order and
    stopped at a page): there it reads fewer rows than the semi-join, which first gathers every
    grant, closed cases' too (bench/RESULTS.md, the complaints queue)."""
    if not user.is_authenticated:
        return NOTHING
    by_user, by_group = _grants(user, model, codename)
    return Q(pk__in=by_user) | Q(pk__in=by_group)


def granted_via(user, model: type[models.Model], codename: str, *, path: str) -> Q:
    """As ``granted``, for records that sit in a granted one: ``path`` leads from the record to
    the granted model's id (a report's ``operation``, say): ``path IN (the user's grants)``."""
    if not user.is_authenticated:
        return NOTHING
    by_user, by_group = _grants(user, model, codename)
    return Q(**{f"{path}__in": by_user.union(by_group, all=True)})


def _grants(user, model: type[models.Model], codename: str) -> tuple[QuerySet, QuerySet]:
    """The ids of the records granted to the user and to their groups. The permission's id is a
    scalar subquery (one index probe of ``auth_permission``, evaluated once per statement) rather
    than a query of its own: a page that asks three questions of the policy saves three round
    trips, and no id is ever kept across a flush of the permissions table."""
    permission = Subquery(
        Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(model), codename=codename
        )
        .order_by()  # unique on (content type, codename): no join for Permission's ordering
        .values("pk")[:1]
    )
    by_user = (
        get_user_obj_perms_model(model)
        .objects.filter(user_id=user.pk, permission_id=permission)
        .values("content_object_id")
    )
    by_group = (
        get_group_obj_perms_model(model)
        .objects.filter(group__user=user.pk, permission_id=permission)
        .values("content_object_id")
    )
    return by_user, by_group


def not_about(user, paths: tuple[str, ...]) -> Q:
    """The self-conflict rule: exclude records where any of ``paths`` leads to the user's person.

    A negated lookup across a multi-valued relation becomes ``NOT EXISTS (subquery)``, so records
    with several subjects are neither duplicated nor half-excluded.
    """
    person_id = getattr(user, "person_id", None)
    if not person_id or not paths:
        return EVERYTHING
    condition = EVERYTHING
    for path in paths:
        condition &= ~Q(**{path: person_id})
    return condition


# --- the questions the selectors ask ---------------------------------------------------------


def visible_filter(user, model: type[models.Model]) -> Q:
    if not user.is_authenticated:
        return NOTHING
    rule = rule_for(model)
    return rule.visible(user) & not_about(user, rule.subject_paths)


def visible(user, queryset: QuerySet) -> QuerySet:
    """``queryset`` narrowed to what ``user`` may see (one SQL query when evaluated)."""
    return queryset.filter(visible_filter(user, queryset.model))


def changeable(user, queryset: QuerySet) -> QuerySet:
    rule = rule_for(queryset.model)
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(visible_filter(user, queryset.model) & rule.changeable(user))


def can_view(user, obj: models.Model) -> bool:
    return visible(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def can_change(user, obj: models.Model) -> bool:
    return changeable(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def needs_justification(user, obj: models.Model) -> bool:
    """Whether opening ``obj`` needs a reason first ("break glass").

    Only for records the user may see but that are not allocated to them, and only the first
    time: once a reason is in the access log, the record opens directly.
    """
    from standards.access.audit import record_ref

    rule = rule_for(type(obj))
    if rule.allocated is None:
        return False
    if type(obj)._default_manager.filter(Q(pk=obj.pk) & rule.allocated(user)).exists():
        return False
    return not AccessLogEntry.objects.filter(
        user=user,
        action=AccessAction.JUSTIFICATION,
        record_ref=record_ref(obj, rule.area, user),
    ).exists()
