import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.backend import get_backend
from search.services import RebuildRunning, rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the database into a new directory, then swap it in. Searches go on meanwhile."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="documents read from the database at a time")
        parser.add_argument("--heap-mb", type=int, default=256, help="indexing memory per writer thread, MB")
        parser.add_argument("--threads", type=int, default=2, help="indexing threads")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--if-needed", action="store_true",
                            help="only when there is no index or it was built by another version (after an upgrade)")

    def handle(self, *args, batch, heap_mb, threads, no_progress, if_needed, **options):
        if if_needed and get_backend().is_current():
            self.stdout.write("The search index is current; nothing to rebuild.")
            return
        started = time.monotonic()
        tty = sys.stdout.isatty()

        def progress(done: int, total: int) -> None:
            if no_progress or not (tty or done == total or done % (batch * 20) == 0):
                return
            width = 40
            filled = width * done // max(total, 1)
            rate = done / max(time.monotonic() - started, 1e-6)
            line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} documents, {rate:.0f}/s"
            self.stdout.write(f"\r{line}" if tty else line, ending="" if tty else "\n")
            self.stdout.flush()

        try:
            count = rebuild(progress=progress, batch=batch, heap_size=heap_mb * 1_000_000, threads=threads)
        except RebuildRunning:
            raise CommandError("Another rebuild is running.")
        elapsed = time.monotonic() - started
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} documents in {elapsed:.1f} s."))
