"""Registration, profile, membership and document URLs."""

from django.urls import path

from .views import documents, membership, profile

MEMBER = "<int:pk>/members/<int:membership_pk>"

urlpatterns = [
    path("new/", profile.organization_create, name="organization_create"),
    path("places/", profile.place_fields, name="place_fields"),
    path("invitations/<str:token>/", membership.invitation_respond, name="invitation_respond"),
    path("<int:pk>/", profile.organization_detail, name="organization_detail"),
    path("<int:pk>/edit/", profile.organization_edit, name="organization_edit"),
    path("<int:pk>/join/", membership.membership_request, name="membership_request"),
    path("<int:pk>/leave/", membership.membership_leave, name="membership_leave"),
    path("<int:pk>/members/", membership.membership_list, name="membership_list"),
    path(f"{MEMBER}/approve/", membership.membership_approve, name="membership_approve"),
    path(f"{MEMBER}/decline/", membership.membership_decline, name="membership_decline"),
    path(f"{MEMBER}/role/", membership.membership_change_role, name="membership_change_role"),
    path(f"{MEMBER}/remove/", membership.membership_remove, name="membership_remove"),
    path(f"{MEMBER}/revoke/", membership.invitation_revoke, name="invitation_revoke"),
    path(f"{MEMBER}/resend/", membership.invitation_resend, name="invitation_resend"),
    path("<int:pk>/documents/", documents.document_list, name="document_list"),
    path("<int:pk>/documents/<int:doc_pk>/", documents.document_download, name="document_download"),
]
