"""The admin in Chinese: every field a change page shows is labelled in Chinese."""

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise

from ngo_portal.models import Notification

from .factories import UserFactory

pytestmark = pytest.mark.django_db

LABEL = re.compile(r"<label\b[^>]*>(.*?)</label>", re.DOTALL)


def test_the_notification_change_page_labels_every_field_in_chinese(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    notification = Notification.objects.create(
        kind="invitation",
        email="li.hua@example.org",
        due_date="2026-01-05",
        content_type=ContentType.objects.get_for_model(user),
        object_id=user.pk,
    )
    client.force_login(user)

    page = client.get(
        f"/zh-hans/admin/ngo_portal/notification/{notification.pk}/change/"
    ).content.decode()

    labels = {re.sub(r"<[^>]+>|:", "", label).strip() for label in LABEL.findall(page)}
    assert {"相关对象类型", "相关对象编号"} <= labels
    english = {label for label in labels if re.search("[A-Za-z]", label)}
    assert english == set()


@pytest.mark.parametrize("app", ["ngo_portal", "organizations"])
def test_every_field_has_a_translated_verbose_name(app):
    untranslated = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if (field.concrete or field.is_relation and not field.auto_created)
        and not getattr(field, "primary_key", False)
        and not isinstance(getattr(field, "verbose_name", None), Promise)
    ]

    assert untranslated == []
