"""Synthetic Vietnamese documents for bench/search.py, written straight into PostgreSQL with COPY.

Deterministic for a seed. Organisation: one provincial committee, 8 agencies, 60 departments, ~5,000 users in the
usual roles. Documents: mostly incoming (some issued outgoing ones), Party-format symbols `45-CV/BTCTU`, summaries and
extracted text of Zipf-distributed syllables with recurring administrative phrases, a main file each, directions,
comments, unit assignments (about half of the documents, to a department of the owning agency) and personal
assignments with a guardian view grant, so that a staff member sees about 1 % of everything.
"""
from __future__ import annotations

import hashlib
import itertools
import random
import unicodedata
from datetime import date, datetime, timedelta, timezone

TZ = timezone(timedelta(hours=7))
CHUNK = 10_000

# Vocabulary ---------------------------------------------------------------------------------------------------

COMMON = """của và các có được trong là cho những với không này để theo đã về tại từ người đến một năm tỉnh ủy ban
đảng bộ cán công tác chính trị hành kiểm tra giám sát thực hiện quyết định kế hoạch báo cáo thông tin văn phòng tổ
chức lãnh đạo chỉ triển khai nghị thường vụ huyện xã phường thị trấn cơ quan đơn vị nhiệm kỳ đại hội đồng chí phát
kinh tế quốc an ninh dân vận tuyên giáo đoàn thể mặt trận đề tham mưu phối hợp chủ trì thời gian hạn nội dung tình
hình kết quả đánh giá tổng sơ học tập quán triệt chuyên tư tưởng đạo đức phong cách hồ minh việc làm trên số ngày
tháng sau trước cấp ngành địa phương đoàn viên hội nghị triệu tập tiếp nhận xử lý giải pháp nhiệm vụ trọng tâm
năng lực cải cách xây dựng chỉnh đốn củng cố kiện toàn sắp xếp bộ máy tinh gọn hiệu quả lực lượng vũ trang biên
giới đất đai tài chính ngân sách đầu tư dự án công trình giao thông nông thôn mới giảm nghèo bền vững y giáo dục
đào tạo khoa học công nghệ chuyển đổi số môi trường thiên tai phòng chống dịch bệnh văn hóa thể thao du lịch lao
động việc doanh nghiệp hợp tác xã kỷ luật khen thưởng thi đua tôn vinh điển hình tiên tiến gương mẫu trách nhiệm
người đứng đầu quy chế quy định hướng dẫn ý kiến góp dự thảo văn kiện đến đèn đen đên nhũng nhưng những nhung""".split()

PHRASES = [
    "cải cách hành chính", "công tác cán bộ", "kiểm tra, giám sát", "Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "phát triển kinh tế - xã hội", "quốc phòng, an ninh",
    "chuyển đổi số", "phòng, chống tham nhũng, tiêu cực", "xây dựng, chỉnh đốn Đảng", "tổ chức cơ sở đảng",
    "công tác dân vận", "công tác tuyên truyền", "đại hội đảng bộ các cấp", "nhiệm kỳ 2025 - 2030", "thi hành kỷ luật đảng",
    "giải quyết khiếu nại, tố cáo", "thực hành tiết kiệm, chống lãng phí", "sắp xếp tổ chức bộ máy",
    "tinh gọn, hoạt động hiệu lực, hiệu quả", "bảo vệ nền tảng tư tưởng của Đảng", "ứng dụng công nghệ thông tin",
    "cán bộ chủ chốt", "quy hoạch cán bộ", "luân chuyển cán bộ", "đánh giá, xếp loại chất lượng", "tổ chức đảng và đảng viên",
    "báo cáo sơ kết", "báo cáo tổng kết", "6 tháng đầu năm", "triển khai thực hiện", "Nghị quyết số 18-NQ/TW",
    "Chỉ thị số 35-CT/TW", "Quy định số 144-QĐ/TW", "Kết luận số 21-KL/TW", "cải cách tư pháp", "kết nạp đảng viên mới",
    "bảo vệ chính trị nội bộ", "công tác thi đua, khen thưởng",
]

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s", "t",
          "th", "tr", "v", "x"]
# `*` follows the vowel that carries the tone mark.
RHYMES = """a* a*i a*o a*n a*ng a*nh a*m a*t a*c a*ch a*p a*y a*u ă*n ă*ng ă*m ă*t ă*c ă*p â*n â*ng â*m â*t â*c â*p â*y â*u
e* e*n e*m e*t e*c e*o ê* ê*n ê*nh ê*m ê*t ê*ch ê*u i* i*n i*nh i*m i*t i*ch i*a i*u iê*u iê*n iê*m iê*t iê*c iê*ng o* o*i
o*n o*ng o*m o*t o*c oa* oa*i oa*n oa*ng oa*nh oa*t oa*c ô* ô*i ô*n ô*ng ô*m ô*t ô*c ơ* ơ*i ơ*n ơ*m ơ*t u* u*i u*n u*ng
u*m u*t u*c u*a uâ*n uâ*t uô*i uô*n uô*ng uô*c uô*t uy* uyê*n uyê*t ư* ư*a ư*i ư*ng ư*t ư*c ươ*i ươ*n ươ*ng ươ*c ươ*t""".split()
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
STOP_TONES = ["\u0301", "\u0323"]


def _syllables(rng: random.Random, count: int) -> list[str]:
    made = set()
    for onset, rhyme in itertools.product(ONSETS, RHYMES):
        if (onset == "qu" and rhyme[0] in "uoôơư") or (onset == "gi" and rhyme[0] == "i"):
            continue
        stop = rhyme.rstrip("*").endswith(("c", "ch", "p", "t"))
        for tone in STOP_TONES if stop else TONES:
            made.add(unicodedata.normalize("NFC", onset + rhyme.replace("*", tone)))
    common = list(dict.fromkeys(COMMON))
    rest = sorted(made - set(common))
    rng.shuffle(rest)
    rng.shuffle(common)
    return common + rest[: max(0, count - len(common))]


def zipf_weights(n: int, s: float = 1.05) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank ** s) for rank in range(1, n + 1)))


# Organisation ---------------------------------------------------------------------------------------------------

AGENCIES = [
    ("VPTU", "Văn phòng Tỉnh ủy"), ("BTCTU", "Ban Tổ chức Tỉnh ủy"), ("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"), ("BNCTU", "Ban Nội chính Tỉnh ủy"), ("ĐUCCQ", "Đảng ủy các cơ quan Đảng tỉnh"),
    ("ĐUUBND", "Đảng ủy Ủy ban nhân dân tỉnh"), ("TTCTTU", "Trường Chính trị tỉnh"),
]
DEPARTMENTS = ["Phòng Tổng hợp", "Phòng Hành chính - Tài chính", "Phòng Tổ chức cán bộ", "Phòng Nghiên cứu",
               "Phòng Kiểm tra 1", "Phòng Kiểm tra 2", "Phòng Cơ sở đảng", "Phòng Chuyển đổi số", "Phòng Tuyên truyền"]
EXTERNAL_ISSUERS = [
    ("TU", "Tỉnh ủy"), ("BTVTU", "Ban Thường vụ Tỉnh ủy"), ("VPTW", "Văn phòng Trung ương Đảng"),
    ("BTCTW", "Ban Tổ chức Trung ương"), ("UBKTTW", "Ủy ban Kiểm tra Trung ương"), ("BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương"),
    ("BNCTW", "Ban Nội chính Trung ương"), ("UBND", "Ủy ban nhân dân tỉnh"), ("HĐND", "Hội đồng nhân dân tỉnh"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
] + [(f"HU{c}", f"Huyện ủy {n}") for c, n in [("BT", "Bình Tân"), ("CL", "Cao Lãnh"), ("TB", "Tân Biên"),
     ("PH", "Phú Hòa"), ("ĐT", "Đức Thọ"), ("LS", "Long Sơn"), ("TH", "Thạch Hà"), ("VL", "Vĩnh Linh"),
     ("AN", "An Nhơn"), ("QS", "Quế Sơn")]] + [(f"ĐU{c}", f"Đảng ủy {n}") for c, n in [
     ("QS", "Quân sự tỉnh"), ("CA", "Công an tỉnh"), ("BĐBP", "Bộ đội Biên phòng tỉnh"), ("KCN", "Khu công nghiệp")]]
DOC_TYPES = [("CV", "Công văn", 40), ("KH", "Kế hoạch", 12), ("BC", "Báo cáo", 22), ("TB", "Thông báo", 16), ("QĐ", "Quyết định", 10)]
SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Hữu Đức Minh Thanh Ngọc Quốc Xuân Thu Hoài Kim".split()
GIVEN = "Anh Bình Cường Dũng Hà Hải Hùng Hương Lan Long Mai Nam Phương Quang Sơn Thảo Trung Tuấn Việt Yến Hạnh Khoa Linh Nga".split()


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _ts(value: datetime) -> str:
    return value.isoformat()


def setup_organisation(rng: random.Random, users_total: int = 5000) -> dict:
    """Committee, agencies, departments, users with roles, issuers, terms and document types (ORM, bulk)."""
    from django.contrib.auth.models import Permission

    from accounts.management.commands.seed_demo import ensure_roles
    from accounts.models import OrgUnit, Role, User
    from documents.models import CommitteeTerm, DocumentType, Issuer

    ensure_roles()
    roles = {r.code: r for r in Role.objects.all()}
    committee = OrgUnit.objects.create(code="TU-BENCH", name="Tỉnh ủy", kind="committee")
    agencies, departments = [], []
    for i, (code, name) in enumerate(AGENCIES):
        agency = OrgUnit.objects.create(code=code, name=name, kind="agency", parent=committee, sort_order=i)
        agencies.append(agency)
        count = 8 if i < 4 else 7  # 4×8 + 4×7 = 60 departments
        for j, dept in enumerate(DEPARTMENTS[:count]):
            departments.append(OrgUnit.objects.create(code=f"{code}-P{j + 1}", name=f"{dept} ({code})", kind="department",
                                                      parent=agency, sort_order=j))
    # Users: per agency 2 leaders and 2 clerks; per department 1 head; the rest staff, spread over departments.
    specs = []
    for agency in agencies:
        specs += [(agency, "agency_leader")] * 2 + [(agency, "clerk")] * 2
    specs += [(dept, "department_head") for dept in departments]
    specs.append((agencies[0], "admin"))
    dept_weights = [rng.uniform(0.6, 1.4) for _ in departments]
    while len(specs) < users_total:
        specs.append((rng.choices(departments, dept_weights)[0], "staff"))
    users = User.objects.bulk_create([
        User(username=f"u{n:05d}", full_name=_name(rng), org_unit=unit, password="!", email=f"u{n:05d}@bench.invalid",
             position_title={"agency_leader": "Phó Trưởng ban", "clerk": "Văn thư", "department_head": "Trưởng phòng",
                             "admin": "Quản trị hệ thống", "staff": "Chuyên viên"}[role])
        for n, (unit, role) in enumerate(specs)
    ], batch_size=2000)
    through = User.groups.through
    through.objects.bulk_create([through(user_id=u.pk, group_id=roles[role].group_ptr_id) for u, (_, role) in zip(users, specs)],
                                batch_size=5000)
    by_role: dict = {}
    for u, (unit, role) in zip(users, specs):
        by_role.setdefault((role, unit.pk), []).append(u.pk)
    today = date(2025, 12, 31)
    terms = [CommitteeTerm.objects.create(name=f"{y}–{y + 5}", start_date=date(y, 10, 1), end_date=date(y + 5, 9, 30),
                                          is_current=(y == 2025)) for y in (2010, 2015, 2020, 2025)]
    issuers = [Issuer.objects.create(code=code, name=name, org_unit=a, valid_from=date(2000, 1, 1))
               for (code, name), a in zip(AGENCIES, agencies)]
    issuers += [Issuer.objects.create(code=code, name=name, valid_from=date(2000, 1, 1)) for code, name in EXTERNAL_ISSUERS]
    types = [DocumentType.objects.create(abbreviation=a, name=n, sort_order=i) for i, (a, n, _) in enumerate(DOC_TYPES)]
    return {
        "agencies": [a.pk for a in agencies], "departments": {a.pk: [d.pk for d in departments if d.parent_id == a.pk] for a in agencies},
        "dept_names": {d.pk: d.name.split(" (")[0] for d in departments},
        "by_role": by_role, "issuers": [(i.pk, i.code, i.name, i.org_unit_id) for i in issuers],
        "types": [(t.pk, t.abbreviation, t.name, w) for t, (_, _, w) in zip(types, DOC_TYPES)],
        "terms": [(t.pk, t.start_date, t.end_date) for t in terms], "today": today,
        "view_permission": Permission.objects.get(codename="view_document", content_type__app_label="documents").pk,
        "admin": by_role[("admin", agencies[0].pk)][0],
    }


# Documents --------------------------------------------------------------------------------------------------------


class TextMaker:
    def __init__(self, rng: random.Random, vocabulary: int = 6000):
        self.rng = rng
        self.words = _syllables(rng, vocabulary)
        self.cum = zipf_weights(len(self.words))
        self.phrase_cum = zipf_weights(len(PHRASES), 0.8)

    def words_(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=n)

    def phrase(self) -> str:
        return self.rng.choices(PHRASES, cum_weights=self.phrase_cum, k=1)[0]

    def sentence(self, n: int) -> str:
        words = self.words_(n)
        if self.rng.random() < 0.6:
            words.insert(self.rng.randrange(len(words) + 1), self.phrase())
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def body(self, n: int) -> str:
        out, left = [], n
        while left > 0:
            k = min(left, self.rng.randint(8, 24))
            out.append(self.sentence(k))
            left -= k
        return " ".join(out)


URGENCY = (["normal"] * 85) + (["urgent"] * 10) + (["very_urgent"] * 4) + ["flash"]
INCOMING_STATUS = (["completed"] * 55) + (["in_progress"] * 25) + (["registered"] * 18) + ["returned", "recalled"]

DOC_COLS = ("id kind agency_id status arrival_year arrival_number arrival_at issuer_id issuer_name symbol symbol_key "
            "issued_date doc_type_id summary signer urgency secrecy page_count copies notes duplicate_reason "
            "registered_by_id created_at updated_at quarantine_mark secrecy_confirmation_reason return_reason "
            "completed_at department_id term_id number external_recipients issued_at recall_reason").split()


def generate(org: dict, n: int, seed: int, *, body_words: tuple[int, int] = (120, 360), progress=None) -> dict:
    """COPY n documents with their files, directions, comments, assignments and grants."""
    from django.db import connection

    from documents.symbols import symbol_key

    rng = random.Random(seed)
    text = TextMaker(random.Random(seed + 1))
    agencies = org["agencies"]
    agency_weights = [1.0 / (i + 1) ** 0.5 for i in range(len(agencies))]
    issuers = org["issuers"]
    issuer_cum = zipf_weights(len(issuers), 0.9)
    types = org["types"]
    type_weights = [t[3] for t in types]
    by_role = org["by_role"]
    dept_cum = {a: zipf_weights(len(ds), 0.6) for a, ds in org["departments"].items()}
    arrival: dict = {}
    numbers: dict = {}
    ids = itertools.count(1)
    quarantined = 0
    raw = connection.connection
    start_day = date(2016, 1, 1)
    span = (org["today"] - start_day).days

    for chunk_start in range(0, n, CHUNK):
        docs, files, versions, directions, comments, assigns, grants = [], [], [], [], [], [], []
        for _ in range(min(CHUNK, n - chunk_start)):
            pk = next(ids)
            agency = rng.choices(agencies, agency_weights)[0]
            depts = org["departments"][agency]
            type_id, abbr, type_name, _ = rng.choices(types, type_weights)[0]
            issued = start_day + timedelta(days=rng.randrange(span))
            urgency = rng.choice(URGENCY)
            leader = rng.choice(by_role[("agency_leader", agency)])
            clerk = rng.choice(by_role[("clerk", agency)])
            lead_dept = rng.choices(depts, cum_weights=dept_cum[agency])[0]
            if rng.random() < 0.12:  # an issued outgoing document of this agency
                kind, status = "outgoing", "issued"
                issuer = next(i for i in issuers if i[3] == agency)
                term = next(t for t in org["terms"] if t[1] <= issued <= t[2])
                key = (issuer[0], abbr, term[0])
                numbers[key] = numbers.get(key, 0) + 1
                number, term_id = numbers[key], term[0]
                staff = by_role.get(("staff", lead_dept)) or by_role[("department_head", lead_dept)]
                registered_by, department = rng.choice(staff), lead_dept
                at = datetime(issued.year, issued.month, issued.day, rng.randint(7, 17), rng.randrange(60), tzinfo=TZ)
                arrival_year = arrival_number = arrival_at = None
                signer = "T/M Ban Thường vụ"
                issued_at = _ts(at)
            else:
                kind, status = "incoming", rng.choice(INCOMING_STATUS)
                if rng.random() < 0.002:
                    status = "quarantined"
                    quarantined += 1
                issuer = rng.choices(issuers, cum_weights=issuer_cum)[0]
                number, term_id, department, issued_at = rng.randint(1, 1500), None, None, None
                registered_by = clerk
                at = datetime(issued.year, issued.month, issued.day, rng.randint(7, 17), rng.randrange(60), tzinfo=TZ) + timedelta(days=rng.randint(1, 6))
                arrival_year = at.year
                arrival[(agency, arrival_year)] = arrival_number = arrival.get((agency, arrival_year), 0) + 1
                arrival_at = _ts(at)
                signer = _name(rng)
            symbol = f"{number}-{abbr}/{issuer[1]}"
            summary = f"{type_name} về việc {text.phrase()} {' '.join(text.words_(rng.randint(6, 18)))}"
            if rng.random() < 0.5:
                summary += f", {text.phrase()}"
            body = f"{issuer[2].upper()}\nSố {symbol}\n{text.body(rng.randint(*body_words))}"
            stamp = _ts(at)
            docs.append((pk, kind, agency, status, arrival_year, arrival_number, arrival_at, issuer[0], issuer[2], symbol,
                         symbol_key(symbol), issued.isoformat(), type_id, summary, signer, urgency, "ordinary",
                         rng.randint(1, 12), 1, "", "", registered_by, stamp, stamp,
                         "MẬT" if status == "quarantined" else "", "", "",
                         stamp if status == "completed" else None, department, term_id,
                         number if kind == "outgoing" else None, "", issued_at, ""))
            files.append((pk, "main", f"{abbr}-{number}-{issuer[1]}.pdf", stamp, registered_by, pk))
            digest = hashlib.sha256(str(pk).encode()).hexdigest()
            versions.append((pk, 1, "", ".pdf", digest, 20_000 + len(body) * 40, "application/pdf", stamp, "", "done",
                             0, 0, "", 1, stamp, body, "text", "", pk, registered_by))
            live = status in ("in_progress", "completed", "issued")
            if live and rng.random() < 0.4:
                directions.append((pk, f"Giao {org['dept_names'][lead_dept]} chủ trì, phối hợp các đơn vị liên quan tham mưu "
                                       f"{text.phrase()}; báo cáo kết quả trước ngày {issued + timedelta(days=15):%d/%m/%Y}.",
                                   stamp, leader))
            if live and rng.random() < 0.1:
                comments.append((pk, text.sentence(rng.randint(8, 20)), stamp, rng.choice(by_role[("department_head", lead_dept)])))
            if kind == "incoming" and live and rng.random() < 0.65:
                state = "done" if status == "completed" else "open"
                assigns.append([None, pk, "lead", lead_dept, None, None, state, leader, stamp])
                lead_index = len(assigns) - 1
                if rng.random() < 0.15:
                    other = rng.choice([d for d in depts if d != lead_dept] or depts)
                    assigns.append([None, pk, "coordinate", other, None, None, state, leader, stamp])
                if rng.random() < 0.5:
                    people = by_role.get(("staff", lead_dept)) or by_role[("department_head", lead_dept)]
                    for person in rng.sample(people, min(len(people), rng.choice((1, 1, 2)))):
                        assigns.append([None, pk, "lead", None, person, lead_index, state, by_role[("department_head", lead_dept)][0], stamp])
                        grants.append((pk, org["view_permission"], person))
        _copy(raw, docs, files, versions, directions, comments, assigns, grants)
        if progress:
            progress(chunk_start + len(docs), n)
    return {"quarantined": quarantined}


_next_ids = {"assign": 1, "direction": 1, "comment": 1, "grant": 1}


def _copy(raw, docs, files, versions, directions, comments, assigns, grants) -> None:
    with raw.cursor() as cur:
        with cur.copy(f"COPY documents_document ({', '.join(DOC_COLS)}) FROM STDIN") as cp:
            for row in docs:
                cp.write_row(row)
        with cur.copy("COPY documents_documentfile (id, role, display_name, created_at, created_by_id, document_id) FROM STDIN") as cp:
            for row in files:
                cp.write_row(row)
        with cur.copy("COPY documents_fileversion (id, number, blob, extension, sha256, size, mime_type, uploaded_at, note, "
                      "extraction_status, extraction_page, extraction_pages, extraction_error, extraction_attempts, "
                      "extraction_updated_at, text, text_method, searchable_pdf, file_id, uploaded_by_id) FROM STDIN") as cp:
            for row in versions:
                cp.write_row(row)
        with cur.copy("COPY workflow_direction (id, document_id, text, created_at, directed_by_id) FROM STDIN") as cp:
            for row in directions:
                cp.write_row((_take("direction"), *row))
        with cur.copy("COPY workflow_comment (id, document_id, text, created_at, author_id) FROM STDIN") as cp:
            for row in comments:
                cp.write_row((_take("comment"), *row))
        base = _next_ids["assign"]
        for i, row in enumerate(assigns):
            row[0] = base + i
            if row[5] is not None:
                row[5] = base + row[5]
        _next_ids["assign"] += len(assigns)
        with cur.copy("COPY workflow_assignment (id, document_id, role, unit_id, user_id, parent_id, status, assigned_by_id, "
                      "created_at, done_note) FROM STDIN") as cp:
            for row in assigns:
                cp.write_row((*row, ""))
        with cur.copy("COPY documents_documentuserobjectpermission (id, content_object_id, permission_id, user_id) FROM STDIN") as cp:
            for row in grants:
                cp.write_row((_take("grant"), *row))
    raw.commit()


def _take(name: str) -> int:
    value = _next_ids[name]
    _next_ids[name] += 1
    return value


def finish(raw) -> None:
    """Identity sequences past the explicit ids, and fresh planner statistics."""
    with raw.cursor() as cur:
        for table in ("documents_document", "documents_documentfile", "documents_fileversion", "workflow_direction",
                      "workflow_comment", "workflow_assignment", "documents_documentuserobjectpermission"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM {table}), 1))")
        cur.execute("ANALYZE")
    raw.commit()


# Queries ----------------------------------------------------------------------------------------------------------


def strip_marks(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return folded.replace("đ", "d").replace("Đ", "D")


def queries(seed: int, samples: list[tuple[int, str]], count: int = 200) -> list[tuple[str, str, int | None]]:
    """(kind, query text, expected document id for symbol lookups) — a fixed mix for every engine."""
    rng = random.Random(seed)
    text = TextMaker(random.Random(seed + 1))
    mid = text.words[20:600]
    n_word, n_two, n_plain, n_quoted = (count * 25) // 100, (count * 25) // 100, (count * 15) // 100, (count * 20) // 100
    out = [("word", rng.choice(text.words[:20] if rng.random() < 0.2 else mid), None) for _ in range(n_word)]
    two_words = []
    for _ in range(n_two + n_plain):
        if rng.random() < 0.6:
            words = rng.choice(PHRASES).replace(",", "").split()
            i = rng.randrange(max(1, len(words) - 1))
            two_words.append(" ".join(words[i:i + 2]))
        else:
            two_words.append(" ".join(rng.sample(mid, 2)))
    out += [("two words", q, None) for q in two_words[:n_two]]
    out += [("two words, no marks", strip_marks(q).lower(), None) for q in two_words[n_two:]]
    out += [("quoted phrase", f'"{rng.choice(PHRASES)}"', None) for _ in range(n_quoted)]
    for _ in range(count - len(out)):
        pk, symbol = rng.choice(samples)
        number, rest = symbol.split("-", 1)
        abbr, issuer = rest.split("/", 1)
        variant = rng.choice([symbol, f"{number}/{abbr}-{issuer}", f"{number} {abbr} {issuer}", f"{abbr} {number}"])
        out.append(("symbol", variant, pk))
    return out


def realistic_queries(seed: int, samples: list[tuple[int, str, str]], count: int = 200) -> list[tuple[str, str, int | None]]:
    """What people type, by class (see bench/README.md for the match counts each class produced):

    - "summary words" (25 %): 2–3 words in a row of a real document's summary (recurring administrative phrases and
      the type name left out), with marks, at least one of them outside the 1,000 most frequent syllables (what one
      remembers of a summary is its distinctive words);
    - "summary words, no marks" (15 %): the same typed without diacritics;
    - "distinctive word" (10 %): one such word alone;
    - "symbol" (20 %): a symbol in one of the four spellings of the issue;
    - heavy, also reported on their own: "quoted phrase" (15 %), an administrative phrase that recurs in most
      documents, and "common word" (15 %), one syllable among the 20–600 most frequent.
    `samples` are (id, symbol, summary) of documents picked evenly through the table.
    """
    rng = random.Random(seed + 7)
    text = TextMaker(random.Random(seed + 1))
    frequent = set(text.words[:FREQUENT])
    n_summary, n_plain, n_word = (count * 25) // 100, (count * 15) // 100, (count * 10) // 100
    n_symbol, n_quoted = (count * 20) // 100, (count * 15) // 100
    n_common = count - n_summary - n_plain - n_word - n_symbol - n_quoted

    def descriptive(summary: str) -> list[str]:
        # "<type> về việc <recurring phrase> <zipf words>[, <phrase>]": the zipf words are the document's own.
        words = [w.strip(",.") for w in summary.split()]
        return [w for w in words if w and w.lower() not in _BOILERPLATE]

    windows, singles = [], []
    for _ in range(20 * count):
        if len(windows) >= n_summary + n_plain and len(singles) >= n_word:
            break
        _, _, summary = rng.choice(samples)
        words = descriptive(summary)
        rare = [w for w in words if w.lower() not in frequent]
        if not rare:
            continue
        if len(singles) < n_word:
            singles.append(rng.choice(rare))
        size = rng.choice((2, 2, 3))
        starts = [i for i in range(max(1, len(words) - size + 1)) if any(w.lower() not in frequent for w in words[i:i + size])]
        if starts and len(windows) < n_summary + n_plain:
            i = rng.choice(starts)
            windows.append(" ".join(words[i:i + size]))
    out = [("summary words", q, None) for q in windows[:n_summary]]
    out += [("summary words, no marks", strip_marks(q).lower(), None) for q in windows[n_summary:n_summary + n_plain]]
    out += [("distinctive word", q, None) for q in singles[:n_word]]
    for _ in range(n_symbol):
        pk, symbol, _ = rng.choice(samples)
        number, rest = symbol.split("-", 1)
        abbr, issuer = rest.split("/", 1)
        variant = rng.choice([symbol, f"{number}/{abbr}-{issuer}", f"{number} {abbr} {issuer}", f"{abbr} {number}"])
        out.append(("symbol", variant, pk))
    out += [("heavy: quoted phrase", f'"{rng.choice(PHRASES)}"', None) for _ in range(n_quoted)]
    out += [("heavy: common word", rng.choice(text.words[20:600]), None) for _ in range(n_common)]
    return out


FREQUENT = 1000
_BOILERPLATE = {w.lower() for phrase in PHRASES for w in phrase.replace(",", " ").split()} | {
    w.lower() for _, name, _ in DOC_TYPES for w in name.split()} | {"về", "việc", "-"}
