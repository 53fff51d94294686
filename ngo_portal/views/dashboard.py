from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..dashboard import dashboard_form, section_for, sections_for, table_csv, table_xlsx
from ..dashboard_sections import DASHBOARD_SECTIONS
from ..permissions import can_view_dashboard, require
from ..selectors import staff_center_list

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require(can_view_dashboard)
def dashboard(request):
    form = dashboard_form(request.user, request.GET)
    scope = form.scope()
    query = request.GET.urlencode()
    return render(
        request,
        "ngo_portal/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "sections": sections_for(scope),
            "query": query,
            "centers": staff_center_list(user=request.user),
        },
    )


@require(can_view_dashboard)
def dashboard_table_export(request, section: str, table: str, file_format: str):
    if section not in DASHBOARD_SECTIONS or file_format not in CONTENT_TYPES:
        raise Http404
    form = dashboard_form(request.user, request.GET)
    found = section_for(section, form.scope()).table(table)
    if found is None:
        raise Http404
    content = table_csv(found) if file_format == "csv" else table_xlsx(found)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    name = f"{section}-{table}-{timezone.localdate():%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
