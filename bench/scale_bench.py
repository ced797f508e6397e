"""The first answer after a change at national size, in one run (issue #15).

For each size (default 20,000 actors / 100,000 ties, then 100,000 / 500,000), on the
synthetic network (``graphsvc.synthetic``) kept in ``--data-root`` between runs, it
prints, with the load average beside each number (the machine is shared):

* the first anchoring after a one-tie write (an update, a create, a delete), through the
  core object as an API worker computes it (the snapshot warmed by one cold anchoring);
* the local measures after a one-tie write, from the patched snapshot: the degrees of the
  tie's two actors, the ego view (two steps) of one, and the E-I index of its group;
* the whole bridging analysis (wall and CPU seconds; ``--bridging-max`` actors at most);
* the restart of the database after a clean stop (the stop waits for the rewrite);
* with ``--serve`` at the largest size: the API as ``graphsvc serve`` runs one worker,
  its resident memory (``VmRSS``, peak ``VmHWM``) after it loaded the anchoring and then
  the bridging analysis, and the first anchoring over HTTP after a one-tie ``PATCH``.

Usage: ``python bench/scale_bench.py [--sizes 20000:100000,100000:500000]
[--data-root DIR] [--bridging-max 20000] [--serve]``
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import networkx as nx  # noqa: E402

from bench.apiprocess import SERVER, free_port  # noqa: E402
from graphsvc.analysis.ei_index import ei_index  # noqa: E402
from graphsvc.analysis.snapshot import actor_graph  # noqa: E402
from graphsvc.core import Graphsvc  # noqa: E402
from graphsvc.io.formats.csv import write as write_csv  # noqa: E402
from graphsvc.keys import create_key  # noqa: E402
from graphsvc.maps.lenses import ego  # noqa: E402
from graphsvc.settings import get_settings  # noqa: E402
from graphsvc.store import EmbeddedServer  # noqa: E402
from graphsvc.synthetic import synthetic_tables  # noqa: E402


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def timed(label: str, work: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``work``; print wall and CPU seconds and the load average at the end."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {label:<52} {wall:8.2f} s wall {cpu:8.2f} s CPU  ({load()})", flush=True)
    return wall, result


def ensure_loaded(graphsvc: Graphsvc, actors: int, ties: int, folder: Path) -> None:
    stored = graphsvc.counts()["collaborations"]
    if abs(stored - ties) <= ties // 100:
        return
    graphsvc.reset()
    write_csv(synthetic_tables(actors, ties), folder)
    timed("import of the synthetic network", lambda: graphsvc.import_paths([folder]))


def group_ei(network: nx.MultiDiGraph, actor: str, attribute: str = "sector") -> float:
    """The observed E-I index of ``actor``'s group from the ties of its members only
    (the group's members and their neighbours: what a change to one tie can touch)."""
    group = network.nodes[actor].get(attribute)
    members = [n for n, a in network.nodes(data=True) if a.get(attribute) == group]
    around = set(members)
    for member in members:
        around.update(network.predecessors(member))
        around.update(network.successors(member))
    graph = actor_graph(network.subgraph(around), project_projection=False)
    groups = ei_index(graph, attribute, permutations=0).groups
    return float(groups.loc[group, "ei"]) if group in groups.index else float("nan")


def core_part(graphsvc: Graphsvc, args: argparse.Namespace, actors: int) -> None:
    worker = Graphsvc(graphsvc.store, graphsvc.settings)  # an API worker's empty snapshot
    timed("first anchoring, cold (whole graph read)", worker.anchoring)
    timed("anchoring again, nothing changed", worker.anchoring)
    ties = sorted(worker.analysis_tables()["collaborations"]["id"])[:2]
    ids = sorted(worker.analysis_tables()["actors"]["id"])
    worker.update_item("collaborations", ties[0], {"weight": 3.5})
    timed("first anchoring after a one-tie update", worker.anchoring)
    tie = {"id": "scale-bench-tie", "source_id": ids[1], "target_id": ids[-2],
           "kind": "partnership"}  # fmt: skip
    worker.create_item("collaborations", tie)
    timed("first anchoring after a one-tie create", worker.anchoring)
    worker.delete_item("collaborations", "scale-bench-tie")
    timed("first anchoring after a one-tie delete", worker.anchoring)

    # local measures after one more one-tie write, from the patched snapshot
    worker.update_item("collaborations", ties[1], {"weight": 2.5})
    row = worker.snapshot.tables()["collaborations"].set_index("id").loc[ties[1]]
    source, target = str(row["source_id"]), str(row["target_id"])

    def patched() -> None:
        with worker.snapshot.network():
            pass

    timed("snapshot brought up to date (one tie changed)", patched)
    with worker.snapshot.network() as network:
        timed("degrees of the tie's two actors", lambda: (network.degree(source),
              network.degree(target)))  # fmt: skip
        _took, view = timed("ego view, two steps, of one of them", lambda: ego(network, source))
        print(f"    ego view: {len(view.nodes):,} nodes, {len(view.edges):,} edges")
        _took, ei = timed("E-I index of its group (sector)", lambda: group_ei(network, source))
        print(f"    E-I of {network.nodes[source].get('sector')}: {ei:.3f}")
    if actors <= args.bridging_max:
        timed("whole bridging analysis", lambda: worker.bridging())


def restart_part(db: EmbeddedServer) -> None:
    timed("clean stop (waits for the rewrite)", db.stop)
    timed("start after a clean stop", db.start)


def rss(pid: int) -> str:
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if ":" in line
    )  # fmt: skip
    return f"RSS {fields['VmRSS'].strip()}, peak {fields['VmHWM'].strip()}"


#: How long to wait for the API's background recompute of bridging (seconds).
RECOMPUTE_WAIT = 30 * 60


def serve_part(graphsvc: Graphsvc, data: Path) -> None:
    """One API worker as ``graphsvc serve --workers 1`` runs it: its memory after it
    loaded the analyses, and the first anchoring over HTTP after a one-tie PATCH."""
    editor = {"Authorization": f"Bearer {create_key(graphsvc.store, 'editor', 'bench')[1]}"}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    api = subprocess.Popen(
        [sys.executable, "-c", SERVER.format(data=str(data), port=port, workers=1)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or api.poll() is not None:
                raise RuntimeError("the API did not start")
            time.sleep(0.2)
        print(f"  API worker started: {rss(api.pid)}")
        with httpx.Client(base_url=url, headers=editor, timeout=3600) as http:

            def get(path: str) -> None:
                assert http.get(path).status_code == 200

            timed("API: first anchoring, cold", lambda: get("/analyses/anchoring"))
            print(f"    after anchoring: {rss(api.pid)}")
            tie = sorted(graphsvc.analysis_tables()["collaborations"]["id"])[2]
            patched = http.patch(f"/collaborations/{tie}", json={"weight": 4.5})
            assert patched.status_code == 200, patched.text
            timed("API: first anchoring after a one-tie PATCH", lambda: get("/analyses/anchoring"))
            timed("API: bridging, first (computed)", lambda: get("/analyses/bridging"))
            # an older result of the data folder's cache is served while one recompute
            # runs in the background: its memory counts once it has finished
            waited = time.monotonic()
            while http.get("/analyses/bridging").headers.get("X-Analysis-Stale") == "true":
                # a failed background recompute leaves the old result stale for good
                if api.poll() is not None:
                    raise RuntimeError("the API stopped while bridging was recomputed")
                if time.monotonic() - waited > RECOMPUTE_WAIT:
                    raise RuntimeError(
                        f"/analyses/bridging still stale after {RECOMPUTE_WAIT / 60:.0f} min: "
                        "the background recompute failed or hangs (see the API's log above)"
                    )
                time.sleep(2)
            if time.monotonic() - waited > 1:
                print(f"    (the background recompute took {time.monotonic() - waited:.0f} s more)")
            print(f"    after bridging: {rss(api.pid)}")
            timed("API: bridging again (cached)", lambda: get("/analyses/bridging"))
            print(f"    {rss(api.pid)}")
    finally:
        api.terminate()
        api.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000:100000,100000:500000")
    parser.add_argument("--data-root", type=Path, default=Path("/tmp/graphsvc-scale-bench"))
    parser.add_argument("--bridging-max", type=int, default=20_000)
    parser.add_argument("--serve", action="store_true", help="the API's memory, largest size")
    args = parser.parse_args()
    sizes = [tuple(map(int, size.split(":"))) for size in args.sizes.split(",")]
    print(f"{load()} on {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}")
    for actors, ties in sizes:
        print(f"== {actors:,} actors / {ties:,} collaborations", flush=True)
        data = args.data_root / f"n{actors}"
        db = EmbeddedServer(data)
        db.start()
        try:
            with Graphsvc.open(get_settings(data_dir=data)) as graphsvc:
                ensure_loaded(graphsvc, actors, ties, args.data_root / f"csv{actors}")
                core_part(graphsvc, args, actors)
                if args.serve and (actors, ties) == max(sizes):
                    serve_part(graphsvc, data)
            restart_part(db)
        finally:
            db.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{load()}; this process's peak {peak:,.0f} MB")


if __name__ == "__main__":
    main()
