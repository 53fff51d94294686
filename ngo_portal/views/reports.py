"""Generated files: the user's list, a job's page (polled while it runs), download and retry."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..jobs.selectors import report_list_page
from ..jobs.services import report_retry as report_retry_service
from ..models import Report
from ..permissions import can_retry_report, can_view_report, object_view

# htmx stops polling when a response has this status (and still swaps its content in).
HTMX_STOP_POLLING = 286


def _reports():
    return Report.objects.select_related("center")


@login_required
def report_list(request):
    before = request.GET.get("before", "")
    # isdigit() alone also accepts "²", which int() refuses.
    usable = before.isascii() and before.isdigit()
    page = report_list_page(user=request.user, before=int(before) if usable else None)
    return render(request, "ngo_portal/report_list.html", {"page": page})


@object_view(_reports, visible=can_view_report)
def report_detail(request, report):
    return render(
        request,
        "ngo_portal/report_detail.html",
        {"report": report, "can_retry": can_retry_report(request.user, report)},
    )


@object_view(_reports, visible=can_view_report)
def report_progress(request, report):
    """The polled fragment; once the job has finished, it tells htmx to stop polling."""
    response = render(
        request,
        "ngo_portal/partials/report_progress.html",
        {"report": report, "can_retry": can_retry_report(request.user, report)},
    )
    if report.is_finished:
        response.status_code = HTMX_STOP_POLLING
    return response


@object_view(_reports, visible=can_view_report)
def report_download(request, report):
    if not report.has_file:
        raise Http404
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file_name)


@require_POST
@object_view(_reports, visible=can_view_report, allowed=can_retry_report)
def report_retry(request, report):
    report_retry_service(report=report, by=request.user)
    return redirect("report_detail", pk=report.pk)
