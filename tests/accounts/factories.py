"""Factories for logins. ``UserFactory(roles=[Role.CCU_ANALYST])`` gives a user with that role,
a staff-directory record and a confirmed authenticator."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.accounts.models import User
from tests.people.factories import PersonFactory

PASSWORD = "correct horse battery staple 42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    person = factory.SubFactory(PersonFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):  # noqa: ARG002 - factory-boy signature
        if not create or not extracted:
            return
        self.groups.add(*[Group.objects.get(name=str(role)) for role in extracted])

    @factory.post_generation
    def authenticator(self, create, extracted, **kwargs):  # noqa: ARG002
        if not create or extracted is False:
            return
        TOTPDevice.objects.create(user=self, name="Authenticator app", confirmed=True)
