"""The directory's filter fields and table rows, written as HTML in one pass.

Through the template language each option costs a loop turn, a comparison and four variables,
and each table cell a few dozen function calls; with the regions, vocabularies, check boxes and
25 rows that made the template cost more than the page's queries (and Django's widget templates
cost ~3 ms per select at this many options). These tags write the same markup directly.
"""

import html

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from ngo_portal.selectors import region_path_names

from ..vocabularies import GrowthStage, LegalForm, McaGrade

register = template.Library()


def escape(value) -> str:
    """django.utils.html.escape without its lazy-string wrapper: the same characters escaped."""
    return html.escape(str(value))


# Filters whose choices are a vocabulary of the code, the same for every request.
FIXED_CHOICE_FIELDS = frozenset(
    ["legal_form", "growth_stage", "mca_grade", "area_type", "verified"]
    + ["service_area", "beneficiary_group"]
)
_FIXED_CHOICES: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
_LABELS: dict[str, dict] = {}
# Stands for the id in the detail URL, reversed once per page instead of once per row.
ID_MARK = 987654321


@register.simple_tag
def directory_field(field) -> SafeString:
    """One filter field with its label, help and errors: a select, a group of check boxes or
    the search box. The markup Django's widget templates would write, minus their cost."""
    id_ = escape(field.auto_id)
    errors = _errors(field, id_)
    if field.widget_type == "checkboxselectmultiple":
        described = f' aria-describedby="{id_}_errors"' if errors else ""
        return mark_safe(  # noqa: S308 (every value escaped)
            f'<fieldset class="field checkbox-group"{described}>\n'
            f"<legend>{escape(field.label)}</legend>\n{_checkboxes(field, id_)}\n{errors}"
            "</fieldset>"
        )
    if field.widget_type == "select":
        invalid = f' aria-invalid="true" aria-describedby="{id_}_errors"' if errors else ""
        control = (
            f'<select name="{escape(field.html_name)}" id="{id_}"{invalid}>\n'
            f"{_options(field)}\n</select>"
        )
    else:
        control = _search_box(field, id_, errors)
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<div class="field">\n<label for="{id_}">{escape(field.label)}</label>\n'
        f"{control}\n{errors}</div>"
    )


def _search_box(field, id_: str, errors: str) -> str:
    described, help_text = "", ""
    if field.help_text:
        described = f' aria-describedby="{id_}_help{f" {id_}_errors" if errors else ""}"'
        help_text = f'\n<span class="help-text" id="{id_}_help">{escape(field.help_text)}</span>'
    value, invalid = field.value(), ' aria-invalid="true"' if errors else ""
    return (
        f'<input type="search" name="{escape(field.html_name)}" id="{id_}" '
        f'value="{escape(value) if value else ""}" maxlength="{field.field.max_length}" '
        f'autocomplete="off"{described}{invalid}>{help_text}'
    )


def _errors(field, id_: str) -> str:
    if not field.errors:
        return ""
    items = "".join(f"<li>{escape(error)}</li>" for error in field.errors)
    return f'<ul class="errorlist" id="{id_}_errors">{items}</ul>\n'


def _selected(field) -> set[str]:
    value = field.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(item) for item in value}
    return {str(value)}


def _options(field) -> str:
    """The <option> elements of a select field, the chosen one marked."""
    selected = _selected(field)
    return "".join(
        f'<option value="{value}"{" selected" if raw in selected else ""}>{label}</option>'
        for raw, value, label in _escaped_choices(field)
    )


def _checkboxes(field, id_: str) -> str:
    """A labelled check box per choice of a multiple-choice field, the chosen ones checked."""
    selected, name = _selected(field), escape(field.html_name)
    return "\n".join(
        f'<label class="checkbox"><input type="checkbox" name="{name}" value="{value}" '
        f'id="{id_}_{number}"{" checked" if raw in selected else ""}> {label}</label>'
        for number, (raw, value, label) in enumerate(_escaped_choices(field))
    )


def _escaped_choices(field) -> list[tuple[str, str, str]]:
    """(value, escaped value, escaped label) of each choice. A fixed vocabulary's are kept per
    form, field and language; region choices come from the database and are escaped anew."""
    key = (type(field.form).__name__, field.name, get_language())
    choices = _FIXED_CHOICES.get(key) if field.name in FIXED_CHOICE_FIELDS else None
    if choices is None:
        choices = [
            (str(value), escape(value), escape(label)) for value, label in field.field.choices
        ]
        if field.name in FIXED_CHOICE_FIELDS:
            _FIXED_CHOICES[key] = choices
    return choices


@register.simple_tag
def directory_rows(organizations) -> SafeString:
    """The table's rows: name (link), legal form, where, growth stage, grade, verification.

    Labels are translated once per language: `get_FOO_display` translates every choice of the
    field to look one up."""
    labels = _LABELS.get(get_language())
    if labels is None:
        labels = _LABELS[get_language()] = {
            vocabulary: {value: escape(label) for value, label in vocabulary.choices}
            for vocabulary in (LegalForm, GrowthStage, McaGrade)
        }
    detail_url = escape(reverse("organizations:organization_detail", args=[ID_MARK]))
    verified = (
        f'<span class="badge badge-verified">{escape(gettext("Verified"))}</span>',
        f'<span class="muted">{escape(gettext("Not yet"))}</span>',
    )
    return mark_safe(  # noqa: S308 (every value escaped)
        "\n".join(
            _row(organization, labels, detail_url, verified) for organization in organizations
        )
    )


def _row(organization, labels, detail_url: str, verified: tuple[str, str]) -> str:
    url = detail_url.replace(str(ID_MARK), str(organization.pk))
    name_en = (
        f'<br><span class="muted" lang="en">{escape(organization.name_en)}</span>'
        if organization.name_en
        else ""
    )
    legal_form = labels[LegalForm].get(organization.legal_form) or escape(organization.legal_form)
    return (
        f'<tr>\n<th scope="row"><a href="{url}" lang="zh-Hans">{escape(organization.name_zh)}'
        f"</a>{name_en}</th>\n<td>{legal_form}</td>\n"
        f"<td>{_where(organization.region_id, organization.community)}</td>\n"
        f"<td>{labels[GrowthStage].get(organization.growth_stage) or '—'}</td>\n"
        f"<td>{labels[McaGrade].get(organization.mca_grade) or '—'}</td>\n"
        f"<td>{verified[0] if organization.is_verified else verified[1]}</td>\n</tr>"
    )


def _where(region_id, community) -> str:
    """Province · city · county · community, as templates/components/region_path.html writes
    it (the region's path from the process's copy of the regions, the community joined by the
    selector); '—' when nothing is known."""
    names = region_path_names(region_id)
    if community is not None:
        names.append(community.display_name)
    if not names:
        return "—"
    return f'<span class="region-path">{escape(" · ".join(names))}</span>'
