"""What the security headers cost: hashing a page's inline scripts for its CSP.

Every HTML answer is held until complete and its inline scripts hashed (SHA-256) for the
``Content-Security-Policy``; the biggest pages are maps, which inline vis-network. This
draws maps of synthetic networks of growing size (no database) and times
``graphsvc.api.webguard.page_csp`` on each.

    python bench/websec_bench.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphsvc.api.webguard import page_csp, script_hashes
from graphsvc.maps import render_map
from tests.maps.map_synthetic import synthetic


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"{'actors':>7} {'page MB':>8} {'scripts':>8} {'CSP ms (median)':>16}")
    for actors in (50, 500, 2000):
        network = synthetic(actors, seed=1)
        page = render_map(network, lens="network", size_by="degree").encode()
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            page_csp(page, framable=True)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{actors:>7} {len(page) / 1e6:>8.2f} {len(script_hashes(page)):>8} "
            f"{statistics.median(times):>16.2f}"
        )


if __name__ == "__main__":
    main()
