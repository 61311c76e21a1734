from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts import views as accounts_views

from .health import healthz

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("organisation/", accounts_views.organisation, name="organisation"),
    path("accounts/", include("accounts.urls")),
    path("incoming/", include("documents.urls")),
    path("outgoing/", include("documents.urls_outgoing")),
    path("search/", include("search.urls")),
    path("notifications/", include("notifications.urls")),
    path("jobs/", include("jobs.urls")),
    path("deadlines/", include("workflow.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("iooffice.api.urls", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz", healthz, name="healthz"),
]
