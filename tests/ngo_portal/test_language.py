"""English at /, Chinese under /zh-hans/, and a switch that remembers a signed-in user's choice."""

import pytest
from django.conf import settings
from django.urls import reverse

from ngo_portal.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_root_is_english(client):
    response = client.get("/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_chinese_prefix_serves_chinese(client):
    response = client.get("/zh-hans/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in content
    assert "首页" in content


def test_switch_redirects_to_the_same_page_in_the_new_language(client):
    response = client.post(
        reverse("language_switch"), {"language": "zh-hans", "next": "/dashboard/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/dashboard/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "zh-hans"
    assert cookie["samesite"] == "Lax"


def test_switch_back_to_english_drops_the_prefix(client):
    response = client.post(
        reverse("language_switch"), {"language": "en", "next": "/zh-hans/dashboard/"}
    )

    assert response["Location"] == "/dashboard/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_switch_stores_a_signed_in_users_preference(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)

    client.post(reverse("language_switch"), {"language": "zh-hans", "next": "/"})

    user.refresh_from_db()
    assert user.preferred_language == "zh-hans"


def test_switch_to_english_from_a_chinese_page_leaves_the_chinese_url(client):
    client.get("/zh-hans/")  # a visitor who followed a link: no language cookie yet

    response = client.post(reverse("language_switch"), {"language": "en", "next": "/zh-hans/"})

    assert response["Location"] == "/"
    assert '<html lang="en">' in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example.com/", "//evil.example.com/path", "http://evil.example.com"]
)
def test_switch_refuses_an_off_site_next(client, next_url):
    response = client.post(reverse("language_switch"), {"language": "zh-hans", "next": next_url})

    location = response["Location"]
    assert response.status_code == 302
    assert location.startswith("/")
    assert not location.startswith("//")
    assert "evil" not in location


def test_switch_ignores_an_unknown_language(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)

    response = client.post(reverse("language_switch"), {"language": "fr", "next": "/dashboard/"})

    assert response["Location"] == "/dashboard/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert User.objects.get(pk=user.pk).preferred_language == "en"


def test_switch_answers_post_only(client):
    assert client.get(reverse("language_switch")).status_code == 405
