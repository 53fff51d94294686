import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngo_portal.settings.dev")

app = Celery("ngo_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
