"""allauth's pages and e-mails speak with the portal's voice: 电子邮箱, 账户, 您."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from ngo_portal.mail import subject_prefix

from .factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "quiet-river-stones-42"
OTHER_VOICE = re.compile("电子邮件地址|[Ee]mail地址|你|帐号|账号|Hello|的 token")


def _sign_up(client, path, language):
    return client.post(
        path,
        {
            "email": "zhang.min@example.org",
            "full_name": "张敏",
            "preferred_language": language,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_the_subject_prefix_is_translated():
    with translation.override("zh-hans"):
        chinese = subject_prefix()
    with translation.override("en"):
        english = subject_prefix()

    assert chinese == "[NGO 门户] "
    assert english == "[NGO Portal] "


@override_settings(ACCOUNT_EMAIL_SUBJECT_PREFIX="[Amity NDC] ")
def test_an_installation_s_own_prefix_is_used_as_written():
    with translation.override("zh-hans"):
        assert subject_prefix() == "[Amity NDC] "


def test_a_chinese_sign_up_confirmation_e_mail_speaks_our_chinese(client):
    _sign_up(client, "/zh-hans/accounts/signup/", "zh-hans")

    message = mail.outbox[0]
    assert message.subject.startswith("[NGO 门户] ")
    assert "电子邮箱" in message.body
    assert not OTHER_VOICE.search(message.subject + message.body)


def test_the_confirmation_follows_the_recipient_s_language_not_the_page_s(client):
    _sign_up(client, "/accounts/signup/", "zh-hans")

    message = mail.outbox[0]
    assert message.subject.startswith("[NGO 门户] ")
    assert "电子邮箱" in message.body
    assert "/zh-hans/accounts/confirm-email/" in message.body


def test_an_english_recipient_gets_english_from_a_chinese_page(client):
    _sign_up(client, "/zh-hans/accounts/signup/", "en")

    message = mail.outbox[0]
    assert message.subject.startswith("[NGO Portal] ")
    assert "/zh-hans/" not in message.body
    assert "/accounts/confirm-email/" in message.body


@pytest.mark.parametrize(
    ("language", "greeting", "thanks"),
    [
        ("en", "Hello from NGO Portal!", "Thank you for using NGO Portal!"),
        ("zh-hans", "您好！这里是 NGO 门户。", "感谢您使用 NGO 门户！"),
    ],
)
def test_the_confirmation_e_mail_names_the_portal_not_the_host(
    client, settings, language, greeting, thanks
):
    settings.SITE_URL = "https://portal.example.org"
    _sign_up(client, f"/{language}/accounts/signup/".replace("/en/", "/"), language)

    body = mail.outbox[0].body
    assert greeting in body
    assert thanks in body
    assert "portal.example.org" in body
    # The request's host (testserver) is only in the link, which must work from where it was asked.
    text = "\n".join(line for line in body.splitlines() if "/confirm-email/" not in line)
    assert "testserver" not in text


@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_account_pages_in_chinese_use_our_words(client, url_name):
    with translation.override("zh-hans"):
        url = reverse(url_name)

    page = client.get(url).content.decode()

    assert url.startswith("/zh-hans/")
    assert "电子邮箱" in page or url_name == "account_email_verification_sent"
    assert not OTHER_VOICE.search(page)


def test_the_e_mail_management_page_uses_our_words(client):
    client.force_login(UserFactory(preferred_language="zh-hans"))

    page = client.get("/zh-hans/accounts/email/").content.decode()

    assert "以下电子邮箱已关联到您的账户" in page
    assert not OTHER_VOICE.search(page)


def test_the_password_reset_e_mail_uses_our_words(client):
    UserFactory(email="zhao.lei@example.org", preferred_language="zh-hans")

    client.post("/zh-hans/accounts/password/reset/", {"email": "zhao.lei@example.org"})

    message = mail.outbox[0]
    assert message.subject.startswith("[NGO 门户] ")
    assert not OTHER_VOICE.search(message.subject + message.body)


def test_an_invalid_password_reset_link_is_explained_in_our_words(client):
    page = client.get("/zh-hans/accounts/password/reset/key/1-junk/").content.decode()

    assert "密码重置链接无效" in page
    assert "Bad Token" not in page
    assert not OTHER_VOICE.search(page)


def test_the_chinese_admin_reads_its_hidden_column_headers_in_chinese(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get("/zh-hans/admin/").content.decode()

    assert "模型名称" in page
    assert "Model name" not in page
    assert "Change or view list link" not in page
