"""Behind a load balancer, per-IP login limits count each client, not the balancer."""

import pytest
from allauth.account.adapter import get_adapter
from django.urls import reverse

from tests.ngo_portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def _failed_login(client, email, forwarded_for):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": "wrong"},
        HTTP_X_FORWARDED_FOR=forwarded_for,
        REMOTE_ADDR="10.0.0.2",  # the load balancer
    )


def test_the_forwarded_address_is_the_client_with_one_trusted_proxy(rf, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="10.0.0.2")

    assert get_adapter().get_client_ip(request) == "203.0.113.7"


def test_without_a_trusted_proxy_the_header_is_ignored(rf, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.2")

    assert get_adapter().get_client_ip(request) == "10.0.0.2"


def test_two_clients_behind_one_proxy_are_limited_separately(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/m/ip"}
    user = UserFactory()
    for _attempt in range(2):
        _failed_login(client, user.email, "203.0.113.7")

    blocked = _failed_login(client, user.email, "203.0.113.7")
    other_client = _failed_login(client, user.email, "198.51.100.9")

    assert "Too many failed login attempts" in blocked.content.decode()
    assert "Too many failed login attempts" not in other_client.content.decode()
    assert other_client.status_code == 200
