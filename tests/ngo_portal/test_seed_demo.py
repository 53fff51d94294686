"""`seed_demo` is idempotent and every login it prints works with the password it prints."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from ngo_portal.models import Center, CenterMembership, Community, Region, User
from organizations import demo_data
from organizations.models import Organization, OrganizationMembership

pytestmark = pytest.mark.django_db

LOGIN_LINE = re.compile(r"^\s+(\S+@\S+)\s+(.+)$", re.MULTILINE)
PASSWORD_LINE = re.compile(r"password for all: (\S+?)\)")


@pytest.fixture(autouse=True)
def demo_counties():
    """Only the counties the demo data names: with regions present, seed_demo loads no division
    list (that loader is tested on its own), so these tests stay fast."""
    codes = {row[0] for row in demo_data.COMMUNITIES} | {row[3] for row in demo_data.ORGANIZATIONS}
    Region.objects.bulk_create(
        Region(code=code, level=Region.Level.COUNTY, name_zh=f"县{code}", name_en=f"County {code}")
        for code in sorted(codes)
    )


def _seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts():
    models = (
        User,
        EmailAddress,
        Center,
        CenterMembership,
        Community,
        Organization,
        OrganizationMembership,
        Region,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_running_twice_changes_nothing():
    _seed()
    first = _counts()
    roles = set(CenterMembership.objects.values_list("user__email", "center__slug", "role"))

    _seed()

    assert _counts() == first
    assert set(CenterMembership.objects.values_list("user__email", "center__slug", "role")) == roles
    assert first["Center"] >= 2
    assert first["Organization"] >= 1


def test_every_printed_login_signs_in_with_the_printed_password(client):
    output = _seed()

    password = PASSWORD_LINE.search(output).group(1)
    logins = dict(LOGIN_LINE.findall(output))
    described = " ".join(logins.values())
    assert "admin (superuser)" in described
    for role in ("manager", "officer", "reviewer", "mentor"):
        assert role in described
    for email in logins:
        assert client.login(email=email, password=password), email
        assert EmailAddress.objects.get(email=email).verified
        client.logout()


def test_seeded_roles_follow_the_dashboard_rules(client):
    password = PASSWORD_LINE.search(_seed()).group(1)

    client.login(email="officer@example.org", password=password)
    assert client.get("/dashboard/").status_code == 200
    client.login(email="reviewer@example.org", password=password)
    assert client.get("/dashboard/").status_code == 403
