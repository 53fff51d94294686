"""The capacity framework: its current version, and editing an indicator (a version in use is
never changed: the edit makes the next version)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ngo_portal.permissions import object_view, require

from .. import services
from ..forms import IndicatorForm
from ..models import CapacityFramework, CapacityIndicator
from ..permissions import can_edit_framework


@require(can_edit_framework)
def framework_detail(request):
    framework = (
        CapacityFramework.objects.filter(
            key=services.frameworks.DEFAULT_FRAMEWORK_KEY, is_current=True
        )
        .prefetch_related("areas__indicators")
        .first()
    )
    versions = CapacityFramework.objects.filter(
        key=services.frameworks.DEFAULT_FRAMEWORK_KEY
    ).order_by("-version")
    return render(
        request,
        "incubation/framework_detail.html",
        {
            "framework": framework,
            "versions": versions,
            "in_use": framework and services.framework_in_use(framework),
        },
    )


def _indicators():
    return CapacityIndicator.objects.select_related("area__framework")


@object_view(_indicators, allowed=can_edit_framework)
def indicator_edit(request, indicator):
    form = IndicatorForm(
        request.POST or None, instance=CapacityIndicator.objects.get(pk=indicator.pk)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        updated = services.indicator_update(indicator=indicator, by=request.user, data=data)
        if updated.area.framework_id != indicator.area.framework_id:
            messages.success(
                request,
                _(
                    "Assessments use version %(old)s, so the change made version %(new)s; they keep theirs."
                )
                % {"old": indicator.area.framework.version, "new": updated.area.framework.version},
            )
        else:
            messages.success(request, _("The indicator is saved."))
        return redirect("incubation:framework_detail")
    return render(request, "incubation/indicator_form.html", {"form": form, "indicator": indicator})
