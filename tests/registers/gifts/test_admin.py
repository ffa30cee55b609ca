"""The gifts policy in the admin: the administrator keeps the thresholds (reference data, with
history) and nothing else of the register; declarations never appear there."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission

from registers.gifts.models import Gift, GiftDecision, GiftThreshold

pytestmark = pytest.mark.django_db

THRESHOLDS = "/admin/gifts/giftthreshold/"


def test_only_the_thresholds_are_in_the_admin():
    assert GiftThreshold in admin.site._registry
    assert Gift not in admin.site._registry
    assert GiftDecision not in admin.site._registry


def _allow(user) -> None:
    # The Administrator role's model permissions live in standards/access/roles.py
    # (ROLE_PERMISSIONS); until they list the thresholds, grant them here.
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="gifts",
            codename__in=["view_giftthreshold", "add_giftthreshold", "change_giftthreshold"],
        )
    )


def test_the_administrator_changes_a_band_and_history_keeps_who(client_for, administrator):
    _allow(administrator)
    client = client_for(administrator)
    assert "Line manager agreement" in client.get(THRESHOLDS).content.decode()
    band = GiftThreshold.objects.get(applies_to="accepted", requirement="line_manager")
    response = client.post(
        f"{THRESHOLDS}{band.pk}/change/",
        {
            "min_value": "5.00",
            "max_value": "30.00",
            "applies_to": "accepted",
            "donor_type": "",
            "requirement": "line_manager",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    band.refresh_from_db()
    assert str(band.max_value) == "30.00"
    assert band.history.first().history_user == administrator


def test_a_band_is_retired_never_deleted(client_for, administrator):
    _allow(administrator)
    band = GiftThreshold.objects.first()
    response = client_for(administrator).get(f"{THRESHOLDS}{band.pk}/delete/")
    assert response.status_code == 403
    assert GiftThreshold.objects.filter(pk=band.pk).exists()


def test_a_band_that_ends_below_its_start_is_refused(client_for, administrator):
    _allow(administrator)
    before = GiftThreshold.objects.count()
    body = (
        client_for(administrator)
        .post(
            f"{THRESHOLDS}add/",
            {"min_value": "50", "max_value": "10", "applies_to": "any", "requirement": "no_record"},
        )
        .content.decode()
    )
    assert "The highest value must not be below the lowest" in body
    assert GiftThreshold.objects.count() == before
