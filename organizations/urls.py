from .urls_directory import urlpatterns as directory_urls
from .urls_self_service import urlpatterns as self_service_urls

app_name = "organizations"

# Directory routes first: fixed paths like export.csv must win over <int:pk>/.
urlpatterns = directory_urls + self_service_urls
