from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Trigram search over Chinese, pinyin and English names needs pg_trgm."""

    dependencies = [("ngo_portal", "0001_initial")]

    operations = [TrigramExtension()]
