"""OCR seconds per page: our path (extract_text: OCRmyPDF + Tesseract vie+eng) against the bare `tesseract`
command on the same rendered A4 pages at 300 DPI. Prints every run and the median."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from documents.extraction import extract_text  # noqa: E402
from tests.documents.extraction import samples  # noqa: E402

LETTER = [
    "TỈNH ỦY NGHỆ AN", "Số 123-CV/TU", "V/v cải cách hành chính", "",
    "Kính gửi: Các ban đảng, Văn phòng Tỉnh ủy, các huyện ủy, thành ủy, thị ủy",
] + [
    samples.SENTENCE, samples.SENTENCE_2,
    "Thực hiện Kết luận số 82-KL/TW của Bộ Chính trị về tiếp tục đẩy mạnh cải cách hành chính,",
    "Ban Thường vụ Tỉnh ủy yêu cầu các cơ quan, đơn vị quán triệt và tổ chức thực hiện nghiêm túc.",
    "Định kỳ hằng quý báo cáo kết quả về Văn phòng Tỉnh ủy để tổng hợp, báo cáo Thường trực Tỉnh ủy.",
] * 6


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="iooffice-ocr-bench-"))
    png = samples.png(work / "letter.png", LETTER)
    pdf = samples.image_only_pdf(work / "letter.pdf", [LETTER])
    single = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    bare = ["tesseract", str(png), str(work / "out"), "-l", "vie+eng"]
    results = {
        "tesseract (default threads)": [timed(lambda: subprocess.run(bare, check=True, capture_output=True)) for _ in range(args.runs)],
        "tesseract OMP_THREAD_LIMIT=1": [timed(lambda: subprocess.run(bare, check=True, capture_output=True, env=single)) for _ in range(args.runs)],
    }
    for label, source, mime in (("extract_text, PNG", png, "image/png"), ("extract_text, image-only PDF", pdf, "application/pdf")):
        runs = []
        for i in range(args.runs):
            out = work / f"out-{mime.split('/')[1]}-{i}"
            runs.append(timed(lambda: extract_text(path=source, mime_type=mime, out_dir=out)))
        results[label] = runs
    print(f"one A4 page at 300 DPI, {len(LETTER)} lines of Vietnamese text, {args.runs} runs each (seconds per page):")
    for label, runs in results.items():
        print(f"  {label:32s} {'  '.join(f'{r:.2f}' for r in runs)}   median {statistics.median(runs):.2f}")
    base = statistics.median(results["tesseract OMP_THREAD_LIMIT=1"])
    print(f"  ratio extract_text(PDF) / bare tesseract (1 thread): {statistics.median(results['extract_text, image-only PDF']) / base:.2f}x")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
