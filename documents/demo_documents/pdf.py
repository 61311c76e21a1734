"""Demo documents as born-digital PDFs laid out roughly as the Party's format (Quy định 66-QĐ/TW, Hướng dẫn
36-HD/VPTW) or, for a state body, Decree 30: letterhead left, national line right, the subject, the addressee,
the body, the signature. The text layer is real, so extraction finds it without OCR and search finds its words."""
import io
from dataclasses import dataclass
from datetime import date

from django.utils import timezone


@dataclass(frozen=True)
class Letter:
    letterhead: tuple[str, ...]  # the issuing body, top line first (BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG)
    state: bool  # a state body: Quốc hiệu and "Số: 123/UBND-TH" instead of "ĐẢNG CỘNG SẢN VIỆT NAM"
    symbol: str  # as printed: "125-CV/VPTW", or "   -CV/VPTU" for a draft not yet numbered
    place: str
    issued: date | None
    type_name: str  # "Công văn" has no title line: its subject goes under the symbol (V/v …)
    summary: str
    addressee: str
    body: tuple[str, ...]
    signer_title: str
    signer: str
    draft: bool = False


def letter_pdf(letter: Letter) -> tuple[bytes, int]:
    """The PDF bytes and its page count."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ..registers import FONT_BOLD, FONT_REGULAR, _register_fonts

    _register_fonts()
    normal = ParagraphStyle("body", fontName=FONT_REGULAR, fontSize=11.5, leading=16, alignment=TA_JUSTIFY,
                            firstLineIndent=10 * mm, spaceAfter=5)
    centre = ParagraphStyle("centre", parent=normal, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0)
    centre_bold = ParagraphStyle("centre_bold", parent=centre, fontName=FONT_BOLD)
    title = ParagraphStyle("title", parent=centre_bold, fontSize=14, leading=19, spaceBefore=10)
    small = ParagraphStyle("small", parent=centre, fontSize=10, leading=13)
    left = ParagraphStyle("left", parent=normal, alignment=TA_LEFT, firstLineIndent=0, fontSize=10, leading=13)

    if letter.issued:
        dated = f"{letter.place}, ngày {letter.issued.day:02d} tháng {letter.issued.month:02d} năm {letter.issued.year}"
    else:  # a draft: the clerk dates it when it is issued
        dated = _kept_spaces(f"{letter.place}, ngày      tháng      năm {timezone.localdate().year}")
    number = _kept_spaces(f"Số: {letter.symbol}" if letter.state else f"Số {letter.symbol}")
    is_letter = letter.type_name == "Công văn"
    head_left = [Paragraph(line, centre if i == 0 and len(letter.letterhead) > 1 else centre_bold)
                 for i, line in enumerate(letter.letterhead)]
    head_left += [Paragraph("*" if not letter.state else "", centre), Paragraph(number, centre)]
    if is_letter:
        head_left.append(Paragraph(letter.summary.replace("Về việc ", "V/v ", 1), small))
    if letter.state:
        head_right = [Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centre_bold),
                      Paragraph("<u>Độc lập - Tự do - Hạnh phúc</u>", centre_bold)]
    else:
        head_right = [Paragraph("<u>ĐẢNG CỘNG SẢN VIỆT NAM</u>", centre_bold)]
    head_right += [Spacer(1, 4 * mm), Paragraph(dated, small)]
    header = Table([[head_left, head_right]], colWidths=[78 * mm, 92 * mm])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))

    story = []
    if letter.draft:
        story.append(Paragraph("DỰ THẢO", ParagraphStyle("draft", parent=left, fontName=FONT_BOLD)))
    story.append(header)
    if not is_letter:
        # The title names the type, so the subject under it starts after the type's name: "về …".
        subject = letter.summary
        if subject.lower().startswith(letter.type_name.lower() + " "):
            subject = subject[len(letter.type_name) + 1:]
        story += [Paragraph(letter.type_name.upper(), title), Paragraph(subject, centre_bold),
                  Paragraph("-----", centre)]
    story.append(Spacer(1, 5 * mm))
    if letter.addressee:
        story.append(Paragraph(f"Kính gửi: {letter.addressee}", centre))
        story.append(Spacer(1, 3 * mm))
    story += [Paragraph(paragraph, normal) for paragraph in letter.body]
    story.append(Spacer(1, 6 * mm))
    received = [Paragraph("<u>Nơi nhận:</u>", left),
                Paragraph("- Như trên," if letter.addressee else "- Các cơ quan, đơn vị liên quan,", left),
                Paragraph("- Lưu Văn thư.", left)]
    signature = [Paragraph(letter.signer_title.upper().replace("\n", "<br/>"), centre_bold), Spacer(1, 18 * mm),
                 Paragraph(letter.signer, centre_bold)]
    footer = Table([[received, signature]], colWidths=[80 * mm, 90 * mm])
    footer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(footer)

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm, topMargin=20 * mm,
                                 bottomMargin=20 * mm, title=letter.summary, author=letter.letterhead[-1].title(),
                                 creator="iooffice demo", initialFontName=FONT_REGULAR)
    document.build(story)
    return out.getvalue(), document.page


def _kept_spaces(text: str) -> str:
    """Blanks left for the number and the date, which a paragraph would otherwise collapse to one space."""
    return text.replace("  ", "&nbsp;&nbsp;")
