"""Crafted files for the upload validation tests, built in code at test time (no binary files in the repo)."""
import bz2
import gzip
import io
import lzma
import struct
import tarfile
import zipfile
import zlib

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# --- PDF ---------------------------------------------------------------------------------------------------


def pdf(pages: tuple[str, ...] = ("Công văn số 45-CV/TU",)) -> bytes:
    """A born-digital PDF written by hand: one page per text, Helvetica text drawn on each, exact xref."""
    page_ids = [3 + 2 * i for i in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % i for i in page_ids), len(pages)),
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for page_id, text in zip(page_ids, pages, strict=True):
        ascii_text = text.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
        content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % ascii_text
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page_id + 1, font_id)
        )
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[number] for number in sorted(objects))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def _rewrite_pdf(change) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf())))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(user_password: str = "mat-khau") -> bytes:
    # RC4 needs no optional crypto library in pypdf; the encryption dictionary is what matters here.
    return _rewrite_pdf(lambda w: w.encrypt(user_password=user_password, owner_password="chu", algorithm="RC4-128"))


def pdf_with_document_javascript() -> bytes:
    """JavaScript in the catalog's /Names /JavaScript tree (pypdf add_open_action)."""
    return _rewrite_pdf(lambda w: w.add_open_action(JavaScript("app.alert('xin chao');")))


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject(kind)})
    action.update({NameObject(f"/{key}"): TextStringObject(value) for key, value in entries.items()})
    return action


def pdf_with_open_action_javascript() -> bytes:
    def change(writer: PdfWriter) -> None:
        writer.root_object[NameObject("/OpenAction")] = _action("/JavaScript", JS="app.alert(1);")

    return _rewrite_pdf(change)


def pdf_with_page_open_javascript() -> bytes:
    """JavaScript in a page's additional actions (/AA /O), reached only through the page tree."""

    def change(writer: PdfWriter) -> None:
        writer.pages[0][NameObject("/AA")] = DictionaryObject(
            {NameObject("/O"): _action("/JavaScript", JS="this.print();")}
        )

    return _rewrite_pdf(change)


def _annotation(subtype: str, **entries: object) -> DictionaryObject:
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): ArrayObject([FloatObject(72), FloatObject(72), FloatObject(144), FloatObject(96)]),
        }
    )
    annotation.update({NameObject(f"/{key}"): value for key, value in entries.items()})
    return annotation


def pdf_with_link_launch_action() -> bytes:
    """A link annotation whose action launches a program."""
    return _rewrite_pdf(lambda w: w.add_annotation(0, _annotation("/Link", A=_action("/Launch", F="cmd.exe"))))


def pdf_with_attachment() -> bytes:
    """An embedded file in the catalog's /Names /EmbeddedFiles tree (pypdf add_attachment)."""
    return _rewrite_pdf(lambda w: w.add_attachment("bang-ke.xlsx", b"PK\x03\x04 not really a spreadsheet"))


def pdf_with_file_attachment_annotation() -> bytes:
    """A FileAttachment annotation (the paper-clip icon) naming a file, without an /EmbeddedFiles tree."""
    file_spec = DictionaryObject(
        {NameObject("/Type"): NameObject("/Filespec"), NameObject("/F"): TextStringObject("x.exe")}
    )
    return _rewrite_pdf(lambda w: w.add_annotation(0, _annotation("/FileAttachment", FS=file_spec)))


def truncated_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"


# --- images ------------------------------------------------------------------------------------------------


def image(pillow_format: str, size: tuple[int, int] = (40, 30), **save_options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, pillow_format, **save_options)
    return out.getvalue()


def multipage_tiff(sizes: tuple[tuple[int, int], ...]) -> bytes:
    first, *rest = (Image.new("L", size, 255) for size in sizes)
    out = io.BytesIO()
    first.save(out, "TIFF", save_all=True, append_images=rest, compression="tiff_deflate")
    return out.getvalue()


def png_declaring_size(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR claims `width` x `height`, with a correct CRC: a decompression bomb's header."""
    data = bytearray(image("PNG", (1, 1)))
    ihdr = data.index(b"IHDR")
    struct.pack_into(">II", data, ihdr + 4, width, height)
    struct.pack_into(">I", data, ihdr + 17, zlib.crc32(bytes(data[ihdr : ihdr + 17])))
    return bytes(data)


def truncated_png() -> bytes:
    data = image("PNG", (200, 200))
    return data[: len(data) // 2]


def truncated_jpeg() -> bytes:
    noisy = Image.effect_noise((400, 400), 80).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=95)
    data = out.getvalue()
    return data[: len(data) // 2]


# --- ZIP containers ----------------------------------------------------------------------------------------


def zip_of(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return out.getvalue()


def content_types(main_type: str = DOCX_MAIN, *extra_overrides: tuple[str, str]) -> bytes:
    overrides = [("/word/document.xml", main_type), *extra_overrides]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
        + "</Types>"
    ).encode()


RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)


def word_document_xml(text: str = "Công văn số 45-CV/TU", padding: int = 0) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    ).encode() + b" " * padding


def docx(*, word_order: bool = True, main_type: str = DOCX_MAIN, document_padding: int = 0) -> bytes:
    """A minimal valid DOCX. `word_order=False` puts [Content_Types].xml last, as some generators do."""
    entries = [
        ("[Content_Types].xml", content_types(main_type)),
        ("_rels/.rels", RELS),
        ("word/document.xml", word_document_xml(padding=document_padding)),
    ]
    return zip_of(entries if word_order else entries[1:] + entries[:1])


def docx_without_main_part() -> bytes:
    """Laid out like a DOCX (so libmagic names it one) but declaring no main document part."""
    return zip_of(
        [
            ("[Content_Types].xml", content_types("application/xml")),
            ("_rels/.rels", RELS),
            ("word/document.xml", word_document_xml()),
        ]
    )


def docm() -> bytes:
    return zip_of(
        [
            (
                "[Content_Types].xml",
                content_types(DOCX_MAIN, ("/word/vbaProject.bin", "application/vnd.ms-office.vbaProject")),
            ),
            ("_rels/.rels", RELS),
            ("word/document.xml", word_document_xml()),
            ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro"),
        ]
    )


def xlsx() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    return zip_of([("[Content_Types].xml", content_types(main)), ("_rels/.rels", RELS), ("xl/workbook.xml", b"<x/>")])


def docx_bomb() -> bytes:
    """A DOCX whose document part expands from a few kilobytes to 20 MB."""
    return docx(document_padding=20 * 1024 * 1024)


def odt() -> bytes:
    """A minimal ODT: the `mimetype` entry first and stored, as the ODF specification requires."""
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        b'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        b'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>"
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:text><text:p>Báo cáo tháng 5</text:p></office:text></office:body>"
        "</office:document-content>"
    ).encode()
    return zip_of(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content),
        ],
        stored_first=True,
    )


def plain_zip() -> bytes:
    return zip_of([("cong-van.pdf", pdf()), ("ghi-chu.txt", "Ghi chú".encode())])


# --- other archives ----------------------------------------------------------------------------------------


def tar() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        data = "Ghi chú".encode()
        info = tarfile.TarInfo("ghi-chu.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


ARCHIVES = {
    "zip": plain_zip,
    "gzip": lambda: gzip.compress(pdf()),
    "bzip2": lambda: bz2.compress(pdf()),
    "xz": lambda: lzma.compress(pdf()),
    "tar": tar,
    "7z": lambda: b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(64),
    "rar": lambda: b"Rar!\x1a\x07\x01\x00" + bytes(64),
}

# --- Word 97 (OLE2 compound file) --------------------------------------------------------------------------

_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _ole_directory_entry(name: str, kind: int, *, child: int = _NO_STREAM, start: int = 0, size: int = 0) -> bytes:
    raw = (name + "\0").encode("utf-16-le") if name else b""
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBB", len(raw), kind, 1)  # name length, object type, colour (black)
        + struct.pack("<III", _NO_STREAM, _NO_STREAM, child)  # left, right, child
        + bytes(16 + 4 + 16)  # CLSID, state bits, times
        + struct.pack("<IQ", start, size)
    )


def ole_compound_file(
    stream_name: str = "WordDocument", *, stream_size: int = 4096, directory_last: bool = False
) -> bytes:
    """A version 3 OLE2 file holding one stream. libmagic calls it Word (application/msword) when the
    stream is named WordDocument, Excel when Workbook. `directory_last` puts the directory after the stream
    data, past the first 8 KB when the stream is large, as in real Word files."""
    stream_sectors = stream_size // 512
    if directory_last:
        directory_sector, first_stream_sector = 1 + stream_sectors, 1
    else:
        directory_sector, first_stream_sector = 1, 2
    fat = [_FREE] * 128
    fat[0] = _FAT_SECTOR
    fat[directory_sector] = _END_OF_CHAIN
    for offset in range(stream_sectors):
        sector = first_stream_sector + offset
        fat[sector] = sector + 1 if offset < stream_sectors - 1 else _END_OF_CHAIN
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)  # minor, major version, byte order, sector shifts
        + bytes(6)
        # directory sectors, FAT sectors, first directory sector, transaction, mini cutoff, mini FAT, DIFAT
        + struct.pack("<IIIIIIIII", 0, 1, directory_sector, 0, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    directory = (
        _ole_directory_entry("Root Entry", 5, child=1, start=_END_OF_CHAIN)
        + _ole_directory_entry(stream_name, 2, start=first_stream_sector, size=stream_size)
        + _ole_directory_entry("", 0)
        + _ole_directory_entry("", 0)
    )
    stream = bytes(stream_size)
    body = directory + stream if not directory_last else stream + directory
    return header + struct.pack("<128I", *fat) + body


# --- things that are not documents -------------------------------------------------------------------------

NOT_DOCUMENTS = {
    "html": lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    "svg": lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "plain text": lambda: "Công văn số 45-CV/TU về việc ...".encode(),
    "windows executable": lambda: b"MZ" + bytes(126) + b"PE\0\0" + bytes(256),
    "excel 97": lambda: ole_compound_file("Workbook"),
    "xlsx": xlsx,
    "docm (vba macros)": docm,
    "gif": lambda: image("GIF"),
}
