from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts import api as accounts_api
from documents import api as documents_api
from documents import api_incoming, api_outgoing
from iooffice.audit import api as audit_api
from jobs import api as jobs_api
from notifications import api as notifications_api
from search import api as search_api
from workflow import api as workflow_api

router = DefaultRouter()
router.register("org-units", accounts_api.OrgUnitViewSet, basename="org-unit")
router.register("users", accounts_api.UserViewSet, basename="user")
router.register("roles", accounts_api.RoleViewSet, basename="role")
router.register("document-types", documents_api.DocumentTypeViewSet, basename="document-type")
router.register("issuers", documents_api.IssuerViewSet, basename="issuer")
router.register("committee-terms", documents_api.CommitteeTermViewSet, basename="committee-term")
router.register("audit-events", audit_api.AuditEventViewSet, basename="audit-event")
router.register("incoming", api_incoming.IncomingViewSet, basename="incoming")
router.register("assignments", api_incoming.AssignmentViewSet, basename="assignment")
router.register("outgoing", api_outgoing.OutgoingViewSet, basename="outgoing")
router.register("number-reservations", api_outgoing.ReservationViewSet, basename="number-reservation")
router.register("exchange", api_outgoing.ExchangeViewSet, basename="exchange")
router.register("delegations", api_outgoing.DelegationViewSet, basename="delegation")
router.register("notifications", notifications_api.NotificationViewSet, basename="notification")
router.register("jobs", jobs_api.JobViewSet, basename="job")

urlpatterns = [
    path("me/", accounts_api.MeView.as_view(), name="me"),
    path("search/", search_api.SearchView.as_view(), name="search"),
    path("deadlines/", workflow_api.DeadlineListView.as_view(), name="deadlines"),
    path("auth/token/", accounts_api.TokenView.as_view(), name="auth-token"),
    path("incoming/<int:pk>/results/", api_incoming.IncomingResultView.as_view(), name="incoming-results"),
    path("document-files/<int:pk>/versions/", api_incoming.FileNewVersionView.as_view(), name="document-file-versions"),
    path("file-versions/<int:pk>/download/", api_incoming.FileVersionDownloadView.as_view(), name="file-version-download"),
    path("file-versions/<int:pk>/pages/<int:page>/", api_incoming.FileVersionPageView.as_view(), name="file-version-page"),
    path("file-versions/<int:pk>/retry-extraction/", api_incoming.FileVersionRetryView.as_view(), name="file-version-retry"),
    path("", include(router.urls)),
]
