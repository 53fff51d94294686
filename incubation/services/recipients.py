"""Who hears about an organization's incubation: its owners and admins (and, when given, the
person who acted for it), each once."""

from organizations.selectors import organization_managers


def organization_recipients(organization, *, also=None) -> list[tuple[str, object]]:
    """[(e-mail, user)] of the organization's owners and admins, plus `also`, without repeats."""
    people = list(organization_managers(organization=organization))
    if also is not None and all(person.pk != also.pk for person in people):
        people.append(also)
    return [(person.email, person) for person in people if person.email]


def organization_language(organization) -> str:
    """The organization's language: its first owner's (or admin's) preferred language, else
    the portal's default."""
    from django.conf import settings

    first = organization_managers(organization=organization).first()
    return first.preferred_language if first is not None else settings.LANGUAGE_CODE
