"""seed_demo recreates the Xining session of June 2014 with its true figures: 35 / 32 / 4."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from ngo_portal.models import Region
from trainings.models import TrainingProgram, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_db_setup):
    if not Region.objects.filter(code="630100").exists():
        call_command("load_regions", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent


def figures(html: str) -> list[int]:
    section = re.search(r'id="figures-heading".*?</ul>', html, re.S).group(0)
    return [int(n) for n in re.findall(r"<strong>(\d+)</strong>", section)]


def test_the_xining_session_shows_35_participants_32_organizations_4_provinces(client, demo):
    program = TrainingProgram.objects.get(title__startswith="Promoting NGO Development")
    xining = TrainingSession.objects.get(program=program, number=1)

    assert list(program.sessions.order_by("number").values_list("number", flat=True)) == list(
        range(1, 10)
    )
    assert (xining.starts_on, xining.ends_on) == (
        datetime.date(2014, 6, 25),
        datetime.date(2014, 6, 27),
    )
    assert xining.host_organization.name_en == "Qinghai Association of Social Works"
    assert [t.name for t in xining.trainers.all()] == ["Zhou Peng"]
    assert sorted(t.name for t in xining.speakers.all()) == ["Lai Yingcai", "Ma Yusheng"]
    page = client.get(reverse("trainings:session_detail", args=[xining.pk])).content.decode()
    assert figures(page) == [35, 32, 4]
    assert "Zhou Peng" in page and "Badi Foundation" in page
    provinces = {
        code[:2]
        for code in xining.registrations.values_list("organization__region_code", flat=True)
    }
    assert provinces == {"63", "62", "64", "61"}  # Qinghai, Gansu, Ningxia, Shaanxi

    client.login(email="cango.officer@example.org", password="portal-demo-2026")
    statistics = client.get(
        reverse("trainings:session_statistics", args=[xining.pk])
    ).content.decode()
    assert re.findall(r"<dd>(\d+)</dd>", statistics)[:3] == ["35", "32", "4"]
    regions = {
        session.region.parent.code[:2] if session.region.parent else session.region.code[:2]
        for session in program.sessions.all()
    }
    assert (
        {"63", "62", "64"} <= regions
        and {"53", "51", "52"} <= regions
        and {"42", "43", "41"} <= regions
    )
