"""Sections of the home page that apps contribute, in order, without the core importing them.

An app registers a section in its AppConfig.ready():

    register_home_section("my_organizations", template="organizations/partials/home_section.html",
                          context=my_organizations_section, order=10)

`context(request)` returns the section's context, or None to leave the section out for this
visitor; the template reads it as `section`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


HOME_SECTIONS: dict[str, HomeSection] = {}


def register_home_section(
    name: str, *, template: str, context: Callable[[HttpRequest], dict | None], order: int = 100
) -> HomeSection:
    section = HomeSection(name, template, context, order)
    if HOME_SECTIONS.get(name, section) != section:
        raise ImproperlyConfigured(f"The home section {name!r} is registered twice.")
    HOME_SECTIONS[name] = section
    return section


def home_sections(request: HttpRequest) -> list[dict]:
    """[{"name", "template", "context"}] of the sections this visitor sees, in order."""
    shown = []
    for section in sorted(HOME_SECTIONS.values(), key=lambda s: (s.order, s.name)):
        context = section.context(request)
        if context is not None:
            shown.append({"name": section.name, "template": section.template, "context": context})
    return shown
