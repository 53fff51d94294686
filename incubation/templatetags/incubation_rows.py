"""The long tables of a cohort (its enrollments, its graduation check) written row by row in
Python: a hundred rows through template nodes cost a cohort page about 20 ms, as the directory
found (organizations/templatetags/directory_markup.py). Every value is escaped by format_html.
"""

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()
DASH = "—"


def _score(value) -> str:
    return DASH if value is None else f"{value}"


def _signed(value) -> str:
    if value is None:
        return ""
    return f" (+{value})" if value > 0 else f" ({value})"


@register.simple_tag
def enrollment_rows(enrollments):
    """<tr>s of the cohort page's enrollments (organization, mentors, milestones, baseline,
    endline, status); each enrollment carries `detail_url` and `mentor_names`."""
    return format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{} / {}</td><td>{}</td><td>{}</td>'
        "<td>{}</td></tr>",
        (
            (
                e.detail_url,
                e.organization_name,
                ", ".join(e.mentor_names) or DASH,
                e.milestones_done,
                e.milestones_total,
                _score(e.baseline_score),
                _score(e.endline_score),
                e.status_label,
            )
            for e in enrollments
        ),
    )


@register.simple_tag(takes_context=True)
def graduation_rows(context, rows):
    """<tr>s of the graduation page: figures, whether the criteria are met, and for an active
    enrollment the graduate and extend forms (one CSRF token for the page)."""
    token = get_token(context["request"])
    words = {
        "yes": _("yes"),
        "no": _("no"),
        "not_yet": _("not yet"),
        "graduate": _("Graduate"),
        "until": _("Extend until"),
        "extend": _("Extend"),
        "despite": _("although the criteria are not met"),
    }
    return format_html_join("\n", "{}", ((_graduation_row(row, token, words),) for row in rows))


def _graduation_row(row, token, words):
    enrollment, check = row.enrollment, row.check
    name = enrollment.organization_name
    return format_html(
        '<tr><th scope="row"><a href="{}">{}</a></th><td>{} / {}</td><td>{}</td><td>{}{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td></tr>",
        enrollment.detail_url,
        name,
        check.milestones_done,
        check.milestones_total,
        _score(check.baseline),
        _score(check.endline),
        _signed(check.improvement),
        words["yes"] if check.registered else words["no"],
        format_html("<strong>{}</strong>", words["yes"]) if check.meets else words["not_yet"],
        _actions(enrollment, name, token, words, meets=check.meets),
    )


def _actions(enrollment, name, token, words, *, meets=True):
    if enrollment.status != "active":
        graduated = f" {enrollment.graduated_on:%Y-%m-%d}" if enrollment.graduated_on else ""
        return f"{enrollment.status_label}{graduated}"
    # Graduating one that does not meet the criteria takes a confirmation, ticked on purpose.
    despite = (
        ""
        if meets
        else format_html(
            '<input type="checkbox" id="despite-{}" name="despite_criteria" required> '
            '<label for="despite-{}">{}</label> ',
            enrollment.pk,
            enrollment.pk,
            words["despite"],
        )
    )
    return format_html(
        '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" '
        'value="{}">{}<button type="submit" class="button-small" aria-label="{}: {}">{}</button>'
        '</form><form method="post" action="{}"><input type="hidden" '
        'name="csrfmiddlewaretoken" value="{}"><label for="until-{}">{}</label> '
        '<input type="date" id="until-{}" name="until" required> <button type="submit" '
        'class="button-small button-secondary">{}</button></form>',
        enrollment.graduate_url,
        token,
        despite,
        words["graduate"],
        name,
        words["graduate"],
        enrollment.extend_url,
        token,
        enrollment.pk,
        words["until"],
        enrollment.pk,
        words["extend"],
    )
