"""Make the reports the README shows: ``docs/report-legepatruljen.pdf``, ``docs/report-DK-410.pdf``
(Middelfart) and ``docs/report-legepatruljen.png`` (the first page of the first).

Everything is throwaway: a FalkorDB in a temporary directory and the seed data. The reports
are made in Danish through the core object, exactly as ``graphsvc report`` makes them,
by Debian's chromium (never ``playwright install``); the first page is drawn from the PDF
itself with pypdfium2 (PDFium), so the picture shows what the PDF holds.

    python scripts/make_docs_reports.py [--out docs] [--lang da]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = (("project", "legepatruljen"), ("municipality", "DK-410"))
#: Pixels per PDF point of the first-page picture (A4 = 595 × 842 points).
PNG_SCALE = 1.25


def first_page_png(pdf: Path, png: Path) -> Path:
    """Draw the first page of ``pdf`` as a PNG (white background, as printed)."""
    import pypdfium2 as pdfium  # noqa: PLC0415  (a test dependency: only this script needs it)

    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=PNG_SCALE).to_pil()
        image.save(png, optimize=True)
    finally:
        document.close()
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="the folder to write")
    parser.add_argument("--lang", choices=("da", "en"), default="da")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="graphsvc-docs-") as tmp:
        os.environ["GRAPHSVC_DATA_DIR"] = tmp
        os.environ.pop("GRAPHSVC_NEO4J_URI", None)
        from graphsvc.core import Graphsvc  # noqa: PLC0415  (after the data dir is set)
        from graphsvc.reports import report  # noqa: PLC0415
        from graphsvc.reports.render import chromium  # noqa: PLC0415
        from graphsvc.settings import get_settings  # noqa: PLC0415
        from graphsvc.store import EmbeddedServer  # noqa: PLC0415

        server = EmbeddedServer(Path(tmp))
        server.start()
        try:
            with Graphsvc.open(get_settings(data_dir=Path(tmp))) as graphsvc, chromium() as browser:
                graphsvc.seed()
                args.out.mkdir(parents=True, exist_ok=True)
                for kind, ident in REPORTS:
                    started = time.perf_counter()
                    pdf = args.out / f"report-{ident}.pdf"
                    pdf.write_bytes(report(graphsvc, kind, ident, lang=args.lang, browser=browser))
                    sys.stdout.write(f"{pdf} ({time.perf_counter() - started:.1f} s)\n")
                png = first_page_png(args.out / "report-legepatruljen.pdf",
                                     args.out / "report-legepatruljen.png")  # fmt: skip
                sys.stdout.write(f"{png}\n")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
