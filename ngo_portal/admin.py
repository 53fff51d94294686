from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    Center,
    CenterImpactPage,
    CenterMembership,
    Community,
    Notification,
    NotificationOptOut,
    Region,
    User,
)
from .services import notification_retry


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "preferred_language", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "preferred_language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "preferred_language", "password1", "password2"],
            },
        )
    ]


class CenterMembershipInline(admin.TabularInline):
    model = CenterMembership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "city", "email"]
    search_fields = ["name", "name_zh", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CenterMembershipInline]


@admin.register(CenterMembership)
class CenterMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "center", "role", "created_at"]
    list_filter = ["role", "center"]
    search_fields = ["user__email", "user__full_name", "center__name"]
    autocomplete_fields = ["user", "center"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "email", "user", "due_date", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "sent_at"]
    date_hierarchy = "created_at"
    search_fields = ["email"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "sent_at", "last_error"]
    actions = ["send_again"]

    @admin.action(description=_("Send the selected failed e-mails again"))
    def send_again(self, request, queryset):
        failed = queryset.filter(status=Notification.Status.FAILED)
        for notification in failed:
            notification_retry(notification=notification)
        count = len(failed)
        message = ngettext(
            "%(count)d failed e-mail is being sent again.",
            "%(count)d failed e-mails are being sent again.",
            count,
        )
        self.message_user(request, message % {"count": count})


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name_zh", "name_en"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "region", "area_type"]
    list_filter = ["area_type"]
    search_fields = ["name_zh", "name_en", "region__code", "region__name_zh"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]


@admin.register(NotificationOptOut)
class NotificationOptOutAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["email"]


@admin.register(CenterImpactPage)
class CenterImpactPageAdmin(admin.ModelAdmin):
    list_display = ["center", "is_published", "updated_at"]
    list_filter = ["is_published"]
