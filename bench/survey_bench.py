"""Surveys (#13): 500 respondents answering over 60 s, then applying 500 answers.

Starts a throwaway FalkorDB server and the API in its own process, as ``graphsvc serve``
runs it (``bench/apiprocess.py``), over a synthetic network (``graphsvc.synthetic``). A
survey asks ``--respondents`` organisations (its roster); each gets a link. Then every
respondent, starting evenly spread over ``--seconds``, does what the answer page does:

* ``GET /s/{token}`` (the page), ``GET /s/{token}/form`` (texts, roster, saved answers),
* ``PUT /s/{token}/pages/partners`` (``--partners`` organisations named),
* ``PUT /s/{token}/pages/ratings`` (each rated: frequency, kind, since, PARTNER's six),
* ``PUT /s/{token}/pages/outcomes``, ``POST /s/{token}/submit``,

with ``--think`` seconds between pages, all respondents concurrently (asyncio, httpx).
It prints p50 and p99 latency per request type (target p99 < 300 ms), then times
``POST /surveys/{id}/apply`` on the submitted answers (500 answers naming 10 partners
each: about 5,000 ties; target < 10 s), a dry run first, and applying again.

Usage: ``python bench/survey_bench.py [--respondents 500] [--seconds 60] [--partners 10]
[--think 0.5] [--workers 2]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apiprocess import api_process  # noqa: E402

from graphsvc.core import Graphsvc  # noqa: E402
from graphsvc.io.formats.csv import write as write_csv  # noqa: E402
from graphsvc.keys import create_key  # noqa: E402
from graphsvc.settings import get_settings  # noqa: E402
from graphsvc.store import EmbeddedServer  # noqa: E402
from graphsvc.surveys import Surveys  # noqa: E402
from graphsvc.synthetic import synthetic_tables  # noqa: E402

KINDS = ["partnership", "funding", "knowledge_exchange", "referral", "membership"]
FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "yearly"]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def load(graphsvc: Graphsvc, folder: Path, actors: int, collaborations: int) -> list[str]:
    """The synthetic network imported; the ids of organisations (no persons) to ask."""
    write_csv(synthetic_tables(actors, collaborations, seed=13), folder)
    graphsvc.import_paths([folder])
    frame = graphsvc.tables()["actors"]
    return sorted(frame.loc[~frame["is_person"].fillna(False).astype(bool), "id"])


def ratings_for(rng: random.Random, partners: list[str]) -> dict[str, Any]:
    return {
        actor: {
            "frequency": rng.choice(FREQUENCIES),
            "kinds": [rng.choice(KINDS)],
            "since": rng.randint(2005, 2025),
            **{
                d: rng.randint(1, 4)
                for d in ("reliable", "mission", "open", "power", "involvement", "resources")
            },
            "contributes": ["information"],
        }
        for actor in partners
    }


async def respondent(
    http: httpx.AsyncClient,
    token: str,
    actor: str,
    roster: list[str],
    args: argparse.Namespace,
    start: float,
    times: dict[str, list[float]],
    errors: dict[str, int],
) -> None:
    rng = random.Random(token)
    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    partners = rng.sample([a for a in roster if a != actor], args.partners)
    steps: list[tuple[str, str, str, Any]] = [
        ("page", "GET", f"/s/{token}", None),
        ("form", "GET", f"/s/{token}/form", None),
        (
            "partners",
            "PUT",
            f"/s/{token}/pages/partners",
            {"partners": [{"actor_id": a} for a in partners]},
        ),
        ("ratings", "PUT", f"/s/{token}/pages/ratings", {"ratings": ratings_for(rng, partners)}),
        (
            "outcomes",
            "PUT",
            f"/s/{token}/pages/outcomes",
            {"outcomes": {"achieved": ["new_knowledge"], "comment": "Godt samarbejde."}},
        ),
        ("submit", "POST", f"/s/{token}/submit", None),
    ]
    for n, (name, method, path, body) in enumerate(steps):
        if n and args.think:
            await asyncio.sleep(rng.uniform(0.5, 1.5) * args.think)
        began = time.perf_counter()
        try:
            response = await http.request(method, path, json=body)
        except httpx.HTTPError as exc:  # counted, and this respondent gives up
            errors[f"{name} {type(exc).__name__}"] += 1
            return
        times[name].append(time.perf_counter() - began)
        if response.status_code >= 400:
            errors[f"{name} {response.status_code}"] += 1


async def answer_all(
    url: str, links: dict[str, str], roster: list[str], args: argparse.Namespace
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    limits = httpx.Limits(max_connections=args.connections, max_keepalive_connections=32)
    # no pool timeout: on a busy machine requests wait for a connection, and that wait is
    # part of the latency measured
    timeout = httpx.Timeout(300, pool=None)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        t0 = time.perf_counter()
        gap = args.seconds / max(1, len(links))
        await asyncio.gather(
            *(
                respondent(http, token, actor, roster, args, t0 + i * gap, times, errors)
                for i, (actor, token) in enumerate(links.items())
            )
        )
        return times, errors, time.perf_counter() - t0


def answer_in_process(
    data: Path, links: dict[str, str], roster: list[str], args: argparse.Namespace
) -> None:
    """The same answers through the service, without HTTP: for timing ``apply`` alone."""
    with Graphsvc.open(get_settings(data_dir=data)) as graphsvc:
        surveys = Surveys(graphsvc)
        for actor, token in links.items():
            rng = random.Random(token)
            partners = rng.sample([a for a in roster if a != actor], args.partners)
            surveys.save_page(token, "partners", {"partners": [{"actor_id": a} for a in partners]})
            surveys.save_page(token, "ratings", {"ratings": ratings_for(rng, partners)})
            surveys.submit(token)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--partners", type=int, default=10)
    parser.add_argument("--think", type=float, default=0.5, help="mean seconds between pages")
    parser.add_argument("--connections", type=int, default=64, help="client connections")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--actors", type=int, default=2_000)
    parser.add_argument("--collaborations", type=int, default=6_000)
    parser.add_argument(
        "--answer-in-process",
        action="store_true",
        help="write the answers through the service (no HTTP): time apply alone",
    )
    args = parser.parse_args()
    try:
        load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load_average = "?"
    print(
        f"{os.cpu_count()} CPUs, load average {load_average}; {args.workers} API worker(s); "
        f"{args.respondents} respondents over {args.seconds:.0f} s, {args.partners} partners "
        f"each, {args.think} s between pages"
    )
    with tempfile.TemporaryDirectory(prefix="graphsvc-survey-bench-") as tmp:
        data = Path(tmp) / "data"
        db = EmbeddedServer(data)
        db.start()
        try:
            with Graphsvc.open(get_settings(data_dir=data)) as graphsvc:
                t0 = time.perf_counter()
                asked = load(graphsvc, Path(tmp) / "csv", args.actors, args.collaborations)
                print(f"loaded {graphsvc.counts()} in {time.perf_counter() - t0:.1f} s")
                editor = {"Authorization": f"Bearer {create_key(graphsvc.store, 'editor')[1]}"}
            roster = random.Random(1).sample(asked, args.respondents)
            with (
                api_process(data, args.workers, start_timeout=300) as url,
                httpx.Client(base_url=url, timeout=600, headers=editor) as http,
            ):
                made = http.post(
                    "/surveys",
                    json={
                        "title": {"da": "Netværket 2026", "en": "The network 2026"},
                        "scope_kind": "roster",
                        "asker": "Bench Kommune",
                    },
                )
                survey = made.raise_for_status().json()["id"]
                http.put(
                    f"/surveys/{survey}/roster", json={"entries": [{"actor_id": a} for a in roster]}
                ).raise_for_status()
                http.post(f"/surveys/{survey}/open").raise_for_status()
                t0 = time.perf_counter()
                issued = http.post(f"/surveys/{survey}/invitations", json={})
                links = {i["actor_id"]: i["token"] for i in issued.raise_for_status().json()}
                print(f"invited {len(links)} in {time.perf_counter() - t0:.2f} s")

                if args.answer_in_process:
                    t0 = time.perf_counter()
                    answer_in_process(data, links, roster, args)
                    print(f"answered in process (no HTTP) in {time.perf_counter() - t0:.1f} s")
                else:
                    times, errors, wall = asyncio.run(answer_all(url, links, roster, args))
                    total = sum(len(v) for v in times.values())
                    print(
                        f"\n{total} requests in {wall:.1f} s ({total / wall:.1f} req/s); "
                        f"errors: {dict(errors) or 'none'}"
                    )
                    for name in ("page", "form", "partners", "ratings", "outcomes", "submit"):
                        found = times[name]
                        if not found:
                            continue
                        print(
                            f"  {name:<9} n={len(found):>4}  p50 {percentile(found, 0.5):7.1f} ms"
                            f"  p99 {percentile(found, 0.99):7.1f} ms"
                            f"  max {max(found) * 1000:7.1f} ms"
                        )
                    every = [t for v in times.values() for t in v]
                    print(
                        f"  {'all':<9} n={len(every):>4}  p50 {percentile(every, 0.5):7.1f} ms"
                        f"  p99 {percentile(every, 0.99):7.1f} ms"
                    )

                status = http.get(f"/surveys/{survey}/status").raise_for_status().json()
                states: dict[str, int] = defaultdict(int)
                for tie in status["ties"]:
                    states[tie["state"]] += 1
                print(
                    f"\nstatus: {status['answered']} of {status['invited']} answered, "
                    f"{len(status['ties'])} ties {dict(states)}, "
                    f"{len(status['conflicts'])} conflicts with curated ties"
                )
                for label, body in (
                    ("apply, dry run", {"dry_run": True}),
                    ("apply", {"dry_run": False}),
                    ("apply again", {"dry_run": False}),
                ):
                    t0 = time.perf_counter()
                    result = http.post(f"/surveys/{survey}/apply", json=body)
                    took = time.perf_counter() - t0
                    got = result.raise_for_status().json()
                    print(
                        f"  {label:<15} {took:6.2f} s  created {got['created']}, updated "
                        f"{got['updated']}, unchanged {got['unchanged']}, "
                        f"conflicts {len(got['conflicts'])}"
                    )
        finally:
            db.stop()


if __name__ == "__main__":
    main()
