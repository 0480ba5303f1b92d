"""A "scan" of a PDF: what a county office's copier makes of a printed report.

Each page is rasterized, turned grey, rotated a little (the sheet was fed
askew), dusted with specks, JPEG-compressed and put into a PDF that has no text
layer, only one image per page. The truth of a scan is the PDF it was made
from, so OCR can be scored cell by cell against reports whose cells were typed
by hand. Everything random comes from the seed: the same PDF, resolution and
seed give the same bytes.
"""
from __future__ import annotations

import io
import random
import time

MAX_TILT = 0.8  # degrees: a feeder rarely skews a sheet more
JPEG_QUALITY = 60  # a copier's "text" setting: visible ringing around the strokes


def scan_pdf(pdf: bytes, dpi: int, seed: int = 0) -> bytes:
    """An image-only PDF of `pdf`'s pages at `dpi`, grey, tilted, dusty and JPEG-compressed."""
    import pypdfium2 as pdfium

    rng = random.Random(f"{seed}:{dpi}")
    document = pdfium.PdfDocument(pdf)
    try:
        pages = [_scan_page(page.render(scale=dpi / 72, grayscale=True).to_pil(), rng) for page in document]
    finally:
        document.close()
    out = io.BytesIO()
    when = time.gmtime(1704067200)  # 2024-01-01, not now: the same input must give the same bytes
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi),
                  creationDate=when, modDate=when)
    return out.getvalue()


def _scan_page(image, rng: random.Random):
    from PIL import Image, ImageDraw, ImageFilter

    grey = image.convert("L")
    # Paper is never white and toner never black: squeeze the range, then a light blur (optics).
    grey = grey.point(lambda v: 40 + v * (235 - 40) // 255).filter(ImageFilter.GaussianBlur(0.6))
    angle = rng.uniform(0.15, MAX_TILT) * rng.choice((-1, 1))
    grey = grey.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=235)
    draw = ImageDraw.Draw(grey)
    width, height = grey.size
    for _ in range(int(width * height / 4000)):  # dust: specks of one to three pixels
        x, y, r = rng.randrange(width), rng.randrange(height), rng.choice((0.5, 1, 1, 1.5))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(60, 160))
    for _ in range(rng.randrange(2, 6)):  # a hair or a scratch on the glass
        x, y = rng.randrange(width), rng.randrange(height)
        draw.line((x, y, x + rng.randrange(-80, 80), y + rng.randrange(-80, 80)), fill=120, width=1)
    jpeg = io.BytesIO()
    grey.save(jpeg, "JPEG", quality=JPEG_QUALITY)
    return Image.open(io.BytesIO(jpeg.getvalue()))
