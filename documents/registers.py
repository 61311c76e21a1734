"""The incoming register book (sổ đăng ký văn bản đến, Decree 30/2020 Appendix IV): rows and exports.

Rows come from documents.selectors.incoming_register_rows; this module only lays them out, on screen, as an
Excel workbook (openpyxl) and as a landscape A4 PDF (reportlab, with DejaVu Sans for the Vietnamese glyphs).
"""
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.models import Assignment

from .models import Document

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


@dataclass(frozen=True)
class RegisterEntry:
    document_id: int
    arrival_date: date | None
    arrival_number: int
    issuer: str
    symbol: str
    issued_date: date | None
    type_and_summary: str
    recipient: str
    passed_on: date | None
    notes: str
    purged: bool


@dataclass(frozen=True)
class Column:
    label: str
    xlsx_width: float  # characters
    pdf_width: float  # millimetres; the ten add up to the printable width of landscape A4 with 12 mm margins


def incoming_register_columns() -> list[Column]:
    return [
        Column(_("Date received"), 12, 21),
        Column(_("Arrival no."), 8, 14),
        Column(_("Author"), 28, 34),
        Column(_("Number, symbol"), 16, 26),
        Column(_("Document date"), 12, 21),
        Column(_("Document type and summary"), 50, 68),
        Column(_("Receiving unit or person"), 26, 30),
        Column(_("Date passed on"), 12, 21),
        Column(_("Signature of receipt"), 10, 18),
        Column(_("Notes"), 20, 20),
    ]


def _lead(document: Document) -> Assignment | None:
    """The lead among the prefetched top-level assignments (the selector leaves out withdrawn ones)."""
    return next((a for a in document.assignments.all() if a.role == Assignment.Role.LEAD), None)


def incoming_register_entries(documents) -> list[RegisterEntry]:
    entries = []
    for document in documents:
        lead = _lead(document)
        purged = document.status == Document.Status.PURGED
        summary = document.summary
        if document.doc_type_id:
            summary = f"{document.doc_type.name}: {summary}"
        entries.append(RegisterEntry(
            document_id=document.pk,
            arrival_date=timezone.localtime(document.arrival_at).date() if document.arrival_at else None,
            arrival_number=document.arrival_number,
            issuer=document.issuer_name,
            symbol=document.symbol,
            issued_date=document.issued_date,
            type_and_summary=summary,
            recipient=str(lead.assignee) if lead else "",
            passed_on=timezone.localtime(lead.created_at).date() if lead else None,
            notes=_("Purged") if purged else document.notes,
            purged=purged,
        ))
    return entries


def _title(year: int, agency) -> str:
    return _("INCOMING DOCUMENTS REGISTER, YEAR %(year)s — %(agency)s") % {"year": year, "agency": agency.name}


def _cells(entry: RegisterEntry) -> list:
    return [entry.arrival_date, entry.arrival_number, entry.issuer, entry.symbol, entry.issued_date,
            entry.type_and_summary, entry.recipient, entry.passed_on, "", entry.notes]


# Excel ----------------------------------------------------------------------------------------------------


def table_xlsx(columns: list[Column], rows: list[list], *, title: str, sheet_name: str, italic_rows=frozenset()) -> bytes:
    """A register as a spreadsheet: a title row, a bold header repeated on print, dd/mm/yyyy dates, A4 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name[:31].replace("/", "-")
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28

    sheet.append([c.label for c in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for index, row in enumerate(rows):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.border = border
            cell.alignment = wrap
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            if index in italic_rows:
                cell.font = Font(italic=True)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.xlsx_width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def incoming_register_xlsx(entries: list[RegisterEntry], *, year: int, agency) -> bytes:
    return table_xlsx(incoming_register_columns(), [_cells(e) for e in entries], title=_title(year, agency), sheet_name=str(year))


# PDF ------------------------------------------------------------------------------------------------------


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    font_dir = Path(getattr(settings, "IOOFFICE_PDF_FONT_DIR", FONT_DIR))
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if not regular.exists() or not bold.exists():
        raise ImproperlyConfigured(f"DejaVu Sans is needed for PDF registers: install fonts-dejavu-core ({font_dir})")
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    pdfmetrics.registerFont(TTFont(FONT_REGULAR, str(regular)))


def _pdf_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return escape(str(value)).replace("\n", "<br/>")


def table_pdf(columns: list[Column], rows: list[list], *, title: str) -> bytes:
    """A register printed as PDF: A4 landscape, a font with Vietnamese glyphs, the header on every page."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    _register_fonts()
    cell = ParagraphStyle("cell", fontName=FONT_REGULAR, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=FONT_BOLD, alignment=TA_CENTER)
    heading = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=13, leading=17, alignment=TA_CENTER)
    page_label = _("Page %(number)s")

    data = [[Paragraph(escape(c.label), head) for c in columns]]
    data += [[Paragraph(_pdf_text(v), cell) for v in row] for row in rows]
    table = LongTable(data, colWidths=[c.pdf_width * mm for c in columns], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT_REGULAR, 8)
        canvas.drawRightString(doc.pagesize[0] - 12 * mm, 7 * mm, page_label % {"number": doc.page})
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=14 * mm,
        title=title, author="iooffice", creator="iooffice", initialFontName=FONT_REGULAR,
    )
    story = [Paragraph(escape(title), heading), Spacer(1, 5 * mm), table]
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def incoming_register_pdf(entries: list[RegisterEntry], *, year: int, agency) -> bytes:
    return table_pdf(incoming_register_columns(), [_cells(e) for e in entries], title=_title(year, agency))


EXPORTS = {"xlsx": incoming_register_xlsx, "pdf": incoming_register_pdf}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


# The outgoing register book (sổ đăng ký văn bản đi, Decree 30/2020 Appendix IV) ----------------------------
# Same layout and fonts as the incoming one; rows are issued documents and the numbers reserved for secret
# documents handled off-system, which show only their symbol so the sequence reads without gaps.


@dataclass(frozen=True)
class OutgoingRegisterEntry:
    document_id: int | None  # None for a reserved number
    symbol: str
    abbreviation: str
    number: int
    issued_date: date | None
    type_and_summary: str
    signer: str
    recipients: str
    keeper: str
    copies: int | None
    passed_on: date | None
    notes: str
    reserved: bool
    recalled: bool


def outgoing_register_columns() -> list[Column]:
    return [
        Column(_("Number, symbol"), 16, 26),
        Column(_("Document date"), 12, 20),
        Column(_("Document type and summary"), 50, 70),
        Column(_("Signer"), 20, 28),
        Column(_("Recipients"), 30, 40),
        Column(_("Unit or person keeping the file copy"), 22, 28),
        Column(_("Copies"), 8, 14),
        Column(_("Date sent"), 12, 20),
        Column(_("Signature of receipt"), 10, 14),
        Column(_("Notes"), 20, 13),
    ]


def _outgoing_document_entry(document: Document) -> OutgoingRegisterEntry:
    summary = document.summary
    if document.doc_type_id:
        summary = f"{document.doc_type.name}: {summary}"
    recipients = [r.agency.name for r in document.recipients.all()]
    recipients += [line.strip() for line in document.external_recipients.splitlines() if line.strip()]
    keeper = ", ".join(filter(None, [document.department.name if document.department_id else "",
                                     document.registered_by.get_full_name()]))
    recalled = document.status == Document.Status.RECALLED
    notes = _("Recalled: %(reason)s") % {"reason": document.recall_reason} if recalled else document.notes
    return OutgoingRegisterEntry(
        document_id=document.pk, symbol=document.symbol,
        abbreviation=document.doc_type.abbreviation if document.doc_type_id else "", number=document.number or 0,
        issued_date=document.issued_date, type_and_summary=summary, signer=document.signer,
        recipients="\n".join(recipients), keeper=keeper, copies=document.copies,
        passed_on=timezone.localtime(document.issued_at).date() if document.issued_at else None,
        notes=notes, reserved=False, recalled=recalled,
    )


def _reserved_entry(reservation) -> OutgoingRegisterEntry:
    return OutgoingRegisterEntry(
        document_id=None, symbol=reservation.symbol, abbreviation=reservation.abbreviation, number=reservation.number,
        issued_date=None, type_and_summary=_("Number reserved for a secret document"), signer="", recipients="",
        keeper="", copies=None, passed_on=None, notes="", reserved=True, recalled=False,
    )


def outgoing_register_entries(documents, reservations=()) -> list[OutgoingRegisterEntry]:
    """Documents and reserved numbers of one term, in the order of the shared sequences (type, then number)."""
    entries = [_outgoing_document_entry(d) for d in documents] + [_reserved_entry(r) for r in reservations]
    return sorted(entries, key=lambda e: (e.abbreviation, e.number))


def _outgoing_title(term, agency) -> str:
    return _("OUTGOING DOCUMENTS REGISTER, TERM %(term)s — %(agency)s") % {"term": term.name, "agency": agency.name}


def _outgoing_cells(entry: OutgoingRegisterEntry) -> list:
    return [entry.symbol, entry.issued_date, entry.type_and_summary, entry.signer, entry.recipients, entry.keeper,
            entry.copies, entry.passed_on, "", entry.notes]


def outgoing_register_xlsx(entries: list[OutgoingRegisterEntry], *, term, agency) -> bytes:
    reserved = frozenset(i for i, e in enumerate(entries) if e.reserved)
    return table_xlsx(outgoing_register_columns(), [_outgoing_cells(e) for e in entries],
                      title=_outgoing_title(term, agency), sheet_name=term.name, italic_rows=reserved)


def outgoing_register_pdf(entries: list[OutgoingRegisterEntry], *, term, agency) -> bytes:
    return table_pdf(outgoing_register_columns(), [_outgoing_cells(e) for e in entries], title=_outgoing_title(term, agency))


OUTGOING_EXPORTS = {"xlsx": outgoing_register_xlsx, "pdf": outgoing_register_pdf}
