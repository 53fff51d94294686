"""Directory, export, verification and coverage URLs (listed before the <pk> routes)."""

urlpatterns = []
