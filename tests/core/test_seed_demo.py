"""The demo force and its logins (``manage.py seed_demo``): shape, history, reruns, the command."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import time
from dataclasses import asdict

import pytest
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db.models import Count
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.accounts.models import User
from standards.people.models import OrgUnit, Person, RoleType
from standards.site.demo import FULL_STRENGTH, seed_force, seed_logins, smallest_force
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

SMALL = 150  # the size the browser tests use

EXPECTED_LOGINS = {
    "staff": {"Staff"},
    "manager": {"Staff", "Line manager"},
    "psd.caseworker": {"Staff", "PSD caseworker"},
    "psd.head": {"Staff", "PSD decision maker"},
    "ccu.analyst": {"Staff", "CCU analyst"},
    "ccu.analyst2": {"Staff", "CCU analyst"},
    "ccu.head": {"Staff", "CCU head"},
    "dcc": {"Staff", "Integrity board"},
    "admin": {"Administrator"},
    "auditor": {"Auditor"},
    "review.body": {"Review body"},
}
CENSUS_2021_CODES = {
    *(f"W{n}" for n in range(1, 6)),
    *(f"M{n}" for n in range(1, 5)),
    *(f"A{n}" for n in range(1, 6)),
    *(f"B{n}" for n in range(1, 4)),
    "O1",
    "O2",
    "",
}


def _people_by_role_type() -> dict[str, int]:
    rows = Person.objects.order_by().values_list("role_type").annotate(n=Count("pk"))
    return dict(rows)


def _totals() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "units": OrgUnit.objects.count(),
        "person history": Person.history.count(),
        "unit history": OrgUnit.history.count(),
        "users": User.objects.count(),
        "user history": User.history.count(),
        "devices": TOTPDevice.objects.count(),
    }


def _directory() -> list[tuple]:
    return list(Person.objects.order_by("staff_number").values_list())


def test_a_small_force_keeps_the_2017_proportions():
    summary = seed_force(people=SMALL)

    by_role_type = _people_by_role_type()
    assert sum(by_role_type.values()) == SMALL
    for role_type, full_strength in FULL_STRENGTH.items():
        assert abs(by_role_type[role_type] - full_strength * SMALL / 2120) < 1, role_type
    assert summary.people_by_role_type == by_role_type
    assert summary.people == summary.people_created == SMALL
    assert summary.units == summary.units_created == OrgUnit.objects.count()


def test_the_unit_tree_has_one_root_and_the_standards_department():
    seed_force(people=SMALL)

    assert list(OrgUnit.objects.filter(parent=None).values_list("code", flat=True)) == ["NMP"]
    psd_units = OrgUnit.objects.filter(parent__code="PSD").values_list("name", flat=True)
    assert {"PSD Investigations", "Counter Corruption Unit", "Vetting Unit"} <= set(psd_units)
    assert OrgUnit.objects.filter(parent__parent__code="NP").count() == 12  # neighbourhood teams
    # Partnership staff sit in the control room and custody.
    partnership_units = Person.objects.filter(role_type=RoleType.PARTNERSHIP).values_list(
        "org_unit__code", flat=True
    )
    assert all(code.startswith("FCR") for code in partnership_units)


def test_everyone_but_the_chief_constable_has_a_line_manager_and_there_is_no_cycle():
    seed_force(people=SMALL)

    managers = dict(Person.objects.values_list("pk", "line_manager_id"))
    tops = [pk for pk, manager in managers.items() if manager is None]
    assert len(tops) == 1
    assert Person.objects.get(pk=tops[0]).rank_or_grade == "Chief Constable"
    for pk in managers:
        seen = set()
        while pk is not None:
            assert pk not in seen, "line management cycle"
            seen.add(pk)
            pk = managers[pk]

    people = Person.objects.select_related("line_manager")
    for pcso in people.filter(role_type=RoleType.PCSO):
        assert pcso.line_manager.rank_or_grade == "Sergeant"
    for special in people.filter(role_type=RoleType.SPECIAL).exclude(
        rank_or_grade="Special Chief Officer"
    ):
        assert special.line_manager.role_type == RoleType.SPECIAL
    for member in people.filter(role_type=RoleType.PARTNERSHIP).exclude(
        rank_or_grade="Service Manager"
    ):
        assert member.line_manager.role_type == RoleType.PARTNERSHIP
    # Nobody who has left manages anyone.
    assert not Person.objects.leavers().filter(direct_reports__isnull=False).exists()


def test_each_person_and_unit_has_exactly_one_creation_history_row():
    seed_force(people=SMALL)

    for model in (Person, OrgUnit):
        rows = model.history.order_by().values("id").annotate(n=Count("history_id"))
        assert len(rows) == model.objects.count()
        assert {row["n"] for row in rows} == {1}
        assert set(model.history.values_list("history_type", flat=True)) == {"+"}


def test_every_demo_login_has_its_roles_a_confirmed_authenticator_and_a_person():
    seed_force(people=SMALL)
    logins = seed_logins()

    assert [login.username for login in logins] == list(EXPECTED_LOGINS)
    password = logins[0].password
    assert len(password) >= 16
    assert {login.password for login in logins} == {password}
    users = {u.username: u for u in User.objects.select_related("person__line_manager")}
    for login in logins:
        user = users[login.username]
        assert set(login.roles) == EXPECTED_LOGINS[login.username]
        assert set(user.groups.values_list("name", flat=True)) == EXPECTED_LOGINS[login.username]
        assert user.person is not None and not user.person.has_left
        assert user.is_staff == (login.username == "admin")
        assert not user.is_superuser
        (device,) = TOTPDevice.objects.filter(user=user)
        assert device.confirmed
        assert base64.b32encode(device.bin_key).decode() == login.totp_secret
        # The code an authenticator app makes from the printed secret is accepted.
        totp = TOTP(base64.b32decode(login.totp_secret))
        totp.time = time.time()
        assert device.verify_token(f"{totp.token():06d}")
    # One hash serves every login, so checking one checks them all.
    assert len({user.password for user in users.values()}) == 1
    assert check_password(password, users["staff"].password)

    staff, manager = users["staff"].person, users["manager"].person
    assert staff.role_type == RoleType.PCSO
    assert staff.line_manager == manager
    assert manager.rank_or_grade == "Sergeant"
    assert users["psd.caseworker"].person.org_unit.code == "PSD-INV"
    assert users["psd.head"].person.job_title == "Head of Professional Standards"
    assert users["psd.head"].person.rank_or_grade == "Superintendent"
    assert users["ccu.analyst"].person.role_type == RoleType.STAFF
    assert users["ccu.analyst"].person.org_unit.code == "PSD-CCU"
    assert users["ccu.analyst2"].person.org_unit.code == "PSD-CCU"
    assert users["ccu.head"].person.rank_or_grade == "Detective Chief Inspector"
    assert users["dcc"].person.rank_or_grade == "Deputy Chief Constable"
    assert users["admin"].person.org_unit.code == "ICT"
    assert users["auditor"].person.org_unit.code == "ICT-IA"


def test_rerunning_changes_nothing_and_keeps_the_password_and_secrets():
    seed_force(people=SMALL)
    first = seed_logins()
    before, directory = _totals(), _directory()

    summary = seed_force(people=SMALL)
    again = seed_logins(existing={login.username: asdict(login) for login in first})

    assert summary.people_created == summary.units_created == 0
    assert _totals() == before
    assert _directory() == directory
    assert again == first


def test_rerunning_without_the_logins_file_keeps_the_authenticators():
    seed_force(people=SMALL)
    first = {login.username: login for login in seed_logins()}
    devices = TOTPDevice.objects.count()

    again = {login.username: login for login in seed_logins()}

    assert TOTPDevice.objects.count() == devices
    assert {u: login.totp_secret for u, login in again.items()} == {
        u: login.totp_secret for u, login in first.items()
    }
    # The old password cannot be read back from its hash, so a new one replaces it.
    new_password = again["staff"].password
    assert new_password != first["staff"].password
    assert check_password(new_password, User.objects.get(username="dcc").password)


def test_secrets_from_the_last_file_are_reused_for_a_fresh_database():
    seed_force(people=SMALL)
    secret = base64.b32encode(bytes(range(20))).decode()
    existing = {"ccu.head": {"username": "ccu.head", "password": "", "totp_secret": secret}}

    logins = {login.username: login for login in seed_logins(existing=existing)}

    assert logins["ccu.head"].totp_secret == secret
    assert TOTPDevice.objects.get(user__username="ccu.head").bin_key == bytes(range(20))


def test_a_password_given_is_used_and_must_pass_the_password_rules():
    seed_force(people=SMALL)

    logins = seed_logins(password="northmoor demo passphrase 2017")
    assert {login.password for login in logins} == {"northmoor demo passphrase 2017"}
    user = User.objects.get(username="psd.head")
    assert check_password("northmoor demo passphrase 2017", user.password)

    with pytest.raises(ValidationError):
        seed_logins(password="short")


def test_a_force_too_small_for_its_chain_of_command_is_refused():
    smallest = smallest_force()
    with pytest.raises(ValueError, match=f"at least {smallest}"):
        seed_force(people=smallest - 1)
    assert not Person.objects.exists()

    # The smallest force still has someone for every demo login.
    seed_force(people=smallest)
    assert len(seed_logins()) == len(EXPECTED_LOGINS)


def test_a_different_force_is_not_mixed_into_the_one_already_seeded():
    seed_force(people=SMALL)
    before = _totals()

    with pytest.raises(ValueError, match="different demo force"):
        seed_force(people=SMALL, seed=1)
    with pytest.raises(ValueError, match="different demo force"):
        seed_force(people=300)
    assert _totals() == before


def test_people_made_elsewhere_do_not_stop_the_seeding():
    PersonFactory.create_batch(3)

    summary = seed_force(people=SMALL)

    assert summary.people_created == SMALL
    assert summary.people == SMALL + 3


def test_the_full_size_force_has_cleveland_2017_totals():
    started = time.monotonic()
    summary = seed_force()
    elapsed = time.monotonic() - started

    assert _people_by_role_type() == {
        RoleType.OFFICER: 1280,
        RoleType.PCSO: 125,
        RoleType.STAFF: 267,
        RoleType.PARTNERSHIP: 385,
        RoleType.SPECIAL: 63,
    }
    assert summary.people == 2120
    assert elapsed < 30, f"seeding 2,120 people took {elapsed:.1f} s"

    today = dt.date.today()
    people = list(Person.objects.values())
    staff_numbers = [p["staff_number"] for p in people]
    assert len(set(staff_numbers)) == 2120
    assert all(re.fullmatch(r"\d{6}", number) for number in staff_numbers)
    collars = [p["collar_number"] for p in people if p["collar_number"]]
    assert len(collars) == len(set(collars))
    uniformed = {RoleType.OFFICER, RoleType.PCSO, RoleType.SPECIAL}
    without_collar = [p for p in people if p["role_type"] in uniformed and not p["collar_number"]]
    assert {p["rank_or_grade"] for p in without_collar} == {
        "Chief Constable",
        "Deputy Chief Constable",
        "Assistant Chief Constable",
    }
    emails = [p["email"] for p in people]
    assert len(set(emails)) == 2120
    assert all(re.fullmatch(r"[a-z\-]+\.[a-z\-]+\d*@northmoor\.police\.example", e) for e in emails)
    assert {p["ethnicity"] for p in people} <= CENSUS_2021_CODES
    assert sum(p["ethnicity"] == "W1" for p in people) > 0.8 * 2120
    assert {p["sex"] for p in people} == {"F", "M", ""}
    assert all(p["vetting_level"] and p["vetting_expires"] for p in people)
    expiring = [p for p in people if today < p["vetting_expires"] <= today + dt.timedelta(90)]
    assert 40 < len(expiring) < 150
    leavers = [p for p in people if p["leave_date"]]
    assert 10 < len(leavers) < 60
    assert all(p["start_date"] < p["leave_date"] < today for p in leavers)
    assert all(p["start_date"] <= today for p in people)


def test_seed_demo_command_writes_the_logins_file_and_prints_every_login(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()

    call_command("seed_demo", people=SMALL, stdout=out)

    path = tmp_path / "demo-logins.json"
    assert path.stat().st_mode & 0o777 == 0o600
    entries = json.loads(path.read_text())
    assert [entry["username"] for entry in entries] == list(EXPECTED_LOGINS)
    assert all(set(entry) == {"username", "password", "roles", "totp_secret"} for entry in entries)
    printed = out.getvalue()
    for entry in entries:
        assert entry["username"] in printed
        assert entry["totp_secret"] in printed
    assert printed.count(entries[0]["password"]) == 1
    assert "authenticator app" in printed
    assert str(path) in printed
    assert "Police officer" in printed and "units" in printed

    before = _totals()
    call_command("seed_demo", people=SMALL, stdout=io.StringIO())
    assert json.loads(path.read_text()) == entries
    assert _totals() == before


def test_seed_demo_command_explains_a_force_too_small(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    with pytest.raises(CommandError, match="at least"):
        call_command("seed_demo", people=10, stdout=io.StringIO())
    assert not (tmp_path / "demo-logins.json").exists()
