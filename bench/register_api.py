"""Registration API latency for PDFs of a given size (file stored, extraction queued, not run)."""
import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iooffice.settings.test")


def pdf_of_size(size: int, marker: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"bench-{marker}", "/Padding": "x" * max(0, size - 1200)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--size-mb", type=float, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment
    from rest_framework.test import APIClient

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from accounts.management.commands.seed_demo import ensure_roles
    from accounts.models import OrgUnit, Role, User

    ensure_roles()
    committee, _ = OrgUnit.objects.get_or_create(code="BENCH-TU", defaults={"name": "Tỉnh ủy (bench)", "kind": "committee"})
    agency, _ = OrgUnit.objects.get_or_create(code="BENCH-VP", defaults={"name": "Văn phòng (bench)", "kind": "agency", "parent": committee})
    clerk, _ = User.objects.get_or_create(username="bench_clerk", defaults={"full_name": "Văn thư bench", "org_unit": agency})
    clerk.groups.add(Role.objects.get(code="clerk"))
    client = APIClient()
    client.force_authenticate(clerk)

    size = int(args.size_mb * 1024 * 1024)
    timings = []
    for i in range(args.count):
        content = pdf_of_size(size, time.time_ns() + i)
        upload = io.BytesIO(content)
        upload.name = "cong-van.pdf"
        start = time.perf_counter()
        response = client.post("/api/v1/incoming/", {"issuer_name": "Ban Tổ chức", "summary": f"Bench {i}",
                                                     "files": [upload]}, format="multipart")
        timings.append(time.perf_counter() - start)
        assert response.status_code == 201, response.content[:300]
    timings.sort()
    p = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))] * 1000  # noqa: E731
    print(f"registration API, {args.count} PDFs of {len(content) / 1048576:.1f} MB each:")
    print(f"  p50 {p(0.50):.0f} ms   p95 {p(0.95):.0f} ms   max {timings[-1] * 1000:.0f} ms   mean {statistics.mean(timings) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
