"""Scanned reports: "scans" of the three real PDFs, read by OCR and checked against their typed cells.

The scans are made in the test run (site_builder.synth.scan: grey, tilted, dusty, JPEG, image
only), deterministic by seed. OCR results are cached by file hash in pytest's cache folder, so a
second run of these tests re-runs no OCR; a fresh checkout (CI) OCRs 32 pages once.
"""
from __future__ import annotations

import io
import shutil

import pytest
from scan_truth import CORPUS, EXPECTED, score

from site_builder.collect import parse_all
from site_builder.parse import parse_document
from site_builder.pipeline import parse_bytes
from site_builder.read import ocr, read_bytes
from site_builder.read.document import RawDocument
from site_builder.read.ocr_layout import scan_lines
from site_builder.segment import segment
from site_builder.synth.scan import scan_pdf

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real PDFs not found at {CORPUS}")

SEED = 2024
TARGETS = {200: 0.99, 150: 0.97}


@pytest.fixture(scope="session")
def scans(request, tmp_path_factory):
    """(name, dpi) -> (scan bytes, contract object), each made and read once per session; the OCR
    is kept in pytest's cache across runs (or for this run only when the cache plugin is off)."""
    cache = getattr(request.config, "cache", None)
    ocr.set_cache_dir(cache.mkdir("ocr") if cache is not None else tmp_path_factory.mktemp("ocr"))
    made: dict[tuple[str, int], tuple[bytes, dict]] = {}

    def get(name: str, dpi: int) -> tuple[bytes, dict]:
        if (name, dpi) not in made:
            data = scan_pdf((CORPUS / name).read_bytes(), dpi, SEED)
            made[(name, dpi)] = (data, parse_bytes(data, name, ".pdf"))
        return made[(name, dpi)]

    yield get
    ocr.set_cache_dir(None)


@pytest.mark.parametrize("dpi", sorted(TARGETS, reverse=True))
def test_scans_of_the_real_pdfs_meet_the_cell_target(scans, dpi):
    right = total = 0
    misses = {}
    for name in sorted(EXPECTED):
        ok, n, wrong = score(scans(name, dpi)[1], name)
        right, total = right + ok, total + n
        misses.update({f"{name} {path}": v for path, v in wrong.items()})
    assert right / total >= TARGETS[dpi], f"{right}/{total} cells right at {dpi} dpi; wrong: {misses}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_scan_is_read_by_default_and_says_so(scans, name):
    report = scans(name, 200)[1]
    assert "error" not in report, report.get("error")
    assert (report["agency"], report["year"]) == (EXPECTED[name]["agency"], EXPECTED[name]["year"])
    note = report["notes"][0]
    assert note.startswith("read from a scan by OCR (RapidOCR ") and "no text layer" in note and "200 dpi" in note


def test_a_misread_digit_is_flagged_on_its_cell_and_kept_as_read(scans):
    name = "hongze-district-2024.pdf"
    data, _ = scans(name, 200)
    pages = ocr.scan_pages(data, "pdf")  # from the cache
    # 予以公开 is "50 0 0 0 0 0 50": make OCR have read the first 50 as 58
    page = next(p for p in pages if any("予以公开" in b[4] for b in p.boxes))
    row = next(b for b in page.boxes if "予以公开" in b[4])
    fifties = sorted((b for b in page.boxes if b[4] == "50" and abs(b[1] - row[1]) < 30), key=lambda b: b[0])
    fifties[0][4] = "58"
    report = parse_document(segment(RawDocument(name, "pdf", scan_lines(pages))))
    from site_builder.check import run_checks

    checks = report["checks"] + run_checks(report)
    assert report["applications"]["granted"]["natural_person"] == 58  # never silently put back to 50
    flagged = {c for check in checks if check["rule"] in ("C2", "C3") for c in check["cells"]}
    assert "applications.granted.natural_person" in flagged
    assert not any(i["path"] == "applications.granted.natural_person" for i in report["inferred"])


def _page_png(data: bytes, index: int, dpi: int, crop: tuple[float, float] | None = None) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    image = document[index].render(scale=dpi / 72, grayscale=True).to_pil()
    document.close()
    if crop:
        image = image.crop((0, int(crop[0] * image.height), image.width, int(crop[1] * image.height)))
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def test_an_image_file_is_read_by_ocr_into_table_rows(scans):
    data, _ = scans("hongze-district-2024.pdf", 150)
    png = _page_png(data, 2, 150)  # page 3: table 三 from 本年新收 on
    doc = read_bytes(png, "page3.png", ".png")
    assert doc.kind == "image" and doc.notes[0].startswith("read from a scan by OCR")
    rows = {line.cells[0]: line.cells for line in doc.lines if line.grid}
    new = next(cells for label, cells in rows.items() if "本年新收" in label)
    assert new[-7:] == ("95", "0", "0", "0", "0", "0", "95")


def test_the_build_caches_ocr_by_file_hash_apart_from_parsing(tmp_path, scans, monkeypatch):
    data, _ = scans("hongze-district-2024.pdf", 150)
    content = tmp_path / "content"
    content.mkdir()
    (content / "title.png").write_bytes(_page_png(data, 0, 150, crop=(0.05, 0.2)))  # a title: fast to OCR
    first = parse_all(content, jobs=1)[0]
    assert "淮安市洪泽区人民政府" in first.get("error", "") or first.get("agency")  # OCR read the title
    ocr_cache = tmp_path / ".cache" / "ocr"
    assert len(list(ocr_cache.rglob("*.json"))) == 1
    shutil.rmtree(tmp_path / ".cache" / "parse")  # a new parser: parse again, but OCR nothing

    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR ran again for a file whose OCR result is cached")

    monkeypatch.setattr(ocr, "scan_page", no_ocr)
    assert parse_all(content, jobs=1)[0] == first


def test_a_scan_is_image_only_and_the_same_for_the_same_seed(scans):
    import pdfplumber

    name = "hongze-district-2023.pdf"
    data, _ = scans(name, 150)
    assert scan_pdf((CORPUS / name).read_bytes(), 150, SEED) == data
    assert scan_pdf((CORPUS / name).read_bytes(), 150, SEED + 1) != data
    with pdfplumber.open(io.BytesIO(data)) as pdf, pdfplumber.open(CORPUS / name) as original:
        assert len(pdf.pages) == len(original.pages)
        assert not any(page.chars for page in pdf.pages) and all(len(page.images) == 1 for page in pdf.pages)
