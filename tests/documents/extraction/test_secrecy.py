"""Secrecy stamps: MẬT / TỐI MẬT / TUYỆT MẬT alone on a line in a page's header, and nothing else."""

import unicodedata

import pytest

from documents.extraction import find_secrecy_mark

HEADER = "TỈNH ỦY NGHỆ AN\nSố 123-CV/TU\n"
BODY = "Kính gửi: Các ban đảng Tỉnh ủy\nThực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy về công tác văn thư.\n"


@pytest.mark.parametrize(
    ("stamp", "mark"),
    [
        ("MẬT", "mat"),
        ("TỐI MẬT", "toi_mat"),
        ("TUYỆT MẬT", "tuyet_mat"),
        ("Tối mật", "toi_mat"),
        ("  tuyệt   mật  ", "tuyet_mat"),
        ("T Ố I  M Ậ T", "toi_mat"),
        ("[MẬT]", "mat"),
        ("(TỐI MẬT)", "toi_mat"),
        ("| TUYỆT MẬT |", "tuyet_mat"),
        ("I MẬT I", "mat"),
        ("┌─────────┐\n│ TỐI MẬT │\n└─────────┘", "toi_mat"),
        ("*** MẬT ***", "mat"),
        (unicodedata.normalize("NFD", "TUYỆT MẬT"), "tuyet_mat"),
    ],
)
def test_stamp_alone_on_a_header_line_is_found(stamp, mark):
    assert find_secrecy_mark(HEADER + stamp + "\n" + BODY) == mark


def test_stamp_in_a_column_of_a_laid_out_header_line_is_found():
    """PDF text and OCR of a two-column header keep wide gaps between the columns."""
    text = "TỈNH ỦY NGHỆ AN          ĐẢNG CỘNG SẢN VIỆT NAM\nSố 123-CV/TU\tNghệ An, ngày 5 tháng 3 năm 2025\nMẬT\n"
    assert find_secrecy_mark(text) == "mat"
    assert find_secrecy_mark("Số 45-CV/TU          TỐI MẬT\n" + BODY) == "toi_mat"


def test_highest_level_of_all_pages_is_returned():
    pages = [HEADER + "MẬT\n" + BODY, HEADER + BODY, HEADER + "TUYỆT MẬT\n" + BODY, "TỐI MẬT\n" + BODY]
    assert find_secrecy_mark("\f".join(pages)) == "tuyet_mat"


@pytest.mark.parametrize(
    "text",
    [
        "Tăng cường bảo mật thông tin trên không gian mạng",
        "Cán bộ phải giữ bí mật nhà nước",
        "Mật khẩu của tài khoản được cấp riêng",
        "Văn bản không mật",
        "Tài liệu MẬT phải được bảo quản trong tủ có khóa",
        "TỐI MẬT là độ mật thứ hai",
        "Độ mật: Tối mật, Tuyệt mật hoặc Mật theo quy định",
        "MAT",
        "TOI MAT",
        "TUYET MAT",
        "MẶT",
        "MẬT MÃ",
        "BẢO MẬT",
        "",
    ],
)
def test_running_text_and_look_alikes_are_not_stamps(text):
    assert find_secrecy_mark(HEADER + text + "\n" + BODY) is None


def test_stamp_below_the_header_zone_is_ignored():
    lines = [f"Dòng {n} của nội dung văn bản." for n in range(1, 16)]
    assert find_secrecy_mark("\n".join([*lines, "MẬT"])) is None
    assert find_secrecy_mark("\n".join([*lines[:14], "MẬT"])) == "mat"


def test_blank_lines_do_not_count_towards_the_header_zone():
    assert find_secrecy_mark("\n\n\n" + "\n \n".join(f"Dòng {n}" for n in range(14)) + "\nTỐI MẬT") == "toi_mat"
