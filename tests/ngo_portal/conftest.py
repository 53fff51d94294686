"""Fixtures shared by the core's tests; the people every app meets (center_user, staff,
staff_client) are in tests/conftest.py."""

import pytest

from .factories import CenterFactory


@pytest.fixture
def amity():
    return CenterFactory(slug="amity", name="Amity Development Center", name_zh="爱德发展中心")


@pytest.fixture
def cango():
    return CenterFactory(slug="cango", name="CANGO Regional Hub", name_zh="民促会区域中心")
