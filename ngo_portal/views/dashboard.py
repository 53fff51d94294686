from django.shortcuts import render

from ..permissions import can_view_dashboard, require
from ..selectors import staff_center_list


@require(can_view_dashboard)
def dashboard(request):
    return render(
        request,
        "ngo_portal/dashboard.html",
        {"centers": staff_center_list(user=request.user)},
    )
