"""The outbox addresses an e-mail address, with an optional user: people without an account
(trainees, invitees) are reached the same way. Existing rows take their recipient's address."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_email_from_recipient(apps, schema_editor):
    Notification = apps.get_model("ngo_portal", "Notification")
    for notification in Notification.objects.select_related("user").iterator():
        notification.email = notification.user.email.lower()
        notification.save(update_fields=["email"])


def drop_rows_without_user(apps, schema_editor):
    """Going back, every row needs a recipient account: messages to bare addresses cannot be
    represented in the old table and are removed."""
    Notification = apps.get_model("ngo_portal", "Notification")
    Notification.objects.filter(user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("ngo_portal", "0005_report_expiry_schedule"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="notification",
            name="unique_notification_per_object_and_due_date",
        ),
        migrations.RenameField(
            model_name="notification",
            old_name="recipient",
            new_name="user",
        ),
        migrations.AddField(
            model_name="notification",
            name="email",
            field=models.EmailField(default="", max_length=254, verbose_name="e-mail address"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_email_from_recipient, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="notification",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        # Going back, this runs before the column is made required again.
        migrations.RunPython(migrations.RunPython.noop, drop_rows_without_user),
        migrations.AddField(
            model_name="notification",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("en", "English"), ("zh-hans", "Simplified Chinese")],
                help_text="Used when the address has no account; otherwise the user's language applies.",
                max_length=10,
                verbose_name="language",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="attachments",
            field=models.JSONField(blank=True, default=list, verbose_name="attachments"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "pending"),
                    ("sent", "sent"),
                    ("failed", "failed"),
                    ("cancelled", "no longer needed"),
                ],
                default="pending",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(
                fields=("kind", "content_type", "object_id", "email", "due_date"),
                name="unique_notification_per_object_address_and_due_date",
                nulls_distinct=False,
            ),
        ),
    ]
