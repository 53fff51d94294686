"""Registration, profile, membership and document URLs."""

urlpatterns = []
