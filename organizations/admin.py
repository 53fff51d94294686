from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .admin_import import import_urls
from .models import Organization, OrganizationDocument, OrganizationMembership
from .rules import organization_derive_fields, organization_rule_errors

# Uploaded through the portal only: the upload service checks type, content and size and records
# them, so the admin shows documents and may delete them but never adds one. Files are linked
# through the permission-checked download view, never by their media URL.
DOCUMENT_FIELDS = [
    "kind",
    "title",
    "download",
    "content_type",
    "size",
    "uploaded_by",
    "uploaded_at",
]


@admin.display(description=_("file"))
def download(document):
    url = reverse("organizations:document_download", args=[document.organization_id, document.pk])
    name = document.original_name or document.file.name.rsplit("/", 1)[-1]
    return format_html('<a href="{}">{}</a>', url, name)


class NulFreeChangelist:
    """Django's admin hands list-filter values to the database as given, and PostgreSQL refuses
    text holding NUL: such a URL gets the admin's own answer to a bad filter (?e=1)."""

    def changelist_view(self, request, extra_context=None):
        if any("\x00" in key + value for key, values in request.GET.lists() for value in values):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)


class OrganizationMembershipInline(admin.TabularInline):
    model = OrganizationMembership
    fk_name = "organization"
    extra = 0
    fields = ["user", "invited_email", "role", "state", "invited_by", "created_at", "responded_at"]
    readonly_fields = ["invited_by", "created_at", "responded_at"]
    autocomplete_fields = ["user"]


class OrganizationDocumentInline(admin.TabularInline):
    model = OrganizationDocument
    extra = 0
    fields = DOCUMENT_FIELDS
    readonly_fields = DOCUMENT_FIELDS
    download = staticmethod(download)

    def has_add_permission(self, request, obj=None):
        return False


class OrganizationAdminForm(forms.ModelForm):
    """Admin edits skip the services, not the rules: the profile's checks, in the same words."""

    rule_errors: dict = {}

    def clean(self):
        cleaned = super().clean()
        self.rule_errors = organization_rule_errors(cleaned, pk=self.instance.pk)
        for field, errors in self.rule_errors.items():
            if field not in self.errors:
                self.add_error(None if field == NON_FIELD_ERRORS else field, errors)
        return cleaned

    def _post_clean(self):
        # When a rule failed, the model's constraints would only repeat it in blunter words.
        if not self.rule_errors:
            super()._post_clean()


@admin.register(Organization)
class OrganizationAdmin(NulFreeChangelist, SimpleHistoryAdmin):
    form = OrganizationAdminForm
    list_display = [
        "name_zh",
        "name_en",
        "credit_code",
        "legal_form",
        "region",
        "is_public",
        "verified_at",
        "created_at",
    ]
    list_filter = ["legal_form", "is_public", "growth_stage", "mca_grade", "area_type"]
    search_fields = ["name_zh", "name_en", "name_pinyin", "credit_code"]
    list_select_related = ["region"]
    autocomplete_fields = ["region", "community"]
    readonly_fields = ["name_pinyin", "region_code", "verified_by", "verified_at", "created_at"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The changelist links to the CSV/XLSX import (organizations/admin_import.py).
    change_list_template = "admin/organizations/import_changelist.html"
    inlines = [OrganizationMembershipInline, OrganizationDocumentInline]

    def get_urls(self):
        return import_urls(self.admin_site) + super().get_urls()

    def save_model(self, request, obj, form, change):
        # Admin edits skip the services; the derived fields must still follow the typed ones.
        organization_derive_fields(obj)
        super().save_model(request, obj, form, change)


@admin.register(OrganizationMembership)
class OrganizationMembershipAdmin(NulFreeChangelist, admin.ModelAdmin):
    list_display = ["organization", "user", "invited_email", "role", "state", "created_at"]
    list_filter = ["role", "state"]
    search_fields = [
        "user__email",
        "invited_email",
        "organization__name_zh",
        "organization__name_en",
    ]
    list_select_related = ["organization", "user"]
    autocomplete_fields = ["organization", "user"]
    readonly_fields = ["invitation_token", "invitation_sent_at", "invited_by", "created_at"]


@admin.register(OrganizationDocument)
class OrganizationDocumentAdmin(NulFreeChangelist, admin.ModelAdmin):
    list_display = ["title", "organization", "kind", "content_type", "size", "uploaded_at"]
    list_filter = ["kind", "content_type"]
    search_fields = ["title", "organization__name_zh", "organization__name_en"]
    list_select_related = ["organization"]
    fields = ["organization", *DOCUMENT_FIELDS]
    readonly_fields = ["organization", *DOCUMENT_FIELDS]
    download = staticmethod(download)

    def has_add_permission(self, request):
        return False
