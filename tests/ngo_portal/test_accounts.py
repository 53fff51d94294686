"""Sign-up with mandatory e-mail verification, the welcome e-mail, language-aware login, reset."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from ngo_portal.models import Notification, User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "quiet-river-stones-42"
CONFIRM_LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/")


def _sign_up(client, email="lin.hua@example.org", language="en", **overrides):
    data = {
        "email": email,
        "full_name": "林华",
        "preferred_language": language,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def _confirm_link(message):
    match = CONFIRM_LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def test_sign_up_sends_a_verification_link_and_stores_the_profile(client):
    response = _sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="lin.hua@example.org")
    assert user.full_name == "林华"
    assert user.preferred_language == "en"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lin.hua@example.org"]
    assert _confirm_link(mail.outbox[0])


def test_login_before_confirming_does_not_sign_in(client):
    _sign_up(client)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "lin.hua@example.org", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    home = client.get("/")
    assert not home.context["user"].is_authenticated


def test_confirming_verifies_signs_in_and_welcomes(client, django_capture_on_commit_callbacks):
    _sign_up(client)
    link = _confirm_link(mail.outbox[0])
    mail.outbox.clear()

    page = client.get(link)
    assert page.status_code == 200
    assert not EmailAddress.objects.get(email="lin.hua@example.org").verified
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(email="lin.hua@example.org")
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)
    welcome = Notification.objects.get(user=user, kind="welcome")
    assert welcome.status == Notification.Status.SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lin.hua@example.org"]
    assert "Welcome to the NGO Portal" in message.subject
    assert "Your e-mail address is confirmed" in message.body
    assert "/accounts/login/" in message.body
    assert "/zh-hans/" not in message.body


def test_chinese_sign_up_gets_the_welcome_e_mail_in_chinese(
    client, django_capture_on_commit_callbacks
):
    _sign_up(client, email="zhang.min@example.org", language="zh-hans")
    link = _confirm_link(mail.outbox[0])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)

    assert response["Location"].startswith("/zh-hans/")
    assert User.objects.get(email="zhang.min@example.org").preferred_language == "zh-hans"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    # The link is reversed in the recipient's language, whatever language the request used.
    assert "/zh-hans/accounts/login/" in message.body
    html = message.alternatives[0].content
    assert 'lang="zh-hans"' in html
    assert "/zh-hans/accounts/login/" in html


def test_chinese_welcome_subject_is_translated(client, django_capture_on_commit_callbacks):
    _sign_up(client, email="zhang.min@example.org", language="zh-hans")
    link = _confirm_link(mail.outbox[0])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)

    message = mail.outbox[0]
    assert "欢迎使用 NGO 门户" in message.subject
    assert "Your e-mail address is confirmed" not in message.body


def test_login_redirects_to_the_preferred_language(client):
    UserFactory(email="wang.fang@example.org", preferred_language="zh-hans")

    response = client.post(
        "/accounts/login/", {"login": "wang.fang@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/zh-hans/")
    assert "_auth_user_id" in client.session


def test_login_of_an_english_user_stays_in_english(client):
    UserFactory(email="li.na@example.org", preferred_language="en")

    response = client.post(
        "/zh-hans/accounts/login/", {"login": "li.na@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_password_reset_sends_an_e_mail_with_a_reset_link(client):
    UserFactory(email="zhao.lei@example.org")

    response = client.post(reverse("account_reset_password"), {"email": "zhao.lei@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhao.lei@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_sign_up_with_mismatched_passwords_shows_the_error_and_keeps_the_e_mail(client):
    response = _sign_up(client, password2="a-different-password-9")

    assert response.status_code == 200
    form = response.context["form"]
    assert "password2" in form.errors
    assert "You must type the same password each time." in response.content.decode()
    assert 'value="lin.hua@example.org"' in response.content.decode()
    assert not User.objects.filter(email="lin.hua@example.org").exists()
    assert mail.outbox == []
