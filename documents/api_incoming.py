"""REST API of incoming documents: register, read, direct, handle, complete, return, quarantine, download."""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from iooffice.api.serializers import StrictSerializerMixin
from iooffice.audit.services import audit_record
from workflow import services as workflow_services
from workflow.models import Assignment

from . import policies, selectors
from .downloads import file_version_response
from .previews import page_png_response
from .models import Document, DocumentFile
from .serializers_incoming import (
    AssignmentSerializer, CompleteSerializer, DelegateSerializer, DirectionInputSerializer, FileVersionSerializer,
    IncomingDetailSerializer,
    IncomingListSerializer, IncomingRegisterSerializer, ReasonSerializer, TextSerializer,
)
from .services import extraction, quarantine
from .services.files import Upload, file_version_add, result_file_attach
from .services.incoming import incoming_register


class IncomingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_fields = ["status", "urgency", "doc_type", "issuer", "arrival_year"]
    search_fields = ["summary", "symbol", "issuer_name", "signer"]
    ordering_fields = ["arrival_number", "arrival_at", "issued_date"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Document.objects.none()
        queue = self.request.query_params.get("queue", "all")
        if queue not in selectors.QUEUES:
            queue = "all"
        return selectors.incoming_queue(self.request.user, queue)

    def get_serializer_class(self):
        return {"create": IncomingRegisterSerializer, "retrieve": IncomingDetailSerializer}.get(self.action, IncomingListSerializer)

    def get_object(self):
        return selectors.incoming_get_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(parameters=[OpenApiParameter("queue", enum=list(selectors.QUEUES))])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        document = selectors.incoming_detail_for_user(request.user, pk)
        audit_record(actor=request.user, action="document.view", obj=document)
        return Response(IncomingDetailSerializer(document).data)

    @extend_schema(request={"multipart/form-data": IncomingRegisterSerializer}, responses={201: IncomingDetailSerializer})
    def create(self, request):
        form = IncomingRegisterSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        fields = dict(form.validated_data)
        fields.pop("files", None)
        reason = fields.pop("duplicate_reason", "")
        uploads = [Upload(fileobj=f, name=f.name) for f in request.FILES.getlist("files")]
        document = incoming_register(actor=request.user, fields=fields, uploads=uploads, duplicate_reason=reason)
        return Response(IncomingDetailSerializer(selectors.incoming_detail_for_user(request.user, document.pk)).data, status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["get"])
    def queues(self, request):
        return Response(selectors.incoming_queue_counts(request.user))

    def _done(self, document) -> Response:
        return Response(IncomingDetailSerializer(selectors.incoming_detail_for_user(self.request.user, document.pk)).data)

    @extend_schema(request=DirectionInputSerializer, responses=IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def direct(self, request, pk=None):
        document = self.get_object()
        form = DirectionInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        specs = [workflow_services.AssignmentSpec(**a) for a in form.validated_data["assignments"]]
        workflow_services.direction_give(actor=request.user, document=document, text=form.validated_data["text"], assignments=specs)
        return self._done(document)

    @extend_schema(request=CompleteSerializer, responses=IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        document = self.get_object()
        form = CompleteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        reply = form.validated_data.get("reply_document")
        if reply is not None and not policies.document_can_view(request.user, reply):
            raise Http404
        workflow_services.document_complete(actor=request.user, document=document, note=form.validated_data.get("note", ""), reply_document=reply)
        return self._done(document)

    def _act(self, form_class, perform) -> Response:
        """Validate the body with `form_class`, run `perform(document, data)` (a service), return the detail."""
        document = self.get_object()
        form = form_class(data=self.request.data)
        form.is_valid(raise_exception=True)
        perform(document, form.validated_data)
        return self._done(document)

    @extend_schema(request=ReasonSerializer, responses=IncomingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_sender(self, request, pk=None):
        return self._act(ReasonSerializer, lambda document, data: workflow_services.document_return_to_sender(
            actor=request.user, document=document, reason=data["reason"]))

    @extend_schema(request=TextSerializer, responses=IncomingDetailSerializer)
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        return self._act(TextSerializer, lambda document, data: workflow_services.comment_add(
            actor=request.user, document=document, text=data["text"]))

    @extend_schema(request=ReasonSerializer, responses=IncomingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="quarantine/confirm")
    def quarantine_confirm(self, request, pk=None):
        return self._act(ReasonSerializer, lambda document, data: quarantine.quarantine_confirm_not_secret(
            actor=request.user, document=document, reason=data["reason"]))

    @extend_schema(request=ReasonSerializer, responses=IncomingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="quarantine/purge")
    def quarantine_purge(self, request, pk=None):
        return self._act(ReasonSerializer, lambda document, data: quarantine.quarantine_purge(
            actor=request.user, document=document, reason=data["reason"]))


class UploadSerializer(StrictSerializerMixin, serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


def _upload(request) -> tuple[Upload, str]:
    form = UploadSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    uploaded = form.validated_data["file"]
    return Upload(fileobj=uploaded, name=uploaded.name), form.validated_data.get("note", "")


class IncomingResultView(APIView):
    """A handler attaches a result file (multipart `file`, optional `note`) to a document being handled."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses={201: IncomingDetailSerializer})
    def post(self, request, pk):
        document = selectors.incoming_get_for_user(request.user, pk)
        upload, note = _upload(request)
        result_file_attach(actor=request.user, document=document, upload=upload, note=note)
        detail = selectors.incoming_detail_for_user(request.user, document.pk)
        return Response(IncomingDetailSerializer(detail).data, status=status.HTTP_201_CREATED)


class FileNewVersionView(APIView):
    """A correction: upload a new version of a document file; earlier versions stay downloadable."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses={201: FileVersionSerializer})
    def post(self, request, pk):
        file = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk)
        if not policies.document_can_view(request.user, file.document):
            raise Http404
        upload, note = _upload(request)
        version = file_version_add(actor=request.user, file=file, upload=upload, note=note)
        return Response(FileVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class AssignmentViewSet(viewsets.GenericViewSet):
    serializer_class = AssignmentSerializer

    def get_queryset(self):
        return Assignment.objects.none()

    @extend_schema(request=DelegateSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def delegate(self, request, pk=None):
        assignment = selectors.assignment_for_user(request.user, pk)
        form = DelegateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        child = workflow_services.assignment_delegate(actor=request.user, assignment=assignment, **form.validated_data)
        return Response(AssignmentSerializer(child).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CompleteSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        assignment = selectors.assignment_for_user(request.user, pk)
        note = str(request.data.get("note", ""))[:5000]
        return Response(AssignmentSerializer(workflow_services.assignment_mark_done(actor=request.user, assignment=assignment, note=note)).data)


class FileVersionDownloadView(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk):
        return file_version_response(request, selectors.file_version_for_user(request.user, pk))


class FileVersionPageView(APIView):
    """One page of a PDF (or of the OCR'd copy of a scan) rendered as PNG, for reading in the browser."""

    @extend_schema(responses={(200, "image/png"): bytes})
    def get(self, request, pk, page):
        version = selectors.file_version_for_user(request.user, pk)
        return page_png_response(version, page)


class FileVersionRetryView(APIView):
    @extend_schema(request=None, responses={200: {"type": "object"}})
    def post(self, request, pk):
        version = selectors.file_version_for_user(request.user, pk)
        if not policies.file_version_can_retry(request.user, version.file.document):
            raise PermissionDenied
        version = extraction.extraction_retry(actor=request.user, version=version)
        return Response({"id": version.pk, "extraction_status": version.extraction_status})
