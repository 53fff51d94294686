"""The portal's icon on admin pages, and /favicon.ico for whatever asks for it."""

import pytest
from django.templatetags.static import static

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ICON_LINK = f'<link rel="icon" href="{static("img/favicon.svg")}" type="image/svg+xml">'


def test_admin_pages_link_the_portal_s_icon_and_keep_their_heading(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    index = client.get("/admin/").text
    assert ICON_LINK in index
    assert '<div id="site-name"><a href="/admin/">NGO Portal</a></div>' in index
    changelist = client.get("/zh-hans/admin/organizations/organization/").text
    assert ICON_LINK in changelist
    assert "NGO 门户" in changelist


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg")
    assert client.get(response["Location"]).status_code == 200
