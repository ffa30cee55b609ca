"""The force policy as data: the default bands, and the routing of each offer by its value, its
answer (accepted or declined) and its donor, at every boundary."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from registers.gifts.defaults import CHANGE_REASON, DEFAULT_POLICY, install_default_policy
from registers.gifts.models import DonorType, GiftThreshold, Requirement, Response
from registers.gifts.services import gift_route

pytestmark = pytest.mark.django_db

ACCEPTED, DECLINED = Response.ACCEPTED, Response.DECLINED


@pytest.mark.parametrize(
    ("value", "response", "donor_type", "expected"),
    [
        # Accepted: under £5 need not be recorded; £5 to £25 the line manager; over £25 PSD.
        ("0.00", ACCEPTED, DonorType.INDIVIDUAL, Requirement.NO_RECORD),
        ("4.99", ACCEPTED, DonorType.INDIVIDUAL, Requirement.NO_RECORD),
        ("5.00", ACCEPTED, DonorType.INDIVIDUAL, Requirement.LINE_MANAGER),
        ("25.00", ACCEPTED, DonorType.COMPANY, Requirement.LINE_MANAGER),
        ("25.01", ACCEPTED, DonorType.COMPANY, Requirement.PSD_APPROVAL),
        ("5000.00", ACCEPTED, DonorType.CHARITY, Requirement.PSD_APPROVAL),
        # Declined: under £5 need not be recorded; £5 and over recorded.
        ("0.00", DECLINED, DonorType.INDIVIDUAL, Requirement.NO_RECORD),
        ("4.99", DECLINED, DonorType.INDIVIDUAL, Requirement.NO_RECORD),
        ("5.00", DECLINED, DonorType.MEDIA, Requirement.RECORD_ONLY),
        ("25.01", DECLINED, DonorType.COMPANY, Requirement.RECORD_ONLY),
        ("9999.99", DECLINED, DonorType.COMPANY, Requirement.RECORD_ONLY),
        # A supplier or bidder: PSD approval whatever the value, accepted or declined.
        ("0.00", ACCEPTED, DonorType.SUPPLIER, Requirement.PSD_APPROVAL),
        ("4.99", DECLINED, DonorType.SUPPLIER, Requirement.PSD_APPROVAL),
        ("12.00", ACCEPTED, DonorType.SUPPLIER, Requirement.PSD_APPROVAL),
        ("100.00", DECLINED, DonorType.SUPPLIER, Requirement.PSD_APPROVAL),
    ],
)
def test_default_policy_routes_each_offer(value, response, donor_type, expected):
    route = gift_route(value=Decimal(value), response=response, donor_type=donor_type)
    assert route.requirement == expected
    assert route.threshold is not None


def test_the_migration_installs_the_default_policy_with_history():
    bands = GiftThreshold.objects.all()
    assert bands.count() == len(DEFAULT_POLICY)
    for band in bands:
        assert band.history.get().history_change_reason == CHANGE_REASON


def test_installing_again_never_adds_to_a_policy_already_there():
    assert install_default_policy(apps) == 0
    assert GiftThreshold.objects.count() == len(DEFAULT_POLICY)


def test_a_retired_band_no_longer_applies():
    band = GiftThreshold.objects.get(donor_type=DonorType.SUPPLIER)
    band.is_active = False
    band.save()
    route = gift_route(value=Decimal("3"), response=ACCEPTED, donor_type=DonorType.SUPPLIER)
    assert route.requirement == Requirement.NO_RECORD


def test_a_stricter_band_the_administrator_adds_wins():
    media = GiftThreshold.objects.create(
        min_value=Decimal("0"),
        max_value=None,
        applies_to="accepted",
        donor_type=DonorType.MEDIA,
        requirement=Requirement.PSD_APPROVAL,
    )
    route = gift_route(value=Decimal("6"), response=ACCEPTED, donor_type=DonorType.MEDIA)
    assert route == type(route)(Requirement.PSD_APPROVAL, media)
    # Other donors keep the general band.
    other = gift_route(value=Decimal("6"), response=ACCEPTED, donor_type=DonorType.COMPANY)
    assert other.requirement == Requirement.LINE_MANAGER


def test_a_gap_in_the_policy_sends_the_offer_to_psd():
    for band in GiftThreshold.objects.all():
        band.is_active = False
        band.save()
    route = gift_route(value=Decimal("1"), response=DECLINED, donor_type=DonorType.INDIVIDUAL)
    assert route.requirement == Requirement.PSD_APPROVAL
    assert route.threshold is None


def test_a_band_cannot_end_below_where_it_starts():
    band = GiftThreshold(min_value=Decimal("10"), max_value=Decimal("5"), requirement="no_record")
    with pytest.raises(ValidationError):
        band.full_clean()


def test_each_band_reads_in_plain_words():
    words = {str(band) for band in GiftThreshold.objects.all()}
    assert (
        "Accepted offer worth £5.00 to £25.00: must be declared, and needs your line "
        "manager's agreement" in words
    )
    assert any(w.startswith("Any offer from a supplier to the force") for w in words)


def test_after_a_flush_the_policy_comes_back_once_with_its_history():
    """A test database flush empties the table; the post_migrate hook puts the bands back
    through the real model, whose own history hook must not be doubled."""
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0)
    bands = GiftThreshold.objects.all()
    assert bands.count() == len(DEFAULT_POLICY)
    for band in bands:
        assert band.history.get().history_change_reason == CHANGE_REASON
