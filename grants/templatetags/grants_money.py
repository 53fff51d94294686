"""{{ amount|cny }}: ¥1,234.50; {{ count|count }}: 210,000 (grouped digits in both languages)."""

from django import template

from grants.rules import cny as format_cny

register = template.Library()


@register.filter
def cny(amount) -> str:
    if amount is None or amount == "":
        return "—"
    return format_cny(amount)


@register.filter
def count(value) -> str:
    if value is None:
        return "—"
    return f"{value:,}"
