"""Secrecy stamps (độ mật) in a document's text: MẬT, TỐI MẬT or TUYỆT MẬT standing alone in a page's header.

A secret document carries its stamp as a line of its own near the top of the first page (below the number and
symbol), often drawn in a box. Running text mentions the words all the time ("bảo mật thông tin", "giữ bí mật",
"mật khẩu", "văn bản không mật"), so only a line, or a column cell of a laid-out line, that holds nothing but the
stamp counts: punctuation, box-drawing characters and the box's borders read by OCR as "|", "I" or "l" are
ignored, and so are the spaces OCR puts between letters ("T Ố I  M Ậ T"). The marks are required: "MAT" or
"TOI MAT" is not a stamp (it is as often "mát", "mặt" or a code).
"""

import re
import unicodedata

MAT = "mat"
TOI_MAT = "toi_mat"
TUYET_MAT = "tuyet_mat"

HEADER_LINES = 15  # non-empty lines from the top of each page

_STAMPS = {"MẬT": MAT, "TỐIMẬT": TOI_MAT, "TUYỆTMẬT": TUYET_MAT}
_RANK = {MAT: 1, TOI_MAT: 2, TUYET_MAT: 3}
# Column cells of a line laid out with wide gaps (PDF text, OCR of a two-column header): a tab or 3+ spaces.
_CELL_GAP = re.compile(r"\t|\s{3,}")
# A box border OCR'd as a letter, alone at either end of the cell: "| MẬT |", "I TỐI MẬT I".
_BORDER = re.compile(r"^[|Il1](?=\s)|(?<=\s)[|Il1]$")


def _stamp_of(cell: str) -> str | None:
    cell = _BORDER.sub("", cell.strip()).strip()
    letters = "".join(ch for ch in cell if unicodedata.category(ch)[0] in "LM")
    if len(letters) > len("TUYỆTMẬT"):
        return None
    return _STAMPS.get(unicodedata.normalize("NFC", letters).upper())


def find_secrecy_mark(text: str) -> str | None:
    """Return "tuyet_mat", "toi_mat" or "mat" for the highest secrecy stamp found, or None.

    Looks at the first `HEADER_LINES` non-empty lines of every page (pages are separated by form feeds, as in
    PDF and OCR text; text without them is one page). Case-insensitive; NFD input is accepted.
    """
    found: str | None = None
    for page in unicodedata.normalize("NFC", text).split("\f"):
        lines = [line for line in page.splitlines() if line.strip()][:HEADER_LINES]
        for line in lines:
            # The whole line first ("TUYỆT    MẬT" is one stamp), then each column cell of a laid-out line.
            for cell in [line, *_CELL_GAP.split(line)]:
                mark = _stamp_of(cell)
                if mark and (found is None or _RANK[mark] > _RANK[found]):
                    found = mark
    return found
