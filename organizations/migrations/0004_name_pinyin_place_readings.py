from django.db import migrations


def index_place_readings(apps, schema_editor):
    """Names holding a place read otherwise than in everyday Chinese (单县, 长治, 丰都...) get
    both readings in their search column, as organizations/names.py now stores them. Only those
    names are read and written: a regular expression in the database picks them out."""
    from ngo_portal.place_names import PLACE_PHRASE
    from organizations.names import pinyin_of

    Organization = apps.get_model("organizations", "Organization")
    rows = Organization.objects.filter(name_zh__regex=PLACE_PHRASE.pattern).only("name_zh")
    changed = []
    for organization in rows.iterator(chunk_size=2000):
        organization.name_pinyin = pinyin_of(organization.name_zh)
        changed.append(organization)
    Organization.objects.bulk_update(changed, ["name_pinyin"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_widen_derived_name_columns")]

    operations = [
        # Reversing leaves the extra reading in place: it only makes more searches match.
        migrations.RunPython(index_place_readings, migrations.RunPython.noop),
    ]
