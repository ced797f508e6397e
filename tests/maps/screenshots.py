"""Screenshots of the map canvas compared with stored references, with a tolerance.

A picture matches its reference when it has the same size and at most
:data:`MAX_CHANGED` of its pixels differ by more than :data:`PIXEL_THRESHOLD` in some
colour channel (0–255): anti-aliasing and sub-pixel text may move a few pixels, a
moved node, panel or label moves thousands. On a mismatch the difference is written
as a picture (changed pixels in magenta over a faded copy of the reference) and the
test says where.

References live in ``tests/maps/screenshots/`` (small PNGs, test fixtures). To make them
again after an intended change of the maps' look::

    python -m pytest tests/maps/test_screenshots.py --update-screenshots
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

REFERENCES = Path(__file__).parent / "screenshots"
#: A pixel has changed when a channel differs by more than this.
PIXEL_THRESHOLD = 48
#: A picture matches when at most this share of its pixels changed.
MAX_CHANGED = 0.002


@dataclass
class Comparison:
    """How a picture differs from its reference."""

    changed: float  # share of the pixels that changed
    size: tuple[int, int]
    reference_size: tuple[int, int]
    diff: Path | None  # the difference picture, written on a mismatch

    @property
    def matches(self) -> bool:
        return self.size == self.reference_size and self.changed <= MAX_CHANGED

    def explain(self, name: str) -> str:
        if self.size != self.reference_size:
            return f"{name}: {self.size} px, the reference is {self.reference_size} px"
        return (
            f"{name}: {self.changed:.2%} of the pixels changed (at most {MAX_CHANGED:.2%}); "
            f"the difference is in {self.diff}"
        )


def _rgb(png: bytes | Path) -> np.ndarray:
    data = png.read_bytes() if isinstance(png, Path) else png
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def compare(png: bytes, reference: Path, out_dir: Path) -> Comparison:
    """Compare the screenshot ``png`` with ``reference``; on a mismatch write the
    picture and the difference to ``out_dir``."""
    actual, expected = _rgb(png), _rgb(reference)
    size = (actual.shape[1], actual.shape[0])
    reference_size = (expected.shape[1], expected.shape[0])
    if size != reference_size:
        changed = 1.0
        mask = None
    else:
        mask = np.abs(actual - expected).max(axis=2) > PIXEL_THRESHOLD
        changed = float(mask.mean())
    result = Comparison(changed, size, reference_size, None)
    if not result.matches:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / f"{reference.stem}-actual.png").write_bytes(png)
        if mask is not None:
            faded = (255 - (255 - expected) // 4).astype(np.uint8)
            faded[mask] = (255, 0, 255)
            result.diff = out_dir / f"{reference.stem}-diff.png"
            Image.fromarray(faded).save(result.diff)
        else:
            result.diff = out_dir / f"{reference.stem}-actual.png"
    return result
