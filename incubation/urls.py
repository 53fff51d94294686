app_name = "incubation"

urlpatterns = []
