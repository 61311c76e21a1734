from django.core.management.base import BaseCommand

from search.services import check


class Command(BaseCommand):
    help = "Report documents missing from or stale in the search index (and entries of deleted ones); --repair fixes them."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="re-index what differs")

    def handle(self, *args, repair, **options):
        report = check(repair=repair)
        self.stdout.write(f"{report.in_database} documents in the database, {report.indexed} in the index.")
        for label, ids in (("missing", report.missing), ("stale", report.stale), ("orphaned", report.orphans)):
            shown = ", ".join(map(str, ids[:50])) + (" …" if len(ids) > 50 else "")
            self.stdout.write(f"{label}: {len(ids)}" + (f" ({shown})" if ids else ""))
        if repair:
            self.stdout.write(self.style.SUCCESS(f"Repaired {report.repaired} entries."))
        elif not report.ok:
            self.stdout.write(self.style.WARNING("Run with --repair to fix them."))
            raise SystemExit(1)
        else:
            self.stdout.write(self.style.SUCCESS("The index matches the database."))
