from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from iooffice.api.permissions import ReadAnyAuthenticatedWriteAdministrator

from . import services
from .models import CommitteeTerm, DocumentType, Issuer
from .serializers import CommitteeTermSerializer, DocumentTypeSerializer, IssuerSerializer


class ReferenceViewSet(viewsets.ModelViewSet):
    """Reference data: readable by everyone signed in, changed by administrators through services."""

    permission_classes = [ReadAnyAuthenticatedWriteAdministrator]

    def perform_create(self, serializer):
        serializer.instance = services.reference_create(
            actor=self.request.user, model=self.get_queryset().model, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.reference_update(
            actor=self.request.user, instance=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.reference_delete(actor=self.request.user, instance=instance)


class DocumentTypeViewSet(ReferenceViewSet):
    queryset = DocumentType.objects.order_by("sort_order", "name")
    serializer_class = DocumentTypeSerializer
    filterset_fields = ["is_active", "abbreviation"]
    search_fields = ["name", "abbreviation"]


class IssuerViewSet(ReferenceViewSet):
    queryset = Issuer.objects.select_related("org_unit").order_by("code", "-valid_from")
    serializer_class = IssuerSerializer
    filterset_fields = ["code", "org_unit"]
    search_fields = ["code", "name"]


class CommitteeTermViewSet(ReferenceViewSet):
    queryset = CommitteeTerm.objects.order_by("-start_date")
    serializer_class = CommitteeTermSerializer
    filterset_fields = ["is_current"]

    @extend_schema(request=None, responses=CommitteeTermSerializer)
    @action(detail=True, methods=["post"], url_path="make-current")
    def make_current(self, request, pk=None):
        term = services.term_set_current(actor=request.user, term=self.get_object())
        return Response(self.get_serializer(term).data)
