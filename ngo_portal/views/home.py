from django.shortcuts import render

from ..selectors import center_list


def home(request):
    return render(request, "ngo_portal/home.html", {"centers": center_list()})
