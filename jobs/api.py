"""/api/v1/jobs/: start a background job (202), follow it, download its result. Only the owner sees a job:
anyone else gets the same 404 as for a job that does not exist."""
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import policies, registry, selectors, services
from .serializers import ErrorSerializer, JobKindSerializer, JobSerializer, JobStartSerializer
from .views import result_response

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="unknown_job_kind, invalid_job_params, job_needs_file, "
                         "unknown_field or validation_error"),
    403: OpenApiResponse(ErrorSerializer, description="permission_denied: the caller may not start this kind"),
}


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = JobSerializer
    filterset_fields = ["status", "kind"]
    ordering_fields = ["created_at"]
    search_fields = []

    def get_queryset(self):
        return selectors.job_list_for(self.request.user)

    def get_object(self):
        return selectors.job_get_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=JobStartSerializer, responses={202: JobSerializer, **ERRORS},
                   description="Start a job of a kind the caller may run; it is queued and runs in a worker. "
                   "Poll GET /api/v1/jobs/{id}/ until status is done or failed, then fetch result.download_url.")
    def create(self, request):
        data = JobStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.job_start(actor=request.user, kind=data.validated_data["kind"], params=data.validated_data["params"])
        headers = {"Location": reverse("api:job-detail", args=[job.pk])}
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED, headers=headers)

    @extend_schema(responses={(200, "application/octet-stream"): bytes,
                              409: OpenApiResponse(ErrorSerializer, description="job_not_finished"),
                              410: OpenApiResponse(ErrorSerializer, description="job_result_expired")})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        return result_response(job, services.job_result_open(actor=request.user, job=job, request=request))

    @extend_schema(responses=JobKindSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def kinds(self, request):
        kinds = policies.kinds_available_to(request.user, registry.all_kinds())
        return Response([{"code": k.code, "label": str(k.label), "needs_input": k.needs_input} for k in kinds])
