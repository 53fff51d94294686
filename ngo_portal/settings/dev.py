"""Development (`make run`): readable e-mail (console by default, EMAIL_URL=filemail://... for
files). DEBUG stays off unless .env turns it on, so the portal is served as its users meet it:
its own 404 and 500 pages in their language, never a traceback."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
