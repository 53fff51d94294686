from django.db import migrations


def romanise_again(apps, schema_editor):
    """English names as the whole name is read (朝阳区 Chaoyang Qu, not Zhaoyang Qu), with the
    place readings and known spellings of ngo_portal/place_names.py. load_regions keeps them so
    afterwards; this rewrites the rows an earlier load wrote."""
    from ngo_portal.regions import english_name

    Region = apps.get_model("ngo_portal", "Region")
    changed = []
    for region in Region.objects.only("pk", "name_zh", "level", "name_en"):
        name_en = english_name(region.name_zh, region.level)
        if name_en != region.name_en:
            region.name_en = name_en
            changed.append(region)
    Region.objects.bulk_update(changed, ["name_en"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("ngo_portal", "0006_notification_to_email_address")]

    operations = [
        # Reversing keeps the corrected names: the earlier romanisation was wrong, not a choice.
        migrations.RunPython(romanise_again, migrations.RunPython.noop),
    ]
