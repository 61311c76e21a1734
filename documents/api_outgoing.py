"""REST API of outgoing documents: drafts, versions, approval, numbering, issue, exchange, recall, delegation."""
from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts import services as account_services
from accounts.models import Delegation
from iooffice.audit.services import audit_record
from workflow import approval
from workflow.models import ChainRun

from . import policies, selectors
from .api_incoming import UploadSerializer, _upload
from .models import Document, NumberReservation
from .serializers_incoming import FileVersionSerializer, ReasonSerializer
from .serializers_outgoing import (
    DelegationSerializer, DraftCreateSerializer, OutgoingDetailSerializer, OutgoingListSerializer,
    PendingExchangeSerializer, ReservationSerializer, StepDecisionInputSerializer,
)
from .serializers_incoming import IncomingDetailSerializer
from .services import numbering, outgoing
from .services.files import Upload


class OutgoingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_fields = ["status", "doc_type", "term", "urgency"]
    search_fields = ["summary", "symbol"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        queue = self.request.query_params.get("queue", "all")
        return selectors.outgoing_queue(self.request.user, queue if queue in selectors.OUTGOING_QUEUES else "all")

    def get_serializer_class(self):
        return {"create": DraftCreateSerializer, "retrieve": OutgoingDetailSerializer}.get(self.action, OutgoingListSerializer)

    def get_object(self):
        return selectors.outgoing_get_for_user(self.request.user, self.kwargs["pk"])

    def _done(self, document, http_status=status.HTTP_200_OK) -> Response:
        return Response(OutgoingDetailSerializer(selectors.outgoing_detail_for_user(self.request.user, document.pk)).data, status=http_status)

    @extend_schema(parameters=[OpenApiParameter("queue", enum=list(selectors.OUTGOING_QUEUES))])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        document = selectors.outgoing_detail_for_user(request.user, pk)
        audit_record(actor=request.user, action="document.view", obj=document)
        return Response(OutgoingDetailSerializer(document).data)

    @extend_schema(request={"multipart/form-data": DraftCreateSerializer}, responses={201: OutgoingDetailSerializer})
    def create(self, request):
        form = DraftCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        fields = dict(form.validated_data)
        recipients = fields.pop("recipients", [])
        fields.pop("files", None)
        uploads = [Upload(fileobj=f, name=f.name) for f in request.FILES.getlist("files")]
        document = outgoing.draft_create(actor=request.user, fields=fields, recipients=recipients, uploads=uploads)
        return self._done(document, status.HTTP_201_CREATED)

    @action(detail=False, methods=["get"])
    def queues(self, request):
        return Response(selectors.outgoing_queue_counts(request.user))

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses={201: FileVersionSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def versions(self, request, pk=None):
        upload, note = _upload(request)
        version = outgoing.draft_new_version(actor=request.user, document=self.get_object(), upload=upload, note=note)
        return Response(FileVersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        document = self.get_object()
        outgoing.draft_submit(actor=request.user, document=document)
        return self._done(document)

    @extend_schema(request=StepDecisionInputSerializer, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        from iooffice.errors import InvalidTransition

        document = self.get_object()
        form = StepDecisionInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        run = document.chain_runs.filter(status=ChainRun.Status.ACTIVE).first()
        if run is None:
            raise InvalidTransition()
        approval.step_decide(actor=request.user, run=run, **form.validated_data)
        return self._done(document)

    @extend_schema(request=None, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        document = self.get_object()
        outgoing.outgoing_issue(actor=request.user, document=document)
        return self._done(document)

    @extend_schema(request=ReasonSerializer, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def recall(self, request, pk=None):
        document = self.get_object()
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        outgoing.outgoing_recall(actor=request.user, document=document, reason=form.validated_data["reason"])
        return self._done(document)


class ReservationViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Clerks reserve a number of the shared sequence for a secret document handled off-system."""

    serializer_class = ReservationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return NumberReservation.objects.none()
        return selectors.number_reservations_of(policies.registering_agency(self.request.user))

    def perform_create(self, serializer):
        serializer.instance = numbering.number_reserve(actor=self.request.user, **serializer.validated_data)


class ExchangeViewSet(viewsets.GenericViewSet):
    """Documents other agencies issued to the clerk's agency, awaiting registration (liên thông)."""

    serializer_class = PendingExchangeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            from .models import OutgoingRecipient

            return OutgoingRecipient.objects.none()
        return selectors.exchange_pending_for(self.request.user)

    def list(self, request):
        return Response(PendingExchangeSerializer(self.get_queryset(), many=True).data)

    @extend_schema(request=None, responses={201: IncomingDetailSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        recipient = self.get_queryset().filter(pk=pk).first()
        if recipient is None:
            raise Http404
        incoming = outgoing.exchange_register(actor=request.user, recipient=recipient)
        detail = selectors.incoming_detail_for_user(request.user, incoming.pk)
        return Response(IncomingDetailSerializer(detail).data, status=status.HTTP_201_CREATED)


class DelegationViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = DelegationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delegation.objects.none()
        user = self.request.user
        return Delegation.objects.filter(Q(delegator=user) | Q(deputy=user)).select_related("delegator", "deputy")

    def perform_create(self, serializer):
        serializer.instance = account_services.delegation_create(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=None, responses=DelegationSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        delegation = self.get_queryset().filter(pk=pk).first()
        if delegation is None:
            raise Http404
        account_services.delegation_revoke(actor=request.user, delegation=delegation)
        delegation.refresh_from_db()
        return Response(DelegationSerializer(delegation).data)
