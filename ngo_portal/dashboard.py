"""The staff dashboard's filters, the sections built for them, and their tables as files.

The filters (`DashboardForm`): a center among those the user staffs (all of them by default), a
period (first and last day, inclusive, Asia/Shanghai dates) and a province or city. Sections come
from the apps through `dashboard_sections.py`; each built section is kept in the cache for
DASHBOARD_CACHE_SECONDS under the scope and the language (the aggregates over the registry's
400,000 organizations are the expensive part: see the README's Performance).
"""

import csv
import io

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .dashboard_sections import (
    DASHBOARD_SECTIONS,
    DashboardScope,
    Section,
    dashboard_section,
    section_sources,
)
from .local_cache import remembered
from .models import Center, CenterMembership, Region

CACHE_VERSION = 1
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _region_rows() -> list[tuple[str, str, str, str]]:
    return list(
        Region.objects.filter(level__in=(Region.Level.PROVINCE, Region.Level.CITY))
        .order_by("code")
        .values_list("code", "level", "name_zh", "name_en")
    )


def region_choices() -> list:
    """Provinces, each followed by its cities (optgroups), in the current language; kept in
    the process like the regions themselves."""
    language = get_language()
    return remembered(f"dashboard-region-choices:{language}", _region_choices)


def _region_choices() -> list:
    chinese = get_language() == "zh-hans"
    groups: list = []
    for code, level, name_zh, name_en in remembered("dashboard-regions", _region_rows):
        name = name_zh if chinese else name_en
        if level == Region.Level.PROVINCE:
            groups.append(
                (name, [(code[:2], _("%(province)s (whole province)") % {"province": name})])
            )
        elif groups:
            groups[-1][1].append((code[:4], name))
    return [("", _("Everywhere")), *groups]


class FastSelect(forms.Select):
    """A select of a few hundred options with optgroups, written in one pass: Django's widget
    templates render each option through a template of its own (about 20 ms for the regions)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        key = f"dashboard-region-options:{get_language()}:{chosen}"
        options = remembered(key, lambda: self._options(chosen))
        return format_html(
            "<select{}>{}</select>",
            flatatt({"name": name, **attrs}),
            mark_safe(options),  # noqa: S308 - every option escaped by _options
        )

    def _options(self, chosen: str) -> str:
        def option(code, label):
            selected = " selected" if str(code) == chosen else ""
            return f'<option value="{escape(code)}"{selected}>{escape(label)}</option>'

        parts = []
        for code, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(code)}">')
                parts.extend(option(c, text) for c, text in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(code, label))
        return "".join(parts)


class DashboardForm(forms.Form):
    center = forms.TypedChoiceField(label=_("Center"), required=False, coerce=int, empty_value=None)
    starts_on = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=pgettext_lazy("period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    region = forms.ChoiceField(label=_("Region"), required=False, widget=FastSelect)

    def __init__(self, *args, centers, **kwargs):
        super().__init__(*args, **kwargs)
        self.centers = list(centers)
        self.fields["center"].choices = [("", _("All my centers"))] + [
            (center.pk, center.display_name) for center in self.centers
        ]
        self.fields["region"].choices = region_choices()

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day comes before the first."))
        return data

    def scope(self) -> DashboardScope:
        """The scope of valid filters; a field with an error counts as not chosen."""
        data = self.cleaned_data if self.is_valid() else {}
        ids = tuple(center.pk for center in self.centers)
        center = data.get("center")
        return DashboardScope(
            center_ids=(center,) if center in ids else ids,
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            region_code=data.get("region") or "",
        )


def staff_centers(user) -> list[Center]:
    """The centers whose figures `user` may see: those they staff, every center for superusers."""
    centers = Center.objects.only("pk", "name", "name_zh", "slug").order_by("name")
    if user.is_superuser:
        return list(centers)
    staff = CenterMembership.objects.filter(
        user=user, role__in=CenterMembership.STAFF_ROLES
    ).values("center_id")
    return list(centers.filter(pk__in=staff))


def dashboard_form(user, data) -> DashboardForm:
    return DashboardForm(data or None, centers=staff_centers(user))


def _resolved(section: Section) -> Section:
    """The section with its lazy labels rendered, so it can be kept in the cache."""
    from dataclasses import replace

    return replace(
        section,
        title=str(section.title),
        figures=[replace(f, label=str(f.label)) for f in section.figures],
        tables=[
            replace(
                t,
                caption=str(t.caption),
                columns=[str(c) for c in t.columns],
                description=str(t.description),
                rows=[[str(v) if _is_lazy(v) else v for v in row] for row in t.rows],
            )
            for t in section.tables
        ],
    )


def _is_lazy(value) -> bool:
    return type(value).__name__ == "__proxy__"


def section_for(name: str, scope: DashboardScope) -> Section:
    """One section for the scope in the current language, from the cache when there."""
    seconds = getattr(settings, "DASHBOARD_CACHE_SECONDS", 300)
    if seconds <= 0:
        return _resolved(dashboard_section(name, scope))
    scope = DASHBOARD_SECTIONS[name].scope_for(scope)
    key = f"dashboard:{CACHE_VERSION}:{name}:{get_language()}:{scope.cache_key()}"
    section = cache.get(key)
    if section is None:
        section = _resolved(dashboard_section(name, scope))
        cache.set(key, section, seconds)
    return section


def sections_for(scope: DashboardScope) -> list[Section]:
    return [section_for(source.name, scope) for source in section_sources()]


def _clean(value):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _csv_value(value):
    value = _clean(value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def table_csv(table) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark; text that would start a formula is
    prefixed with an apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_value(str(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(table) -> bytes:
    """The table as an XLSX workbook of one sheet; every text cell is a string cell."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_clean(str(table.caption))[:31] or "Sheet")

    def cell(value):
        if value is None or not isinstance(value, str | int | float):
            value = "" if value is None else (value if hasattr(value, "as_tuple") else str(value))
        if isinstance(value, str):
            written = WriteOnlyCell(sheet, value=_clean(value))
            written.data_type = "s"
            return written
        return value

    sheet.append([cell(str(c)) for c in table.columns])
    for row in table.rows:
        sheet.append([cell(v) for v in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _store(name: str, scope: DashboardScope, seconds: int, done: set) -> bool:
    scope = DASHBOARD_SECTIONS[name].scope_for(scope)
    key = f"dashboard:{CACHE_VERSION}:{name}:{get_language()}:{scope.cache_key()}"
    if key in done:
        return False
    done.add(key)
    cache.set(key, _resolved(dashboard_section(name, scope)), seconds)
    return True


def warmed_scopes(today=None) -> list[DashboardScope]:
    """The scopes asked for most: each center's own dashboard, every center's together (as a
    superuser sees it), and the two periods of each published impact page."""
    import datetime

    from django.utils import timezone

    from .models import CenterImpactPage

    today = today or timezone.localdate()
    ids = list(Center.objects.order_by("pk").values_list("pk", flat=True))
    scopes = [DashboardScope(center_ids=(pk,)) for pk in ids]
    if len(ids) > 1:
        scopes.append(DashboardScope(center_ids=tuple(ids)))
    for pk in CenterImpactPage.objects.filter(is_published=True).values_list(
        "center_id", flat=True
    ):
        scopes.append(DashboardScope((pk,), today.replace(month=1, day=1), today))
        scopes.append(
            DashboardScope(
                (pk,), datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
            )
        )
    return scopes


def dashboard_warm() -> int:
    """Rebuild the sections of `warmed_scopes()` in every language and keep them for
    DASHBOARD_WARM_SECONDS, so those pages never wait for the aggregates (beat runs this more
    often than that). Returns the number of sections built."""
    from django.utils import translation

    seconds = max(getattr(settings, "DASHBOARD_WARM_SECONDS", 1800), 60)
    built, done = 0, set()
    for scope in warmed_scopes():
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for source in section_sources():
                    built += _store(source.name, scope, seconds, done)
    return built
