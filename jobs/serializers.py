from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from iooffice.api.serializers import StrictSerializerMixin

from .models import Job
from .display import job_context


class JobProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    percent = serializers.IntegerField(allow_null=True)


class JobResultSerializer(serializers.Serializer):
    filename = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    download_url = serializers.CharField()
    expires_at = serializers.DateTimeField()


class JobSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    progress = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ["id", "kind", "label", "params", "status", "progress", "result", "error", "message", "details",
                  "created_at", "started_at", "finished_at", "expires_at"]
        read_only_fields = fields

    @extend_schema_field(JobProgressSerializer)
    def get_progress(self, obj: Job) -> dict:
        return {"done": obj.progress_done, "total": obj.progress_total, "percent": obj.percent}

    @extend_schema_field(JobResultSerializer(allow_null=True))
    def get_result(self, obj: Job) -> dict | None:
        job = job_context(obj)
        if job.status != Job.Status.DONE or job.expired:
            return None
        return {"filename": obj.result_name, "content_type": obj.result_content_type, "size": obj.result_size,
                "download_url": reverse("api:job-download", args=[obj.pk]), "expires_at": obj.expires_at}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_error(self, obj: Job) -> str | None:
        """The failure explained for the user (in the request's language when it is a generic one)."""
        return job_context(obj).error_text or None


class JobStartSerializer(StrictSerializerMixin, serializers.Serializer):
    kind = serializers.CharField(max_length=100, help_text="A kind code, e.g. documents.incoming_register (see GET /api/v1/jobs/kinds/).")
    params = serializers.DictField(required=False, default=dict,
                                   help_text='Parameters of the kind, e.g. {"year": 2026, "format": "xlsx"}.')


class JobKindSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    needs_input = serializers.BooleanField(help_text="Started with an uploaded file, from the portal only.")


class ErrorSerializer(serializers.Serializer):
    """The API's one error shape (iooffice.api.errors)."""

    code = serializers.CharField()
    message = serializers.CharField()
    details = serializers.DictField()
