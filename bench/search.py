"""Search at scale: N synthetic Vietnamese documents → project rebuild → API, bare Tantivy and ranked PostgreSQL FTS.

Runs against a dedicated database it migrates itself (default iooffice_bench_search, which must be empty or
reused with --reuse). Phases, in one run:
  1. generate N documents straight into PostgreSQL (bench/search_data.py, COPY);
  2. rebuild the index with the project's own `manage.py search_rebuild` in a child process (docs/s, index size on
     disk, the child's peak RSS from getrusage(RUSAGE_CHILDREN) and psutil sampling);
  3. two query sets of 200 (--mix): "realistic" (what people type: words of a summary with and without marks, a
     distinctive word, symbols; plus two heavy classes, common administrative phrases in quotes and single common
     words, reported on their own) and "legacy" (the first benchmark's set: single words, word pairs, quoted phrases,
     symbols; an average query matches ~31 % of the corpus). For each set the match counts per class are printed,
     then:
     a. GET /api/v1/search/ through Django + DRF (APIClient.force_authenticate; the user is re-read for every
        request by the authentication backend's get_user, as session authentication does) for an administrator
        (sees every document that is not quarantined) and a staff member who sees about 1 %; once as deployed (facet counts on a second thread) and
        once with the facet counts computed after the page on the same thread (IOOFFICE_SEARCH_PARALLEL_FACETS=False);
     b. the engine layer alone (search.backend query with ACL, facets and snippets, no Django request);
     c. the bare Tantivy searcher: the same ranked text query (with its title, exact-diacritic and symbol boosts),
        top 20 with count, no ACL, no facets, no snippets;
     d. ranked PostgreSQL FTS: to_tsvector('simple', immutable unaccent wrapper(...)) over the same text, GIN index,
        ts_rank ORDER BY LIMIT 20 (no ACL, no count; `/` and `-` turned into spaces so symbols are words there too).

  Every query of a, b and c is timed --repeat times (default 3) and its median kept, so a percentile is of query
  costs, not of the machine's noise; PostgreSQL (d) is timed once.

  DATABASE_URL=postgres://postgres@127.0.0.1:5432/iooffice_bench_search REDIS_URL=redis://127.0.0.1:6379/5 \
  IOOFFICE_SEARCH_INDEX_DIR=/tmp/iooffice-bench-index nice -n 10 .venv/bin/python bench/search.py --docs 100000
"""
import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iooffice.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/iooffice_bench_search")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
os.environ.setdefault("IOOFFICE_SEARCH_INDEX_DIR", "/tmp/iooffice-bench-index")


REPEAT = 3  # --repeat: each query is timed this many times and its median kept (machine noise, not query cost)


def timed(fn, prepare=None) -> float:
    """The median of REPEAT timings of fn(); prepare() runs untimed before each."""
    runs = []
    for _ in range(REPEAT):
        if prepare:
            prepare()
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def summary(label, n, timings, extra=""):
    print(f"  {label:<44} N={n:>9,}  p50 {pct(timings, .5):7.1f} ms  p95 {pct(timings, .95):7.1f} ms  "
          f"max {max(timings) * 1000:7.1f} ms  mean {statistics.mean(timings) * 1000:6.1f} ms{extra}", flush=True)


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    global REPEAT
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reuse", action="store_true", help="keep the documents and index already there")
    parser.add_argument("--skip-pg", action="store_true", help="skip the PostgreSQL FTS comparison")
    parser.add_argument("--pg-queries", type=int, default=0, help="run PG FTS on only this many of the queries (0: all)")
    parser.add_argument("--rebuild-threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=REPEAT, help="time each query this many times, keep the median")
    parser.add_argument("--build-only", action="store_true", help="stop after generating and rebuilding")
    parser.add_argument("--mix", choices=("both", "realistic", "legacy"), default="both",
                        help="query set: realistic (what people type, heavy classes apart) and/or legacy (the first benchmark's)")
    args = parser.parse_args()
    REPEAT = max(1, args.repeat)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    import search_data
    from accounts.models import User
    from documents.models import Document

    setup_test_environment()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cur:
        cur.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    n = args.docs
    index_dir = Path(os.environ["IOOFFICE_SEARCH_INDEX_DIR"])
    print(f"search benchmark: N={n:,} documents, {args.users:,} users, {os.cpu_count()} cores, index {index_dir}", flush=True)

    # 1. data ------------------------------------------------------------------------------------------------
    if not args.reuse:
        if Document.objects.exists():
            sys.exit("the benchmark database already has documents: drop it, or pass --reuse")
        started = time.perf_counter()
        org = search_data.setup_organisation(random.Random(args.seed), args.users)
        last = [started]

        def progress(done, total):
            if done == total or time.perf_counter() - last[0] > 30:
                last[0] = time.perf_counter()
                print(f"    generated {done:,}/{total:,} ({done / (last[0] - started):,.0f} docs/s)", flush=True)

        info = search_data.generate(org, n, args.seed, progress=progress)
        search_data.finish(connection.connection)
        elapsed = time.perf_counter() - started
        print(f"generate: N={n:,} in {elapsed:.0f} s ({n / elapsed:,.0f} docs/s); {info['quarantined']} quarantined", flush=True)
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database()), (SELECT count(*) FROM workflow_assignment), "
                    "(SELECT count(*) FROM documents_documentuserobjectpermission), (SELECT count(*) FROM workflow_direction), "
                    "(SELECT avg(length(text)) FROM documents_fileversion), (SELECT count(*) FROM accounts_user)")
        db_size, assignments, grants, directions, avg_text, users = cur.fetchone()
    print(f"data: N={n:,}; database {db_size / 2**30:.2f} GiB; {users:,} users; {assignments:,} assignments; "
          f"{grants:,} view grants; {directions:,} directions; extracted text {float(avg_text):,.0f} chars/doc on average",
          flush=True)

    # 2. rebuild with the project's own command ---------------------------------------------------------------
    if not args.reuse or not (index_dir / "current").exists():
        from search import locks

        locks.client().delete(locks.REBUILDING_KEY, locks.DIRTY_KEY, locks.WRITER_KEY)
        shutil.rmtree(index_dir, ignore_errors=True)
        cmd = ["nice", "-n", "10", sys.executable, str(ROOT / "manage.py"), "search_rebuild", "--no-progress",
               "--threads", str(args.rebuild_threads)]
        print("rebuild: " + " ".join(cmd[3:]), flush=True)
        import psutil

        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        peak = [0]

        def sample():
            try:
                proc = psutil.Process(child.pid)
                while child.poll() is None:
                    rss = sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
                    peak[0] = max(peak[0], rss)
                    time.sleep(0.2)
            except psutil.NoSuchProcess:
                pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        output = child.stdout.read()
        child.wait()
        elapsed = time.perf_counter() - started
        sampler.join()
        if child.returncode:
            print(output)
            sys.exit("search_rebuild failed")
        maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        lines = [line for line in output.splitlines() if line.strip()]
        print(f"    {lines[-1] if lines else ''}")
        size = dir_size((index_dir / "current").resolve())
        print(f"rebuild: N={n:,} in {elapsed:.1f} s = {n / elapsed:,.0f} docs/s; index on disk {size / 2**20:,.0f} MiB "
              f"({size / n:,.0f} B/doc); peak RSS {maxrss / 2**20:,.0f} MiB (getrusage), {peak[0] / 2**20:,.0f} MiB (psutil)",
              flush=True)

    if args.build_only:
        return

    # 3. queries ----------------------------------------------------------------------------------------------
    with connection.cursor() as cur:
        cur.execute("SELECT id, symbol, summary FROM documents_document WHERE id % 97 = 0 ORDER BY id")
        samples = cur.fetchall()
    mixes = {
        "realistic": search_data.realistic_queries(args.seed, samples, args.queries),
        "legacy": search_data.queries(args.seed, [(pk, symbol) for pk, symbol, _ in samples], args.queries),
    }
    if args.mix != "both":
        mixes = {args.mix: mixes[args.mix]}

    from documents import policies

    admin = User.objects.get(pk=search_data_admin())
    staff = pick_staff(n)
    visible_admin = Document.objects.filter(policies.document_visibility_q(admin)).count()
    visible_staff = Document.objects.filter(policies.document_visibility_q(staff)).count()
    print(f"users: administrator {admin.username} sees {visible_admin:,} of N={n:,} ({visible_admin / n:.1%}); "
          f"staff {staff.username} sees {visible_staff:,} ({visible_staff / n:.2%})", flush=True)
    for name, queries in mixes.items():
        measure(name, queries, n, admin, staff, args)


def measure(mix, queries, n, admin, staff, args):
    from django.conf import settings

    from documents.models import Document

    kinds = list(dict.fromkeys(k for k, _, _ in queries))
    print(f"\n=== {mix} mix: {len(queries)} queries — " + ", ".join(f"{sum(1 for k, _, _ in queries if k == kind)} {kind}" for kind in kinds))
    bare, bare_counts, top1 = run_bare(queries)
    print(f"  matches per query (bare Tantivy, no ACL), by class, as p50 / p95 / max and share of N={n:,}:")
    for kind in kinds + ["all"]:
        counts = sorted(c for c, (k, _, _) in zip(bare_counts, queries) if kind in ("all", k))
        p50, p95 = counts[len(counts) // 2], counts[min(len(counts) - 1, int(.95 * len(counts)))]
        print(f"    {kind:<28} {p50:>9,} / {p95:>9,} / {counts[-1]:>9,}   ({p50 / n:6.2%} / {p95 / n:6.2%} / {counts[-1] / n:6.2%});"
              f" mean {statistics.mean(counts) / n:6.2%}")

    def by_class(timings):
        for kind in kinds:
            summary(f"    {kind}", n, [t for t, (k, _, _) in zip(timings, queries) if k == kind])

    api, engine, serial = {}, {}, {}
    for label, user in (("administrator", admin), ("staff ~1%", staff)):
        api[label], totals = run_api(user, queries)
        summary(f"API end to end, {label}", n, api[label], f"  (avg total {statistics.mean(totals):,.0f} hits)")
        by_class(api[label])
        settings.IOOFFICE_SEARCH_PARALLEL_FACETS = False
        serial[label], _ = run_api(user, queries)
        settings.IOOFFICE_SEARCH_PARALLEL_FACETS = True
        summary("  same, facets counted serially (one core)", n, serial[label])
        paged, _ = run_api(user, queries, page=2)
        summary("  page 2 of the same queries (facet counts from Redis)", n, paged)
        engine[label] = run_engine(user, queries)
        summary(f"engine layer (ACL+facets+snippets), {label}", n, engine[label])
    summary("bare Tantivy top 20 + count", n, bare, f"  (avg {statistics.mean(bare_counts):,.0f} matches)")
    by_class(bare)
    symbol_queries = [(q, pk, t) for (k, q, pk), t in zip(queries, top1) if k == "symbol"]
    if symbol_queries:
        keys = dict(Document.objects.filter(pk__in={pk for _, pk, _ in symbol_queries} | {t for _, _, t in symbol_queries if t})
                    .values_list("pk", "symbol_key"))
        exact = sum(1 for _, pk, t in symbol_queries if t == pk)
        same = sum(1 for q, pk, t in symbol_queries if t and (keys[t] == keys[pk] or (
            len(q.split()) == 2 and keys[t].startswith(keys[pk].split("/")[0] + "/"))))
        print(f"    symbol lookups (bare): first hit is the looked-up document {exact}/{len(symbol_queries)}, has its symbol "
              f"{same}/{len(symbol_queries)} (symbols recur: numbers restart every year; `CV 45` names no issuer)")

    pg = None
    if not args.skip_pg:
        picked = list(range(len(queries)))
        if args.pg_queries:
            picked = picked[:: max(1, len(queries) // args.pg_queries)][: args.pg_queries]
        subset = [queries[i] for i in picked]
        pg, pg_counts = run_pg(subset, n)
        bare_subset = [bare[i] for i in picked]
        api_subset = {label: [api[label][i] for i in picked] for label in api}
        summary(f"ranked PostgreSQL FTS ({len(subset)} queries)", n, pg)
        for kind in kinds:
            summary(f"    {kind}", n, [t for t, (k, _, _) in zip(pg, subset) if k == kind])
        summary("  bare Tantivy, same queries", n, bare_subset)
        same = sum(1 for i, c in pg_counts.items() if c == bare_counts[picked[i]])
        print(f"    match counts PG vs Tantivy on {len(pg_counts)} of them: equal for {same}; "
              f"avg PG {statistics.mean(pg_counts.values()):,.0f}, Tantivy {statistics.mean(bare_counts[picked[i]] for i in pg_counts):,.0f}")

    print(f"ratios at N={n:,}, {mix} mix (p50 / p95):")
    for label in api:
        print(f"  API/bare, {label:<16} {pct(api[label], .5) / pct(bare, .5):5.2f}x / {pct(api[label], .95) / pct(bare, .95):5.2f}x"
              f"   (facets serial {pct(serial[label], .5) / pct(bare, .5):5.2f}x / {pct(serial[label], .95) / pct(bare, .95):5.2f}x)"
              f"   engine/bare {pct(engine[label], .5) / pct(bare, .5):5.2f}x / {pct(engine[label], .95) / pct(bare, .95):5.2f}x")
    if pg:
        for label in api:
            a = api_subset[label]
            print(f"  PG/API,   {label:<16} {pct(pg, .5) / pct(a, .5):5.2f}x / {pct(pg, .95) / pct(a, .95):5.2f}x")
        print(f"  PG/bare                    {pct(pg, .5) / pct(bare_subset, .5):5.2f}x / {pct(pg, .95) / pct(bare_subset, .95):5.2f}x")


def search_data_admin() -> int:
    from accounts.models import Role, User

    return User.objects.filter(groups=Role.objects.get(code="admin").group_ptr).order_by("pk").values_list("pk", flat=True)[0]


def pick_staff(n: int):
    """A staff member of the department whose live unit assignments come closest to 1 % of the documents."""
    from django.db.models import Count

    from accounts.models import Role, User
    from workflow.models import Assignment

    per_unit = (Assignment.objects.filter(unit__isnull=False, status__in=["open", "done"]).values("unit_id")
                .annotate(docs=Count("document_id", distinct=True)))
    unit = min(per_unit, key=lambda row: abs(row["docs"] - n * 0.0095))["unit_id"]
    return User.objects.filter(org_unit_id=unit, groups=Role.objects.get(code="staff").group_ptr).order_by("pk").first()


def run_api(user, queries, page=1):
    from rest_framework.test import APIClient

    from accounts.backends import UserBackend
    from search import facet_cache

    client = APIClient()
    backend = UserBackend()
    for _, q, _ in queries[:10]:  # warm up: imports, connections, caches of the index files
        client.force_authenticate(backend.get_user(user.pk))
        client.get("/api/v1/search/", {"q": q})
    timings, totals = [], []
    for _, q, _ in queries:
        responses = []

        def request():
            client.force_authenticate(backend.get_user(user.pk))  # a fresh user per request, as session authentication loads it
            responses.append(client.get("/api/v1/search/", {"q": q, "page": page}))

        if page == 1:
            prepare = facet_cache.bump  # every query is new to the index's facet cache, as a first page is
        else:
            def prepare():
                client.get("/api/v1/search/", {"q": q})  # page 1 first, untimed: its facet counts are then in Redis
        timings.append(timed(request, prepare))
        response = responses[-1]
        assert response.status_code == 200, (q, response.status_code, response.content[:300])
        totals.append(response.data["count"])
    return timings, totals


def run_engine(user, queries):
    from documents import policies
    from search import documents as index_documents
    from search import facet_cache
    from search.backend import SearchFilters, get_backend
    from search.querytext import parse

    from accounts.backends import UserBackend

    backend, users = get_backend(), UserBackend()
    timings = []
    for _, q, _ in queries:
        fresh = users.get_user(user.pk)

        def search():
            access = policies.user_access_keys(fresh)
            backend.query(parse(q), SearchFilters(), access, offset=0, limit=20, facets=True, snippet_texts=index_documents.texts)

        timings.append(timed(search, facet_cache.bump))
    return timings


def run_bare(queries):
    from search.backend import QueryBuilder, get_backend
    from search.querytext import parse

    index = get_backend()._reader()
    index.reload()
    searcher = index.searcher()
    builder = QueryBuilder(index.schema, searcher)
    timings, counts, top1, excess = [], [], [], []
    for _, q, _ in queries:
        found = []

        def search():
            parsed = parse(q)
            text = builder.text(parsed)
            query = builder.ranked(text, builder.boosts(parsed))
            page, count = builder.page(query, offset=0, limit=20)  # with the page check of a phrase matched by word pairs
            addresses = [a for _, a in page]
            found[:] = [parsed, count, searcher.fast_field_values("id", addresses) if addresses else []]

        timings.append(timed(search))
        parsed, count, ids = found
        counts.append(count)
        if builder.unchecked:  # untimed: how far the pairs' total is from the positional phrase's
            excess.append((count, searcher.search(builder.exact_text(parsed), limit=1, count=True).count))
        top1.append(ids[0] if ids else None)
    if excess:
        over = [(c - e) / max(1, e) for c, e in excess]
        print(f"    {len(excess)} queries with a phrase matched by word pairs (page checked): total above the positional "
              f"count for {sum(1 for c, e in excess if c != e)}, by {max(over):.3%} at most, {statistics.mean(over):.4%} on average")
    return timings, counts, top1


def tsquery(q: str) -> str:
    """The parsed query as a tsquery over the same folded tokens: words AND-ed, multi-token parts as phrases."""
    from search.backend import fold_tokens
    from search.querytext import parse

    parsed = parse(q)
    parts = []
    for word in parsed.words + parsed.phrases:
        tokens = fold_tokens(word)
        if tokens:
            parts.append("(" + " <-> ".join(f"'{t}'" for t in tokens) + ")")
    return " & ".join(parts)


def run_pg(queries, n):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_fts') IS NOT NULL")
        if not cur.fetchone()[0]:
            started = time.perf_counter()
            cur.execute("CREATE OR REPLACE FUNCTION bench_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
                        "STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$")
            cur.execute("""
                CREATE TABLE bench_fts AS
                SELECT d.id,
                  setweight(to_tsvector('simple', bench_unaccent(translate(d.summary, '/-', '  '))), 'A') ||
                  to_tsvector('simple', bench_unaccent(translate(concat_ws(' ', d.symbol, d.issuer_name, i.code, t.name, d.signer,
                    (SELECT string_agg(r.text, ' ') FROM workflow_direction r WHERE r.document_id = d.id),
                    (SELECT string_agg(c.text, ' ') FROM workflow_comment c WHERE c.document_id = d.id),
                    (SELECT string_agg(f.display_name || ' ' || v.text, ' ') FROM documents_documentfile f
                       JOIN documents_fileversion v ON v.file_id = f.id WHERE f.document_id = d.id)), '/-', '  '))) AS tsv
                FROM documents_document d LEFT JOIN documents_issuer i ON i.id = d.issuer_id
                LEFT JOIN documents_documenttype t ON t.id = d.doc_type_id""")
            built = time.perf_counter() - started
            cur.execute("CREATE INDEX bench_fts_gin ON bench_fts USING gin (tsv)")
            cur.execute("ANALYZE bench_fts")
            cur.execute("SELECT pg_total_relation_size('bench_fts')")
            size = cur.fetchone()[0]
            print(f"PG FTS table + GIN index: N={n:,} built in {time.perf_counter() - started:.0f} s "
                  f"(tsvectors {built:.0f} s), {size / 2**20:,.0f} MiB", flush=True)
        cur.execute("SET statement_timeout = '60s'")
        sql = ("SELECT id, ts_rank(tsv, q) AS rank FROM bench_fts, to_tsquery('simple', %s) q "
               "WHERE tsv @@ q ORDER BY rank DESC LIMIT 20")
        for _, q, _ in queries[:5]:
            cur.execute(sql, [tsquery(q)])
            cur.fetchall()
        timings, counts = [], {}
        for _, q, _ in queries:
            start = time.perf_counter()
            cur.execute(sql, [tsquery(q)])
            cur.fetchall()
            timings.append(time.perf_counter() - start)
        for i in range(0, len(queries), max(1, len(queries) // 40)):  # match counts on a sample, untimed
            cur.execute("SELECT count(*) FROM bench_fts WHERE tsv @@ to_tsquery('simple', %s)", [tsquery(queries[i][1])])
            counts[i] = cur.fetchone()[0]
    return timings, counts


if __name__ == "__main__":
    main()
