"""The core's own pages and the language switch take hostile parameters without a server
error (the organizations app's forms and parameters: tests/organizations/test_fuzz.py)."""

import pytest

from tests.ngo_portal.factories import UserFactory
from tests.organizations.test_fuzz import HOSTILE, _get, _post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [*HOSTILE, "/a\nb", "/a\r\nSet-Cookie: x=1", "/o/\x00"])
def test_language_switch_home_and_dashboard(client, value):
    for data in ({"language": "zh-hans", "next": value}, {"language": value, "next": "/"}):
        assert _post(client, "/language/", data).status_code == 302
    for url in ("/", "/dashboard/"):
        assert _get(client, url, {"q": value, "next": value}).status_code < 500


@pytest.mark.parametrize("value", [*HOSTILE, "²", "١٢", "1²"])
def test_my_files_page_parameter(client, value):
    client.force_login(UserFactory())

    response = _get(client, "/files/", {"before": value})

    assert response.status_code == 200
