import threading
import time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from ngo_portal.models import Notification
from ngo_portal.services import notification_deliver
from organizations.models import OrganizationMembership
from organizations.permissions import organization_roles
from organizations.services import (
    invitation_accept,
    invitation_decline,
    invitation_revoke,
    membership_approve,
    membership_change_role,
    membership_decline,
    membership_invite,
    membership_leave,
    membership_remove,
    membership_request,
)
from tests.ngo_portal.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, OrganizationMembershipFactory

pytestmark = pytest.mark.django_db

Role = OrganizationMembership.Role
State = OrganizationMembership.State


@pytest.fixture
def org():
    return OrganizationFactory(name_zh="西宁社区发展中心", name_en="Xining Community Center")


def _membership(org, role=Role.MEMBER, **kwargs):
    return OrganizationMembershipFactory(organization=org, role=role, **kwargs)


def _code(fn, **kwargs) -> str:
    with pytest.raises(ValidationError) as raised:
        fn(**kwargs)
    return raised.value.error_list[0].code if hasattr(raised.value, "error_list") else ""


# --- asking to join -----------------------------------------------------------------------


def test_a_request_notifies_owners_and_admins_and_approval_notifies_the_requester(
    org, owner, django_capture_on_commit_callbacks
):
    admin = _membership(org, Role.ADMIN).user
    _membership(org, Role.MEMBER)
    requester = UserFactory(full_name="李娜", email="li.na@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_request(organization=org, user=requester)

    assert membership.state == State.REQUESTED
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {owner.email, admin.email}
    assert sent[owner.email].subject == "[NGO Portal] 李娜 asks to join Xining Community Center"
    assert "li.na@example.org" in sent[owner.email].body
    assert f"/organizations/{org.pk}/members/" in sent[owner.email].body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        membership_approve(membership=membership, by=owner)

    membership.refresh_from_db()
    assert membership.state == State.ACTIVE and membership.responded_at is not None
    assert [message.to for message in mail.outbox] == [[requester.email]]
    assert "request to join Xining Community Center was approved" in mail.outbox[0].body
    kinds = set(Notification.objects.values_list("kind", "email"))
    assert ("organization_join_approved", requester.email) in kinds


def test_a_request_is_answered_once(org, owner):
    membership = membership_request(organization=org, user=UserFactory())
    membership_approve(membership=membership, by=owner)

    assert _code(membership_decline, membership=membership, by=owner) == "already_answered"
    membership.refresh_from_db()
    assert membership.state == State.ACTIVE


def test_a_declined_requester_may_ask_again_but_not_twice_at_once(org, owner):
    user = UserFactory()
    membership_decline(membership=membership_request(organization=org, user=user), by=owner)

    again = membership_request(organization=org, user=user)

    assert again.state == State.REQUESTED
    assert _code(membership_request, organization=org, user=user) == "already_requested"
    assert OrganizationMembership.objects.filter(organization=org, user=user).count() == 1


def test_a_member_cannot_ask_to_join_and_a_plain_member_cannot_answer(org):
    member = _membership(org).user
    assert _code(membership_request, organization=org, user=member) == "member"

    membership = membership_request(organization=org, user=UserFactory())
    with pytest.raises(PermissionDenied):
        membership_approve(membership=membership, by=member)


# --- invitations ----------------------------------------------------------------------------


def test_invite_sends_one_e_mail_with_the_link_and_a_second_run_sends_nothing(
    org, owner, django_capture_on_commit_callbacks
):
    owner.full_name = "王芳"
    owner.save()

    with django_capture_on_commit_callbacks(execute=True):
        invitation = membership_invite(
            organization=org, email="Zhang.Wei@Example.org", role=Role.ADMIN, by=owner
        )

    invitation.refresh_from_db()
    assert invitation.invited_email == "zhang.wei@example.org"
    assert invitation.state == State.INVITED
    outbox_row = Notification.objects.get(kind="organization_invitation")
    assert (outbox_row.email, outbox_row.user, outbox_row.status) == (
        "zhang.wei@example.org",
        None,
        Notification.Status.SENT,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhang.wei@example.org"]
    assert message.subject == "[NGO Portal] You are invited to join Xining Community Center"
    assert "王芳 invites you to join Xining Community Center on the NGO Portal as admin" in (
        message.body
    )
    assert f"/organizations/invitations/{invitation.invitation_token}/" in message.body
    assert invitation.invitation_token in message.alternatives[0][0]

    notification_deliver(notification_id=outbox_row.pk, final_attempt=True)
    assert len(mail.outbox) == 1


def test_the_invitation_goes_out_in_the_invitees_language(
    org, owner, django_capture_on_commit_callbacks
):
    UserFactory(email="chen@example.org", preferred_language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        membership_invite(organization=org, email="chen@example.org", role=Role.MEMBER, by=owner)

    assert "/zh-hans/organizations/invitations/" in mail.outbox[0].body
    assert "西宁社区发展中心" in mail.outbox[0].subject


def test_the_invitation_of_someone_without_an_account_is_in_the_inviters_language(
    org, django_capture_on_commit_callbacks
):
    owner = _membership(org, Role.OWNER).user
    owner.preferred_language = "zh-hans"
    owner.save()

    with django_capture_on_commit_callbacks(execute=True):
        membership_invite(organization=org, email="new@example.org", role=Role.MEMBER, by=owner)

    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    assert "/zh-hans/organizations/invitations/" in message.body
    assert "西宁社区发展中心" in message.subject


def test_a_withdrawn_invitation_is_not_sent(org, django_capture_on_commit_callbacks):
    owner = _membership(org, Role.OWNER).user
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = membership_invite(
            organization=org, email="a@example.org", role="member", by=owner
        )
    invitation_revoke(membership=invitation, by=owner)

    for callback in callbacks:  # the send task queued by the invitation runs after the revoke
        callback()

    assert mail.outbox == []
    assert Notification.objects.get(kind="organization_invitation").status == (
        Notification.Status.CANCELLED
    )


def test_invitations_refuse_members_open_invitations_and_owners_invited_by_admins(org, owner):
    admin = _membership(org, Role.ADMIN).user
    member = _membership(org).user
    membership_invite(organization=org, email="open@example.org", role=Role.MEMBER, by=owner)

    def refused(**kwargs):
        with pytest.raises(ValidationError) as raised:
            membership_invite(organization=org, **kwargs)
        return raised.value.message_dict

    assert (
        "already a member"
        in refused(email=member.email.upper(), role="member", by=owner)["email"][0]
    )
    assert (
        "already been invited"
        in refused(email="OPEN@example.org", role="member", by=admin)["email"][0]
    )
    assert "Only an owner" in refused(email="new@example.org", role=Role.OWNER, by=admin)["role"][0]
    with pytest.raises(PermissionDenied):
        membership_invite(organization=org, email="x@example.org", role="member", by=member)
    assert OrganizationMembership.objects.filter(state=State.INVITED).count() == 1


def test_accept_with_the_invited_address_in_any_case(org, owner):
    invitation = membership_invite(
        organization=org, email="zhang.wei@example.org", role=Role.ADMIN, by=owner
    )
    invitee = UserFactory(email="Zhang.Wei@EXAMPLE.org")
    assert organization_roles(invitee) == {}

    accepted = invitation_accept(membership=invitation, user=invitee)

    assert (accepted.user, accepted.state, accepted.role) == (invitee, State.ACTIVE, Role.ADMIN)
    assert organization_roles(invitee) == {org.pk: Role.ADMIN}  # the cache was refreshed


def test_accept_with_another_address_is_refused_and_changes_nothing(org, owner):
    invitation = membership_invite(
        organization=org, email="zhang.wei@example.org", role="member", by=owner
    )
    stranger = UserFactory(email="someone.else@example.org")

    assert _code(invitation_accept, membership=invitation, user=stranger) == (
        "invitation_email_mismatch"
    )
    assert _code(invitation_decline, membership=invitation, user=stranger) == (
        "invitation_email_mismatch"
    )
    invitation.refresh_from_db()
    assert (invitation.state, invitation.user) == (State.INVITED, None)


def test_decline_closes_the_invitation_and_its_link(org, owner):
    invitation = membership_invite(organization=org, email="z@example.org", role="member", by=owner)
    invitee = UserFactory(email="z@example.org")

    invitation_decline(membership=invitation, user=invitee)

    invitation.refresh_from_db()
    assert (invitation.state, invitation.invitation_token) == (State.DECLINED, None)
    assert _code(invitation_accept, membership=invitation, user=invitee) == "invitation_closed"


def test_accepting_replaces_an_earlier_request_to_join(org, owner):
    invitee = UserFactory(email="z@example.org")
    membership_request(organization=org, user=invitee)
    invitation = membership_invite(organization=org, email="z@example.org", role="member", by=owner)

    invitation_accept(membership=invitation, user=invitee)

    rows = OrganizationMembership.objects.filter(organization=org, user=invitee)
    assert [(row.pk, row.state) for row in rows] == [(invitation.pk, State.ACTIVE)]


# --- roles, removal, leaving: the last-owner rule ------------------------------------------------


def test_the_last_owner_cannot_leave_but_a_member_can(org):
    owner = _membership(org, Role.OWNER)
    member = _membership(org)

    assert _code(membership_leave, organization=org, user=owner.user) == "last_owner"
    membership_leave(organization=org, user=member.user)

    assert list(OrganizationMembership.objects.values_list("pk", flat=True)) == [owner.pk]


def test_an_owner_may_leave_when_another_owner_stays(org):
    first, second = _membership(org, Role.OWNER), _membership(org, Role.OWNER)

    membership_leave(organization=org, user=first.user)

    assert list(OrganizationMembership.objects.values_list("pk", flat=True)) == [second.pk]


def test_the_last_owner_cannot_be_demoted(org):
    owner = _membership(org, Role.OWNER)

    assert _code(membership_change_role, membership=owner, role=Role.ADMIN, by=owner.user) == (
        "last_owner"
    )
    owner.refresh_from_db()
    assert owner.role == Role.OWNER


def test_an_owner_promotes_then_steps_down(org):
    owner, admin = _membership(org, Role.OWNER), _membership(org, Role.ADMIN)

    membership_change_role(membership=admin, role=Role.OWNER, by=owner.user)
    membership_change_role(membership=owner, role=Role.MEMBER, by=owner.user)

    roles = dict(OrganizationMembership.objects.values_list("pk", "role"))
    assert roles == {owner.pk: Role.MEMBER, admin.pk: Role.OWNER}


def test_the_last_owner_cannot_be_removed_by_an_owner_who_was_just_demoted(org):
    first, second = _membership(org, Role.OWNER), _membership(org, Role.OWNER)
    organization_roles(first.user)  # first's page was loaded while still an owner
    membership_change_role(membership=first, role=Role.ADMIN, by=second.user)

    assert _code(membership_remove, membership=second, by=first.user) == "last_owner"
    assert OrganizationMembership.objects.filter(pk=second.pk, role=Role.OWNER).exists()


def test_remove_deletes_the_membership(org):
    owner, member = _membership(org, Role.OWNER), _membership(org)

    membership_remove(membership=member, by=owner.user)

    assert not OrganizationMembership.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_owners_leaving_at_the_same_moment_leave_one_owner(org):
    """The second owner leaves while the first one's leave is not yet committed. With the lock
    the second waits, recounts and is refused; the control, the same steps without the lock,
    shows both leaving and the organization without an owner."""
    first, second = _membership(org, Role.OWNER), _membership(org, Role.OWNER)

    assert _leave_concurrently(org, first.user, second.user, membership_leave) == "last_owner"
    assert OrganizationMembership.objects.filter(organization=org, role=Role.OWNER).count() == 1

    OrganizationMembership.objects.filter(organization=org).delete()
    third, fourth = _membership(org, Role.OWNER), _membership(org, Role.OWNER)
    assert _leave_concurrently(org, third.user, fourth.user, _unlocked_leave) == "left"
    assert not OrganizationMembership.objects.filter(organization=org, role=Role.OWNER).exists()


def _unlocked_leave(*, organization, user):
    with transaction.atomic():
        owners = OrganizationMembership.objects.filter(
            organization=organization, state=State.ACTIVE, role=Role.OWNER
        )
        if owners.count() == 1:
            raise ValidationError("last owner", code="last_owner")
        OrganizationMembership.objects.filter(organization=organization, user=user).delete()


def _leave_concurrently(org, first, second, leave) -> str:
    """First leaves and holds its transaction open for a moment; second leaves meanwhile.
    Returns what happened to the second."""
    first_left = threading.Event()
    outcome = []

    def run_first():
        try:
            with transaction.atomic():
                leave(organization=org, user=first)
                first_left.set()
                time.sleep(0.5)  # the second's leave starts while this is uncommitted
        finally:
            first_left.set()
            connection.close()

    def run_second():
        first_left.wait(timeout=10)
        try:
            leave(organization=org, user=second)
            outcome.append("left")
        except ValidationError as error:
            outcome.append(error.error_list[0].code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return outcome[0]


def test_plain_text_mail_carries_names_as_typed_and_html_escapes_them(
    org, owner, django_capture_on_commit_callbacks
):
    """The subject and the text part are plain text: "Tom & Jerry's" arrives as typed, never as
    "Tom &amp; Jerry&#x27;s"; the HTML part still escapes it."""
    org.name_en = "Tom & Jerry's <Club>"
    org.save(update_fields=["name_en"])
    requester = UserFactory(full_name="O'Brien & Co")

    with django_capture_on_commit_callbacks(execute=True):
        membership_request(organization=org, user=requester)

    (message,) = [m for m in mail.outbox if m.to == [owner.email]]
    assert "O'Brien & Co" in message.subject and "&amp;" not in message.subject
    assert "Tom & Jerry's <Club>" in message.subject
    assert "O'Brien & Co" in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body
    html = message.alternatives[0][0]
    assert "O&#x27;Brien &amp; Co" in html
