"""Factories for the nominal index: a nominal normalised as the services normalise it."""

from __future__ import annotations

import factory

from ccu.matching import normalise
from tests.ccu.factories import NominalFactory


class IndexedNominalFactory(NominalFactory):
    normalised = factory.LazyAttribute(lambda o: normalise(o.kind, o.name))
