"""The map colours are colour-blind safe and visible (#14).

Colour vision deficiency is simulated with the matrices of Machado, Oliveira & Fernandes
(2009), "A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE
TVCG 15(6):1291–1298, severity 1.0 (full protanopia and deuteranopia), applied to linear
sRGB; two colours count as told apart when their CIELAB distance (CIE76, D65) is at least
15 (about the distance between two neighbouring Okabe–Ito colours; the former sector
colours of the maps were 2.2 apart under protanopia: public blue and philanthropic purple).
Contrast is WCAG 2.1's relative-luminance ratio; non-text contrast (1.4.11) asks 3:1.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from graphsvc.maps.html import (
    ANCHORING_COLOURS,
    NODE_BORDER,
    PALETTE,
    PROJECT_BORDER,
    SECTOR_COLOURS,
    TIE_COLOURS,
)
from graphsvc.maps.payload import read_payload
from graphsvc.maps.survey_ties import TRUST_COLOURS
from tests.maps.seed_server import seed_map

PROTANOPIA = np.array(
    [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
     [-0.003882, -0.048116, 1.051998]]
)  # fmt: skip
DEUTERANOPIA = np.array(
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
     [-0.011820, 0.042940, 0.968881]]
)  # fmt: skip
VISION = {"normal": np.eye(3), "protanopia": PROTANOPIA, "deuteranopia": DEUTERANOPIA}
APART = 15.0
WHITE = "#ffffff"
# The kinds' lines; participation is the member's faint line to its project, said in words.
TIE_KIND_COLOURS = {k: v for k, v in TIE_COLOURS.items() if k != "participation"}


def linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    ) @ np.clip(rgb_linear, 0, 1)
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(hex_colour: str, vision: str) -> np.ndarray:
    return lab(VISION[vision] @ linear(hex_colour))


def contrast(a: str, b: str = WHITE) -> float:
    lum = [float(np.array([0.2126, 0.7152, 0.0722]) @ linear(c)) for c in (a, b)]
    return (max(lum) + 0.05) / (min(lum) + 0.05)


def closest_pair(colours: dict[str, str], vision: str) -> tuple[float, str, str]:
    return min(
        (float(np.linalg.norm(seen(colours[a], vision) - seen(colours[b], vision))), a, b)
        for a, b in itertools.combinations(colours, 2)
    )


def test_the_model_reproduces_known_values():
    # Grey stays grey (each matrix row sums to 1); to a protanope or deuteranope pure red
    # and pure green are both yellowish (a* near 0, b* > 0), only lighter or darker.
    for matrix in (PROTANOPIA, DEUTERANOPIA):
        assert matrix.sum(axis=1) == pytest.approx([1, 1, 1], abs=1e-3)
        for colour in ("#ff0000", "#00ff00"):
            _lightness, a, b = lab(matrix @ linear(colour))
            assert b > 30 and abs(a) < 0.25 * b, colour
    assert seen("#ff0000", "normal")[1] > 70  # red is red to everyone else
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("vision", list(VISION))
@pytest.mark.parametrize(
    ("name", "colours"),
    [
        ("sector", SECTOR_COLOURS),
        ("anchoring", ANCHORING_COLOURS),
        ("palette", dict(enumerate(PALETTE))),
        ("trust", dict(enumerate(TRUST_COLOURS))),  # surveyed ties (test_survey_ties.py)
        ("tie", TIE_KIND_COLOURS),
    ],
)
def test_colours_are_told_apart(name, colours, vision):
    distance, a, b = closest_pair({str(k): v for k, v in colours.items()}, vision)
    assert distance >= APART, f"{name}: {a} and {b} are {distance:.1f} apart under {vision}"


def test_tie_colours_are_lines_that_show():
    """Each tie kind's line has 3:1 against the white map (WCAG 1.4.11); the former
    colours (Tableau's) had pairs under 15 apart for colour-blind readers."""
    for kind, colour in TIE_KIND_COLOURS.items():
        assert contrast(colour) >= 3, (kind, colour, contrast(colour))
    former = {"partnership": "#4e79a7", "knowledge_exchange": "#17a2b8", "coordination": "#2f7f7a"}
    assert min(closest_pair(former, v)[0] for v in ("protanopia", "deuteranopia")) < APART


def test_former_sector_colours_were_not_safe():
    former = {"public": "#2f6db5", "philanthropic": "#8e5cb5"}
    assert closest_pair(former, "protanopia")[0] < 5  # why the palette changed


def test_nodes_are_visible_against_the_background():
    """Every node's border has 3:1 against the white map; a fill under 3:1 is drawn with
    that border, and its meaning is also in words (legend, tooltip)."""
    assert contrast(NODE_BORDER) >= 3 and contrast(PROJECT_BORDER) >= 3
    for colour in (*SECTOR_COLOURS.values(), *ANCHORING_COLOURS.values()):
        assert contrast(colour) >= 2.0, colour  # light, but not white-on-white
    html = seed_map("network", lang="da")
    data = read_payload(html)  # nodes and edges expanded from the page's columns
    for node in data["nodes"]:
        border = node["color"]["border"]
        if border.startswith("#"):
            assert contrast(border) >= 3, node["id"]
        assert node.get("borderWidth", 1.5) >= 1.5
    legend = {c["label"]: c["colour"] for c in data.get("legend", {}).get("colours", [])}
    assert all(colour in SECTOR_COLOURS.values() for colour in legend.values())
    assert "Offentlig" in html and SECTOR_COLOURS["public"] in html
