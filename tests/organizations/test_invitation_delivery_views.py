"""The members page says what became of each invitation e-mail: sent, being sent, or failed
(with "send again"), and an invitation reaches its address once."""

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.urls import reverse

from ngo_portal.models import Notification
from ngo_portal.tasks import notification_send
from organizations.models import OrganizationMembership
from tests.ngo_portal.factories import UserFactory
from tests.ngo_portal.outbox import FAILING_BACKEND, LOCMEM_BACKEND, run_until_given_up
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = pytest.mark.django_db

Role = OrganizationMembership.Role
INVITEE = "wu.min@example.org"


@pytest.fixture
def organization():
    return OrganizationFactory(name_zh="西宁社区发展中心")


@pytest.fixture
def owner(client, organization):
    owner = OrganizationMembershipFactory(organization=organization, role=Role.OWNER).user
    client.force_login(owner)
    return owner


def _members_url(organization):
    return reverse("organizations:membership_list", args=[organization.pk])


def _invitation_row(page: str) -> str:
    """The table row of the invitation on the members page."""
    start = page.index(f'<th scope="row">{INVITEE}</th>')
    return page[start : page.index("</tr>", start)]


def _invite_while_mail_is_down(client, organization, settings, capture):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with capture(execute=False) as callbacks:
        response = client.post(_members_url(organization), {"email": INVITEE, "role": "member"})
    assert response.status_code == 302
    (send,) = callbacks  # the outbox's send task, queued for after the commit
    return send, Notification.objects.get(kind="organization_invitation", email=INVITEE)


def test_a_failed_invitation_shows_as_failed_and_can_be_sent_again_once(
    client, organization, owner, settings, django_capture_on_commit_callbacks
):
    send, notification = _invite_while_mail_is_down(
        client, organization, settings, django_capture_on_commit_callbacks
    )
    with pytest.raises(Retry):
        send()  # the first try, through the path the page used

    row = _invitation_row(client.get(_members_url(organization)).text)
    assert "being sent" in row
    assert "Send again" not in row

    run_until_given_up(notification.pk, first_retry=1)

    row = _invitation_row(client.get(_members_url(organization)).text)
    assert "could not be sent" in row
    assert "being sent" not in row
    assert "Send again" in row
    assert mail.outbox == []

    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    membership = OrganizationMembership.objects.get(invited_email=INVITEE)
    resend = reverse("organizations:invitation_resend", args=[organization.pk, membership.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend)
    assert response.status_code == 302

    row = _invitation_row(client.get(_members_url(organization)).text)
    assert "sent " in row and "could not be sent" not in row
    assert [message.to for message in mail.outbox] == [[INVITEE]]
    assert membership.invitation_token in mail.outbox[0].body

    # A duplicate task, or a second "send again", sends nothing more.
    notification_send.apply(args=[notification.pk])
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(resend, follow=True)
    assert "Only an invitation that could not be sent can be sent again." in again.text
    assert len(mail.outbox) == 1


def test_only_managers_may_send_an_invitation_again(
    client, organization, owner, settings, django_capture_on_commit_callbacks
):
    send, notification = _invite_while_mail_is_down(
        client, organization, settings, django_capture_on_commit_callbacks
    )
    with pytest.raises(Retry):
        send()
    run_until_given_up(notification.pk, first_retry=1)
    membership = OrganizationMembership.objects.get(invited_email=INVITEE)
    resend = reverse("organizations:invitation_resend", args=[organization.pk, membership.pk])
    client.force_login(OrganizationMembershipFactory(organization=organization).user)

    assert client.post(resend).status_code == 403

    client.logout()
    response = client.post(resend)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED


def test_the_invitation_goes_out_in_the_language_chosen_on_the_form(
    client, organization, owner, django_capture_on_commit_callbacks
):
    assert owner.preferred_language == "en"
    url = "/zh-hans" + _members_url(organization)
    page = client.get(url).text
    assert '<option value="zh-hans" selected>简体中文</option>' in page  # the page's language

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": INVITEE, "role": "member", "language": "zh-hans"})
    assert response.status_code == 302

    (message,) = mail.outbox
    assert message.to == [INVITEE]
    assert "您受邀加入西宁社区发展中心" in message.subject
    assert "/zh-hans/organizations/invitations/" in message.body
    assert "invites you" not in message.body


def test_an_invitee_with_an_account_gets_their_own_language_whatever_the_form_says(
    client, organization, owner, django_capture_on_commit_callbacks
):
    UserFactory(email=INVITEE, preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/zh-hans" + _members_url(organization),
            {"email": INVITEE, "role": "member", "language": "zh-hans"},
        )

    (message,) = mail.outbox
    assert "You are invited to join" in message.subject
