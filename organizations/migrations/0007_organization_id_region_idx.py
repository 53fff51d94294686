from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built concurrently: the registry stays writable while the index is made.
    atomic = False

    dependencies = [
        ("organizations", "0006_invitation_token_verbose_name"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="organization",
            index=models.Index(
                fields=["id"], include=["region_code"], name="organization_id_region_idx"
            ),
        ),
    ]
