"""OCR of scanned reports: page images to text boxes and table rulings, as plain data.

The engine is RapidOCR (PP-OCR detection and recognition models run by ONNX
Runtime on the CPU). Its models ship inside the `rapidocr` wheel and are named
here by path, so RapidOCR never reaches the code that would download them: a
default install reads a scan with nothing fetched at run time.

A page's result is plain data (`PageScan`): the text boxes in deskewed page
pixels with their confidence, and the ruling lines the image shows. Turning
that into lines of cells is `ocr_layout`'s job, which needs no image, so the
OCR result can be cached by the file's hash and reused by every later build.
Misread digits are never fixed here: the consistency rules
check what was read.

Pages run in parallel across processes (each loads the models once). Inside a
worker of the build's own pool (many files at once) they run one after another,
since the files already fill the cores.
"""
from __future__ import annotations

import functools
import hashlib
import io
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from site_builder.files import prune_versions, write_atomic
from site_builder.read.document import ReadError

ENGINE = "RapidOCR"
MAX_PAGES = 60  # a scanned annual report has 5-20 pages; more is not a report (or a book)
MIN_DPI, MAX_DPI = 150, 300  # render a scanned PDF at its own resolution, within these
DEFAULT_DPI = 200
MIN_SCORE = 0.5  # recognition confidence below which a box is noise (dust, a stamp's edge)
_MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx",
           "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx"}
CACHE_FORMAT = "1"

_cache_dir: Path | None = None


@dataclass
class PageScan:
    """One page as OCR saw it. Coordinates are pixels of the deskewed page image."""

    width: int
    height: int
    dpi: float
    angle: float  # degrees the page was turned back to level
    boxes: list[list] = field(default_factory=list)  # [x0, top, x1, bottom, text, score]
    hrules: list[list[float]] = field(default_factory=list)  # [x0, x1, y]
    vrules: list[list[float]] = field(default_factory=list)  # [top, bottom, x]


# ---- the engine -----------------------------------------------------------------------------

def engine_version() -> str:
    """Engine, its version and its models: what `notes` names and the cache is keyed by."""
    try:
        from importlib import metadata

        version = metadata.version("rapidocr")
    except Exception:  # not installed: reading a scan then fails with a clear message
        return f"{ENGINE} (not installed)"
    return f"{ENGINE} {version} (PP-OCRv6 small, ONNX Runtime)"


def available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _engine(threads: int):
    import rapidocr
    from rapidocr import RapidOCR

    models = Path(rapidocr.__file__).resolve().parent / "models"
    params = {f"{task}.model_path": str(models / name) for task, name in _MODELS.items()}
    missing = [name for name in _MODELS.values() if not (models / name).is_file()]
    if missing:  # never let RapidOCR fall back to downloading them
        raise ReadError(f"the OCR models {', '.join(missing)} are missing from the rapidocr package; "
                        "reinstall it (pip install --force-reinstall rapidocr)")
    params.update({
        "Global.log_level": "error",
        "Global.use_cls": False,  # pages are upright once deskewed; the 180° classifier only costs time
        "Global.max_side_len": 4000,  # the default 2000 would shrink an A4 page scanned at 200 dpi
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })
    return RapidOCR(params=params)


# ---- images in, page scans out ------------------------------------------------------------------

def page_images(data: bytes, kind: str) -> list:
    """Grey PIL images of the pages: a PDF's pages rendered, or an image file's frames."""
    if kind == "pdf":
        return _pdf_images(data)
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise ReadError("image cannot be decoded: binary data that starts like a PNG, JPEG or TIFF image "
                        f"but is damaged or cut off ({type(exc).__name__})") from exc
    if len(frames) > MAX_PAGES:
        raise ReadError(f"image has {len(frames)} pages; an annual report has far fewer (limit {MAX_PAGES})")
    out = []
    for frame in frames:
        frame.info["dpi"] = image.info.get("dpi")
        dpi = _image_dpi(frame)
        if dpi > MAX_DPI:  # a phone photo or a 600 dpi scan: more pixels only cost time
            frame = frame.resize((round(frame.width * MAX_DPI / dpi), round(frame.height * MAX_DPI / dpi)),
                                 Image.LANCZOS)
            frame.info["dpi"] = (MAX_DPI, MAX_DPI)
        out.append(frame)
    return out


def _pdf_images(data: bytes) -> list:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(f"PDF is damaged and cannot be rendered for OCR ({exc})") from exc
    try:
        if len(document) > MAX_PAGES:
            raise ReadError(f"scanned PDF has {len(document)} pages; an annual report has far fewer "
                            f"(limit {MAX_PAGES})")
        images = []
        for page in document:
            dpi = _native_dpi(page)
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            image.info["dpi"] = (dpi, dpi)
            images.append(image)
        return images
    finally:
        document.close()


def _native_dpi(page) -> float:
    """The resolution the page was scanned at (its widest image's pixels per inch), kept within bounds."""
    import pypdfium2.raw as raw

    width_pt = page.get_width() or 595.0
    best = 0.0
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,)):
        try:
            pixels = obj.get_px_size()[0]
            left, _, right, _ = obj.get_bounds()
        except Exception:  # an image pdfium cannot measure says nothing about resolution
            continue
        if right - left > 0.5 * width_pt:
            best = max(best, pixels / ((right - left) / 72))
    return min(MAX_DPI, max(MIN_DPI, round(best))) if best else DEFAULT_DPI


def scan_page(image, threads: int = 1) -> PageScan:
    """OCR one grey page image: text boxes and rulings, deskewed."""
    import numpy as np

    from site_builder.read import rulings

    dpi = _image_dpi(image)
    pixels = np.asarray(image.convert("L"))
    engine = _engine(threads)
    result = engine(np.dstack([pixels] * 3), use_det=True, use_cls=False, use_rec=True)
    quads = [] if result.boxes is None else [[tuple(map(float, p)) for p in quad] for quad in result.boxes]
    texts = list(result.txts or ())
    scores = [float(s) for s in (result.scores or ())]
    angle = rulings.skew_angle(quads) if quads else 0.0
    level = rulings.rotate(pixels, angle)
    height, width = level.shape
    boxes = []
    for quad, text, score in zip(quads, texts, scores):
        if score < MIN_SCORE or not text.strip():
            continue
        xs, ys = zip(*(rulings.turn_point(p, angle, pixels.shape) for p in quad))
        boxes.append([round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1),
                      text, round(score, 3)])
    hrules, vrules = rulings.find_rulings(level, dpi)
    page = PageScan(width, height, dpi, round(angle, 3), boxes, hrules, vrules)
    page.boxes += read_empty_cells(engine, level, page)
    return page


def read_empty_cells(engine, level, page: PageScan) -> list[list]:
    """Numbers the detector missed: a lone digit in a ruled cell, small beside the page's text lines.

    A table cell that has ink but no box is cropped to its ink and recognized on its own. Only a
    number is taken from it: labels are long lines the detector does not miss, and a scratch or a
    speck must not become a word.
    """
    import numpy as np

    from site_builder.read import ocr_layout

    margin = max(3, round(page.dpi * 0.03))  # clear of the cell's rules
    min_height = page.dpi * 0.04  # a digit of the form's smallest type (7 pt) is taller; a speck is not
    found = []
    for grid in ocr_layout.find_tables(page, max(3.0, page.dpi * 0.02)):
        merged = ocr_layout.merged_cells(grid)
        taken = set(ocr_layout.cell_boxes(grid, merged, ocr_layout.kept_boxes(page))[0])  # dust takes no cell
        for region, (x0, top, x1, bottom) in ocr_layout.regions(grid).items():
            if region in taken:
                continue
            left, upper = int(x0) + margin, int(top) + margin
            inner = level[upper:int(bottom) - margin, left:int(x1) - margin]
            ink = _glyph_box(inner, min_height)
            if ink is None:
                continue
            a, b, c, d = ink
            pad = margin
            crop = inner[max(0, b - pad):d + pad, max(0, a - pad):c + pad]
            out = engine(np.dstack([crop] * 3), use_det=False, use_cls=False, use_rec=True)
            if not out.txts:
                continue
            text = ocr_layout.clean_text(out.txts[0])
            if out.scores[0] >= MIN_SCORE and ocr_layout.is_number(text):
                found.append([float(left + a), float(upper + b), float(left + c), float(upper + d),
                              text, round(float(out.scores[0]), 3)])
    return found


def _glyph_box(inner, min_height: float) -> tuple[int, int, int, int] | None:
    """The bounding box (x0, y0, x1, y1) of the glyph-sized ink in a cell, None for specks only."""
    import cv2
    import numpy as np

    if inner.size == 0 or min(inner.shape) < min_height:
        return None
    # Ink is well below the paper: small type at 150 dpi is blurred to grey, so no fixed level fits.
    paper = float(np.median(inner))
    ink = (inner < min(paper - 40, 0.5 * (paper + float(inner.min())) + 10)).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    # A glyph's strokes fill a fair share of its box; a hair or a scratch across the cell does not.
    parts = [stats[i] for i in range(1, count) if stats[i][3] >= min_height
             and stats[i][2] < 0.9 * inner.shape[1] and stats[i][4] >= 0.2 * stats[i][2] * stats[i][3]]
    if not parts:
        return None
    # The number is one line: keep what stands beside the tallest glyph, not a speck above it.
    tallest = max(parts, key=lambda p: p[3])
    band = (tallest[1] - 0.25 * tallest[3], tallest[1] + 1.25 * tallest[3])
    parts = [p for p in parts if band[0] <= p[1] and p[1] + p[3] <= band[1]]
    return (min(int(p[0]) for p in parts), min(int(p[1]) for p in parts),
            max(int(p[0] + p[2]) for p in parts), max(int(p[1] + p[3]) for p in parts))


def _image_dpi(image) -> float:
    dpi = image.info.get("dpi")
    if dpi and dpi[0] and 50 <= float(dpi[0]) <= 1200:
        return float(dpi[0])
    return image.width / 8.27  # an A4 page's width in inches: the form is printed on A4


def scan_pages(data: bytes, kind: str, jobs: int | None = None) -> list[PageScan]:
    """Every page's scan, from the cache when this file was OCR'd before."""
    key = cache_key(data)
    cached = _cache_get(key)
    if cached is not None:
        return cached
    images = page_images(data, kind)
    jobs = _jobs(jobs, len(images))
    if jobs <= 1:
        threads = 1 if multiprocessing.parent_process() is not None else _cpus()
        pages = [scan_page(image, threads) for image in images]
    else:
        # Fork is cheapest, but a child forked from a process whose ONNX Runtime threads run could
        # inherit a lock one of them holds and hang: once this process has loaded the engine itself
        # (a one-page file), start workers from a clean forkserver instead.
        clean = _engine.cache_info().currsize == 0 and "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if clean else "forkserver")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            pages = list(pool.map(scan_page, images))
    _cache_put(key, pages)
    return pages


def _jobs(jobs: int | None, pages: int) -> int:
    if multiprocessing.parent_process() is not None:  # a worker of the build's pool: cores are taken
        return 1
    return max(1, min(jobs or _cpus(), pages))


def _cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


# ---- the cache ----------------------------------------------------------------------------------

def set_cache_dir(path: Path | str | None) -> None:
    """Where OCR results are kept (None: nowhere). The build sets `.cache/ocr/` beside content/."""
    global _cache_dir
    _cache_dir = Path(path) if path is not None else None


def cache_key(data: bytes) -> str:
    """The code version (see code_version) and the file's hash: change either and OCR runs again."""
    return code_version() + "/" + hashlib.sha256(data).hexdigest()


def code_version() -> str:
    """The engine and the code that makes a PageScan (this module, `rulings`, and `ocr_layout`, whose
    grid decides which empty cells are read again): the cache's folder for results made by them."""
    h = hashlib.sha256(CACHE_FORMAT.encode() + engine_version().encode())
    here = Path(__file__).resolve().parent
    for name in ("ocr.py", "rulings.py", "ocr_layout.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def cached_count(folder: Path) -> int:
    """How many files' OCR results the cache at `folder` holds for this code version."""
    return sum(1 for _ in (folder / code_version()).glob("*/*.json"))


def prune_cache(folder: Path) -> None:
    """Drop the results of other code versions under `folder` (see files.prune_versions)."""
    prune_versions(folder, code_version())


def _cache_path(key: str) -> Path:
    """<cache>/<code version>/<file hash[:2]>/<file hash>.json: a folder per version, spread by file."""
    version, digest = key.split("/")
    return _cache_dir / version / digest[:2] / f"{digest}.json"


def _cache_get(key: str) -> list[PageScan] | None:
    if _cache_dir is None:
        return None
    try:
        stored = json.loads(_cache_path(key).read_text(encoding="utf-8"))
        return [PageScan(**page) for page in stored]
    except (OSError, ValueError, TypeError):  # missing, or cut short: read the pages again
        return None


def _cache_put(key: str, pages: list[PageScan]) -> None:
    if _cache_dir is None:
        return
    try:
        write_atomic(_cache_path(key), json.dumps([asdict(p) for p in pages], ensure_ascii=False,
                                                  separators=(",", ":")).encode())
    except OSError:  # a read-only cache only costs time
        pass
