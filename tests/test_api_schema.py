"""The OpenAPI schema is complete: drf-spectacular generates it without a warning and it validates."""
import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_openapi_schema_generates_without_warnings_and_validates(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    schema = (tmp_path / "schema.yaml").read_text()
    assert "/api/v1/deadlines/" in schema and "/api/v1/notifications/preferences/" in schema
