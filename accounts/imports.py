"""Importing users from an Excel workbook (.xlsx): the template, the checks, the creation.

Columns (header row 1, any order): username, full_name, email, phone, position_title, org_unit_code, role_codes
(comma-separated). Every row is checked before anything is written; one wrong row and nothing is imported, and
the report names each wrong row. The users are then created in one transaction through accounts.services, each
with a generated one-time password that appears only in the job's downloadable result (there is no e-mailed
password-set link in iooffice yet).
"""
import io
import secrets
import string
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO

import magic
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.ingestion import containers
from documents.ingestion.errors import EmptyFile, FileCorrupt, FileTooLarge, UploadRejected
from iooffice.audit.services import audit_record

from . import services
from .models import OrgUnit, Role, User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 1000  # each password is hashed (PBKDF2): about 0.3 s a user, well inside the task time limit
# A workbook of a few thousand users expands to a few megabytes; more than this is a bomb, not a staff list.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy text
    width: int


COLUMNS = [
    Column("username", gettext_lazy("User name"), 18),
    Column("full_name", gettext_lazy("Full name"), 28),
    Column("email", gettext_lazy("E-mail"), 28),
    Column("phone", gettext_lazy("Phone"), 14),
    Column("position_title", gettext_lazy("Position title"), 24),
    Column("org_unit_code", gettext_lazy("Org unit code"), 16),
    Column("role_codes", gettext_lazy("Role codes (comma-separated)"), 28),
]
LABELS = {c.key: c.label for c in COLUMNS}


class NotASpreadsheet(UploadRejected):
    code = "not_xlsx"
    default_message = gettext_lazy("The file is not an Excel workbook (.xlsx). Download the template, fill it in and upload it.")


class BadHeader(UploadRejected):
    code = "import_bad_header"
    default_message = gettext_lazy("The first row must hold the column names of the template: %(columns)s.")

    def __init__(self, missing: list[str]):
        message = self.default_message % {"columns": ", ".join(c.key for c in COLUMNS)}
        super().__init__(message, details={"missing": missing})


class NoRows(UploadRejected):
    code = "import_empty"
    default_message = gettext_lazy("The workbook has no user to import: fill in one row per user under the header.")


class TooManyRows(UploadRejected):
    code = "import_too_many_rows"

    def __init__(self, limit: int):
        super().__init__(_("The workbook has more than %(limit)d rows; split it into several files.") % {"limit": limit},
                         details={"limit": limit})


@dataclass
class ImportRow:
    row: int  # the row number in Excel
    username: str
    full_name: str
    email: str
    phone: str
    position_title: str
    org_unit_code: str
    role_codes: list[str]
    org_unit: OrgUnit | None = None
    roles: list[Role] = field(default_factory=list)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the column's key
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportPlan:
    rows: list[ImportRow]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


# The file -------------------------------------------------------------------------------------------------


def spreadsheet_check(fileobj: BinaryIO) -> None:
    """Size, then type from the content (libmagic, then the ZIP container's declared main part), never from the
    name, then the expansion of the container. Raises EmptyFile, FileTooLarge (413), NotASpreadsheet,
    FileCorrupt. Leaves `fileobj` rewound."""
    max_bytes = getattr(settings, "IOOFFICE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
    try:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(0)
        if size == 0:
            raise EmptyFile()
        if size > max_bytes:
            raise FileTooLarge(limit=max_bytes, size=size)
        head = fileobj.read(8192)
        fileobj.seek(0)
        detected = magic.from_buffer(head, mime=True)
        if detected not in (XLSX, "application/zip", "application/octet-stream") or not head.startswith(b"PK\x03\x04"):
            raise NotASpreadsheet(details={"detected_type": detected})
        if containers.zip_document_type(fileobj, size=size) != XLSX:
            raise NotASpreadsheet(details={"detected_type": detected})
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise FileCorrupt(details={"detected_type": XLSX})
    finally:
        fileobj.seek(0)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def spreadsheet_rows(fileobj: BinaryIO) -> list[tuple[int, dict[str, str]]]:
    """(Excel row number, {column key: text}) of the first sheet's non-empty rows under the header."""
    from openpyxl import load_workbook

    max_rows = getattr(settings, "IOOFFICE_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise FileCorrupt(details={"detected_type": XLSX}) from exc
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = [_text(v).lower() for v in next(lines, ())]
        keys = {c.key for c in COLUMNS}
        missing = [c.key for c in COLUMNS if c.key not in header]
        if missing:
            raise BadHeader(missing)
        positions = {key: header.index(key) for key in keys}
        rows = []
        for number, line in enumerate(lines, start=2):
            values = {key: _text(line[index]) if index < len(line) else "" for key, index in positions.items()}
            if not any(values.values()):
                continue
            if len(rows) >= max_rows:
                raise TooManyRows(max_rows)
            rows.append((number, values))
    finally:
        workbook.close()
        fileobj.seek(0)
    if not rows:
        raise NoRows()
    return rows


# The rows -------------------------------------------------------------------------------------------------


def user_import_plan(fileobj: BinaryIO) -> ImportPlan:
    """Check the file and every row against the database as it is now. Raises UploadRejected for a file that
    cannot be read as the template at all; wrong rows are listed in the plan's `errors`, all of them."""
    spreadsheet_check(fileobj)
    raw = spreadsheet_rows(fileobj)
    usernames = {values["username"].lower() for _, values in raw if values["username"]}
    taken = set(User.objects.annotate(lowered=Lower("username")).filter(lowered__in=usernames)
                .values_list("lowered", flat=True))
    units = {u.code.lower(): u for u in OrgUnit.objects.all()}
    roles = {r.code: r for r in Role.objects.all()}
    seen: dict[str, int] = {}
    rows, errors = [], []
    for number, values in raw:
        row = ImportRow(row=number, username=values["username"], full_name=values["full_name"], email=values["email"],
                        phone=values["phone"], position_title=values["position_title"],
                        org_unit_code=values["org_unit_code"],
                        role_codes=[c.strip().lower() for c in values["role_codes"].split(",") if c.strip()])
        errors += _row_errors(row, taken=taken, seen=seen, units=units, roles=roles)
        rows.append(row)
    return ImportPlan(rows=rows, errors=errors)


def _row_errors(row: ImportRow, *, taken, seen, units, roles) -> list[RowError]:
    errors = []

    def add(column: str, message: str) -> None:
        errors.append(RowError(row.row, column, message))

    name = row.username
    if not name:
        add("username", _("The user name is missing."))
    else:
        try:
            UnicodeUsernameValidator()(name)
            if len(name) > 150:
                raise ValidationError("too long")
        except ValidationError:
            add("username", _("“%(name)s” is not a valid user name: use at most 150 letters, digits and @ . + - _ only.") % {"name": name})
        if name.lower() in taken:
            add("username", _("The user name “%(name)s” already exists.") % {"name": name})
        if name.lower() in seen:
            add("username", _("The user name “%(name)s” is already used in row %(row)d of this file.") % {"name": name, "row": seen[name.lower()]})
        else:
            seen[name.lower()] = row.row
    if not row.full_name:
        add("full_name", _("The full name is missing."))
    elif len(row.full_name) > 200:
        add("full_name", _("The full name is longer than 200 characters."))
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            add("email", _("“%(email)s” is not a valid e-mail address.") % {"email": row.email})
    if len(row.phone) > 30:
        add("phone", _("The phone number is longer than 30 characters."))
    if len(row.position_title) > 200:
        add("position_title", _("The position title is longer than 200 characters."))
    if not row.org_unit_code:
        add("org_unit_code", _("The org unit code is missing."))
    else:
        unit = units.get(row.org_unit_code.lower())
        if unit is None:
            add("org_unit_code", _("There is no org unit with the code “%(code)s”.") % {"code": row.org_unit_code})
        elif not unit.is_active:
            add("org_unit_code", _("The org unit “%(code)s” is no longer active.") % {"code": row.org_unit_code})
        else:
            row.org_unit = unit
    unknown = [code for code in row.role_codes if code not in roles]
    if unknown:
        add("role_codes", _("Unknown role code(s): %(codes)s. Known codes: %(known)s.") % {
            "codes": ", ".join(unknown), "known": ", ".join(sorted(roles))})
    row.roles = [roles[code] for code in dict.fromkeys(row.role_codes) if code in roles]
    return errors


# Creating -------------------------------------------------------------------------------------------------


def one_time_password() -> str:
    """16 characters from letters and digits, with at least one of each (accounts.password_validation)."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(16))
        if any(c.isalpha() for c in password) and any(c.isdigit() for c in password):
            return password


@transaction.atomic
def user_import_create(*, actor, plan: ImportPlan, progress=None, source: str = "") -> list[tuple[User, str]]:
    """Create every user of a checked plan, all or none (one transaction; a user name taken meanwhile fails the
    whole import on the unique constraint). Each user gets roles and a one-time password; each creation is
    audited by accounts.services, and the import once more as user.import. Returns (user, password) pairs."""
    if not plan.ok:
        raise ValueError("a plan with errors cannot be imported")
    created = []
    total = len(plan.rows)
    for index, row in enumerate(plan.rows, start=1):
        password = one_time_password()
        user = services.user_create(actor=actor, username=row.username, full_name=row.full_name, email=row.email,
                                    phone=row.phone, position_title=row.position_title, org_unit=row.org_unit,
                                    roles=row.roles, password=password)
        user._imported_role_codes = [r.code for r in row.roles]
        created.append((user, password))
        if progress:
            progress(index, total)
    audit_record(actor=actor, action="user.import", obj=None,
                 details={"count": len(created), "file": source, "usernames": [u.username for u, _ in created]})
    return created


def import_template_xlsx() -> bytes:
    """The workbook to fill in: the header row, one example, and a second sheet with the unit and role codes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Users")[:31]
    sheet.append([c.key for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = column.width
        # Text, so a phone number keeps its leading zero.
        for row in range(2, 502):
            sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(_("Help")[:31])
    help_sheet.append([_("Column"), _("Meaning")])
    for column in COLUMNS:
        help_sheet.append([column.key, str(column.label)])
    help_sheet.append([])
    help_sheet.append([_("Org unit codes"), ""])
    for unit in OrgUnit.objects.filter(is_active=True).order_by("code"):
        help_sheet.append([unit.code, unit.name])
    help_sheet.append([])
    help_sheet.append([_("Role codes"), ""])
    for role in Role.objects.order_by("code"):
        help_sheet.append([role.code, role.name])
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["B"].width = 60
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def import_result_xlsx(created: list[tuple[User, str]]) -> bytes:
    """The users created with their one-time passwords: to be handed over privately, then deleted."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Users")[:31]
    sheet.append([_("Give each person their password privately; they should change it after the first login "
                    "(My account → Change password). This file is deleted from the server after 24 hours.")])
    sheet.append([_("User name"), _("Full name"), _("E-mail"), _("Org unit"), _("Roles"), _("One-time password")])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for user, password in created:
        roles = ", ".join(sorted(getattr(user, "_imported_role_codes", ())))
        sheet.append([user.username, user.full_name, user.email, user.org_unit.code if user.org_unit_id else "", roles, password])
    for letter, width in zip("ABCDEF", (18, 28, 28, 14, 24, 20)):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
