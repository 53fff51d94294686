from django.shortcuts import render

from ..home_sections import home_sections
from ..selectors import center_list


def home(request):
    """Public: the centers; the apps' sections (a member's organizations...) come between."""
    return render(
        request,
        "ngo_portal/home.html",
        {"centers": center_list(), "sections": home_sections(request)},
    )
