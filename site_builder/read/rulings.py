"""What a page image shows besides text: its tilt, and the ruling lines of its tables.

A scanned sheet is fed a little askew, so its text lines and rules slope. The
tilt is measured from the long text boxes OCR found (their top edges), the page
is turned back to level, and the rules are found there as long thin runs of ink
(a morphological opening with a long, one-pixel kernel). Lengths scale with the
resolution, so 150 and 300 dpi scans are read alike.
"""
from __future__ import annotations

import math
import statistics

MAX_TILT = 5.0  # degrees: past this the page is not "askew" but turned, and left alone
H_RULE_INCHES = 0.35  # a horizontal run this long is a rule (a character's stroke is shorter)
V_RULE_INCHES = 0.12  # vertical rules are short where a row is low; ends must touch h-rules (layout)
LONG_V_INCHES = 0.5  # a vertical run this long is a rule wherever it ends (a table cut by the page)
RULE_THICKNESS_INCHES = 0.04
JOIN_GAP_INCHES = 0.06  # a rule broken by a speck of white, or by JPEG, is one rule


def skew_angle(quads: list[list[tuple[float, float]]]) -> float:
    """The page's tilt in degrees from the top edges of long text boxes (tl, tr, br, bl order)."""
    slopes = []
    for quad in quads:
        (x0, y0), (x1, y1) = quad[0], quad[1]
        height = math.dist(quad[0], quad[3])
        width = math.dist(quad[0], quad[1])
        if width >= 4 * max(height, 1.0) and x1 > x0:
            slopes.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    if len(slopes) < 3:
        return 0.0
    angle = statistics.median(slopes)
    return angle if abs(angle) <= MAX_TILT else 0.0


def _matrix(angle: float, shape: tuple[int, ...]):
    import cv2

    height, width = shape[:2]
    return cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)


def rotate(pixels, angle: float):
    """The grey image turned by `angle` degrees about its centre (same size, white where it uncovers)."""
    if abs(angle) < 0.02:
        return pixels
    import cv2

    height, width = pixels.shape[:2]
    return cv2.warpAffine(pixels, _matrix(angle, pixels.shape), (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def turn_point(point: tuple[float, float], angle: float, shape: tuple[int, ...]) -> tuple[float, float]:
    """Where a point of the tilted image lands on the levelled one."""
    if abs(angle) < 0.02:
        return point
    m = _matrix(angle, shape)
    x, y = point
    return (m[0][0] * x + m[0][1] * y + m[0][2], m[1][0] * x + m[1][1] * y + m[1][2])


def find_rulings(pixels, dpi: float) -> tuple[list[list[float]], list[list[float]]]:
    """(horizontal rules as [x0, x1, y], vertical rules as [top, bottom, x]) in pixels."""
    import cv2
    import numpy as np

    ink = cv2.adaptiveThreshold(pixels, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                _odd(dpi * 0.15), 12)
    thick = max(2, round(dpi * RULE_THICKNESS_INCHES))
    gap = max(2, round(dpi * JOIN_GAP_INCHES))
    h_len, v_len = max(20, round(dpi * H_RULE_INCHES)), max(12, round(dpi * V_RULE_INCHES))
    # No closing first: it would glue a line of characters' strokes into a rule. Pieces of a rule
    # broken by a speck are joined afterwards, by position.
    h_mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, h_len), np.uint8))
    v_mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((v_len, 1), np.uint8))
    hrules = [[float(x), float(x + w), float(y + h / 2)] for x, y, w, h in _components(h_mask)
              if w >= h_len and h <= thick * 2]
    vrules = [[float(y), float(y + h), float(x + w / 2)] for x, y, w, h in _components(v_mask)
              if h >= v_len and w <= thick * 2]
    hrules, vrules = _join(hrules, gap, thick), _join(vrules, gap, thick)
    return hrules, [v for v in vrules if v[1] - v[0] >= dpi * LONG_V_INCHES or _closed(v, hrules, max(3.0, dpi * 0.025))]


def _closed(v: list[float], hrules: list[list[float]], tolerance: float) -> bool:
    """A short vertical run is a rule only between two horizontal rules (else it is a stroke of a character)."""
    top, bottom, x = v

    def touches(y: float) -> bool:
        return any(abs(h[2] - y) <= tolerance and h[0] - tolerance <= x <= h[1] + tolerance for h in hrules)

    return touches(top) and touches(bottom)


def _odd(value: float) -> int:
    n = max(3, int(value))
    return n if n % 2 else n + 1


def _components(mask) -> list[tuple[int, int, int, int]]:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [tuple(int(v) for v in stats[i][:4]) for i in range(1, count)]


def _join(segments: list[list[float]], gap: float, thick: float) -> list[list[float]]:
    """Collinear pieces of one rule (start, end, position) joined across small gaps."""
    lanes: list[list[list[float]]] = []  # segments at one position, a rule's thickness apart at most
    for seg in sorted(segments, key=lambda s: s[2]):
        if lanes and seg[2] - lanes[-1][-1][2] <= thick / 2:
            lanes[-1].append(seg)
        else:
            lanes.append([seg])
    out: list[list[float]] = []
    for lane in lanes:
        joined: list[list[float]] = []
        for start, end, pos in sorted(lane):
            if joined and start - joined[-1][1] <= gap:
                joined[-1][1] = max(joined[-1][1], end)
            else:
                joined.append([start, end, pos])
        out += [[round(a, 1), round(b, 1), round(p, 1)] for a, b, p in joined]
    return sorted(out, key=lambda s: (s[2], s[0]))
