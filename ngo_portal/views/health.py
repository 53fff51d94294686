from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..health import check_all


@never_cache
@require_GET
def healthz(request):
    """Public on purpose (load balancers call it); it reveals only up/down per component."""
    components = check_all()
    healthy = all(state == "up" for state in components.values())
    return JsonResponse(
        {"status": "up" if healthy else "down", "components": components},
        status=200 if healthy else 503,
    )
