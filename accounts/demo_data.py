"""A realistic province for the quick start and for tests: one Tỉnh ủy, its advisory agencies and
departments, people in every role, issuer codes, the two latest committee terms and the Party's
document types."""
from dataclasses import dataclass
from datetime import date

DEMO_PASSWORD = "IoOffice@2026"
PROVINCE = "Nghệ An"

# (code, name, issuer code, leader title, deputy title, departments [(code suffix, name)])
AGENCIES = [
    ("VPTU", "Văn phòng Tỉnh ủy", "Chánh Văn phòng", "Phó Chánh Văn phòng", [
        ("TH", "Phòng Tổng hợp"),
        ("HCLT", "Phòng Hành chính – Lưu trữ"),
        ("QTTV", "Phòng Quản trị – Tài vụ"),
        ("CYCNTT", "Phòng Cơ yếu – Công nghệ thông tin"),
    ]),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy", "Trưởng ban", "Phó Trưởng ban", [
        ("TCDDV", "Phòng Tổ chức đảng – đảng viên"),
        ("CB", "Phòng Cán bộ"),
        ("BVCT", "Phòng Bảo vệ chính trị"),
    ]),
    ("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Trưởng ban", "Phó Trưởng ban", [
        ("LLCT", "Phòng Lý luận chính trị – Lịch sử Đảng"),
        ("TTBC", "Phòng Tuyên truyền – Báo chí"),
        ("DV", "Phòng Dân vận"),
    ]),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "Chủ nhiệm", "Phó Chủ nhiệm", [
        ("KT1", "Phòng Kiểm tra 1"),
        ("KT2", "Phòng Kiểm tra 2"),
        ("TH", "Phòng Tổng hợp"),
    ]),
    ("BNCTU", "Ban Nội chính Tỉnh ủy", "Trưởng ban", "Phó Trưởng ban", [
        ("NC", "Phòng Nội chính"),
        ("PCTN", "Phòng Phòng, chống tham nhũng, tiêu cực"),
    ]),
    ("DUCQDT", "Đảng ủy các cơ quan Đảng tỉnh", "Bí thư Đảng ủy", "Phó Bí thư Đảng ủy", [
        ("VP", "Văn phòng Đảng ủy"),
        ("TCKT", "Ban Tổ chức – Kiểm tra"),
    ]),
]

EXTERNAL_ISSUERS = [
    ("TW", "Ban Chấp hành Trung ương Đảng"),
    ("VPTW", "Văn phòng Trung ương Đảng"),
    ("BTCTW", "Ban Tổ chức Trung ương"),
    ("UBND", "Ủy ban nhân dân tỉnh Nghệ An"),
]

TERMS = [
    ("2020–2025", date(2020, 10, 15), date(2025, 10, 14), False),
    ("2025–2030", date(2025, 10, 15), None, True),
]

DOCUMENT_TYPES = [
    ("NQ", "Nghị quyết"), ("QĐ", "Quyết định"), ("QĐ", "Quy định"), ("CT", "Chỉ thị"),
    ("KL", "Kết luận"), ("QC", "Quy chế"), ("HD", "Hướng dẫn"), ("TB", "Thông báo"),
    ("TT", "Thông tri"), ("BC", "Báo cáo"), ("KH", "Kế hoạch"), ("CTr", "Chương trình"),
    ("TTr", "Tờ trình"), ("ĐA", "Đề án"), ("PA", "Phương án"), ("BB", "Biên bản"),
    ("CV", "Công văn"), ("TC", "Thông cáo"), ("LKG", "Lời kêu gọi"), ("GGT", "Giấy giới thiệu"),
]

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Thị Thu", "Quang", "Thanh", "Ngọc", "Xuân", "Thị Hồng", "Công"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh",
          "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng",
          "Trang", "Trung", "Tuấn", "Việt", "Vinh", "Yến"]


def vietnamese_name(index: int) -> str:
    return f"{_SURNAMES[index % len(_SURNAMES)]} {_MIDDLE[(index * 7) % len(_MIDDLE)]} {_GIVEN[(index * 11) % len(_GIVEN)]}"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    description: str
