"""What every e-mail the portal sends shares, whichever path sends it (allauth or the outbox)."""

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# The default of ACCOUNT_EMAIL_SUBJECT_PREFIX (env EMAIL_SUBJECT_PREFIX), marked for translation.
DEFAULT_SUBJECT_PREFIX = gettext_noop("[NGO Portal]")


def subject_prefix() -> str:
    """The subject prefix in the active language: activate the recipient's language first.

    The configured prefix is looked up in the catalogue, so the default reads "[NGO 门户]" in
    Chinese; an installation's own prefix, which has no translation, is used as written.
    """
    configured = (settings.ACCOUNT_EMAIL_SUBJECT_PREFIX or "").strip()
    return f"{gettext(configured)} " if configured else ""
