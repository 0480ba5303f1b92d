"""Cheap looks at an input before it is read: how many pages a scan would have OCR'd.

Reading a scanned page costs thousands of times a text report, so both the build (which parses
scans first, each across the cores) and the shard plan (which deals them evenly) want to know
which files are scans without reading them: a PDF whose first pages hold no text object, or an
image. pdfium opens the PDF and parses only those pages' content streams.
"""
from __future__ import annotations

from pathlib import Path

from site_builder.read import IMAGE_SUFFIXES

PDF_TEXT_PAGES = 2  # pages looked at for text: a scan has none; a text PDF has it on page 1 (2 after a cover)


def pdf_pages(path: Path) -> tuple[int | None, bool]:
    """(page count, whether the first pages hold any text object); (None, False) when pdfium cannot
    open it. Loading a page parses its content stream only (~5 ms with text, far less for an image)."""
    import pypdfium2 as pdfium
    from pypdfium2 import raw

    try:
        document = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):  # damaged or encrypted: the reader rejects it quickly
        return None, False
    try:
        pages = len(document)
        for index in range(min(pages, PDF_TEXT_PAGES)):
            page = document[index]
            try:
                if any(True for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,))):
                    return pages, True
            finally:
                page.close()
        return pages, False
    except pdfium.PdfiumError:  # a page that will not load: so much for the reader too
        return None, False
    finally:
        document.close()


def image_frames(path: Path) -> int | None:
    """Frames of an image file (a TIFF may hold every page); None when it cannot be opened."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:  # reads the header only
            return int(getattr(image, "n_frames", 1))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return None


def scan_pages(path: Path) -> int:
    """Pages OCR would read in this file: 0 for anything but a scanned PDF or an image."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        pages, has_text = pdf_pages(path)
        return 0 if pages is None or has_text else pages
    if suffix in IMAGE_SUFFIXES:
        return image_frames(path) or 0
    return 0
