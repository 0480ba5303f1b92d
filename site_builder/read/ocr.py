"""OCR for scanned PDFs, when Tesseract with simplified Chinese is installed.

Optional: without `tesseract` on PATH (Debian: tesseract-ocr, tesseract-ocr-chi-sim)
a scanned PDF is refused with a message that says so. OCR output is plain text
lines; misread digits are left for the consistency rules to catch, never fixed here.
"""
from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

from site_builder.read.celltext import tidy_cell
from site_builder.read.document import ReadError

LANGUAGE = "chi_sim"
RESOLUTION = 300  # dpi: Tesseract reads 10.5pt Song type reliably from about 300
PAGE_TIMEOUT = 180  # seconds per page


@functools.lru_cache(maxsize=1)
def available() -> bool:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return False
    try:
        listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANGUAGE in (listed.stdout + listed.stderr).split()


def page_lines(page) -> list[str]:
    """The text lines Tesseract reads on one pdfplumber page."""
    image = page.to_image(resolution=RESOLUTION).original
    with tempfile.TemporaryDirectory(prefix="site_builder_ocr_") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        return image_lines(png)


def image_lines(png: Path) -> list[str]:
    # --psm 6: one uniform block, which keeps a table row's numbers on its label's line
    command = [shutil.which("tesseract") or "tesseract", str(png), "stdout", "-l", LANGUAGE, "--psm", "6"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"OCR took longer than {PAGE_TIMEOUT}s on one page") from exc
    if result.returncode != 0:
        raise ReadError(f"OCR failed: {result.stderr.strip()[:200]}")
    return [line for line in (tidy_cell(raw) for raw in result.stdout.splitlines()) if line]
