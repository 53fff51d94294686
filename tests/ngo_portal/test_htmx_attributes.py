"""htmx attributes are written in their data-hx-* form: the Nu HTML checker rejects bare hx-*."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.ngo_portal.factories import UserFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent
BARE_ATTRIBUTE = re.compile(r"""(?<![\w-])hx-[a-z-]+\s*=|["']hx-[a-z-]+["']\s*:""")
SOURCES = [
    *(BASE_DIR / "templates").rglob("*.html"),
    *(
        path
        for app in ("ngo_portal", "organizations")
        for path in (BASE_DIR / app).rglob("*.py")
        if "migrations" not in path.parts
    ),
]


def test_the_pattern_finds_bare_attributes():
    assert BARE_ATTRIBUTE.search('<a hx-get="/x">')
    assert BARE_ATTRIBUTE.search('attrs={"hx-target": "#x"}')
    assert not BARE_ATTRIBUTE.search('<a data-hx-get="/x">')


def test_no_bare_hx_attribute_in_templates_or_code():
    offenders = [
        f"{path.relative_to(BASE_DIR)}: {match}"
        for path in SOURCES
        for match in BARE_ATTRIBUTE.findall(path.read_text(encoding="utf-8"))
    ]

    assert len(SOURCES) > 50
    assert offenders == []


@pytest.mark.django_db
def test_rendered_pages_carry_only_data_hx_attributes(client):
    client.force_login(UserFactory())
    for url in (
        reverse("organizations:organization_list"),
        reverse("organizations:organization_create"),
    ):
        page = client.get(url).content.decode()
        assert "data-hx-get" in page
        assert not BARE_ATTRIBUTE.search(page)
