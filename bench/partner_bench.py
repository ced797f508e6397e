"""Survey analyses bench: graphsvc.analysis.partner on synthetic surveys.

    python bench/partner_bench.py [--sizes 500 2000] [--partners 10] [--rate 0.8] [--repeat 3]

A survey of N organisations, each asked; a share ``--rate`` submits, each naming about
``--partners`` others (so 500 organisations give ≈5,000 ratings, the size the issue's
apply target names), every PARTNER item "ved ikke" one time in six. Prints the fastest
of ``--repeat`` runs of each function (what the status page and ``GET
/surveys/{id}/analysis`` and ``/compare`` call), and the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd

from graphsvc.analysis.partner import (
    TRUST_ITEMS,
    VALUE_ITEMS,
    actor_scores,
    compare_waves,
    network_scores,
    survey_analysis,
    tie_states,
    wave_metrics,
)

FREQUENCIES = {"daily": 5, "weekly": 4, "monthly": 3, "quarterly": 2, "yearly": 1}


def survey(n: int, partners: int, rate: float, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(ratings, respondents)`` of a synthetic survey (see the module docstring)."""
    rng = random.Random(seed)
    ids = [f"org-{i:05d}" for i in range(n)]
    answered = [rng.random() < rate for _ in ids]
    rows = []
    for rater, did in zip(ids, answered, strict=True):
        for ratee in rng.sample(ids, partners + 1):
            if ratee == rater:
                continue
            frequency = rng.choice(list(FREQUENCIES))
            rows.append(
                {
                    "rater": rater,
                    "ratee": ratee,
                    "frequency": frequency,
                    "weight": FREQUENCIES[frequency],
                    **{
                        item: None if rng.random() < 1 / 6 else rng.randint(1, 4)
                        for item in (*TRUST_ITEMS, *VALUE_ITEMS)
                    },
                }
            )
        if not did:  # only submitted answers reach the analyses
            rows = [r for r in rows if r["rater"] != rater]
    respondents = pd.DataFrame(
        {"actor_id": ids, "asked": True, "answered": answered, "sector": None, "locality": None}
    )
    return pd.DataFrame(rows), respondents


def fastest(call: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--partners", type=int, default=10)
    parser.add_argument("--rate", type=float, default=0.8)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print(f"load average {os.getloadavg()}")
    for n in options.sizes:
        ratings, respondents = survey(n, options.partners, options.rate, seed=n)
        second = survey(n, options.partners, options.rate, seed=n + 1)
        ties = tie_states(ratings, respondents)
        print(
            f"{n} organisations, {int(respondents['answered'].sum())} answered, "
            f"{len(ratings)} ratings, {len(ties)} ties"
        )
        one = (ratings, respondents)
        for name, call in (
            ("tie_states", partial(tie_states, *one)),
            ("actor_scores", partial(actor_scores, *one)),
            ("network_scores", partial(network_scores, *one)),
            ("wave_metrics", partial(wave_metrics, *one)),
            ("survey_analysis", partial(survey_analysis, *one)),
            ("compare_waves", partial(compare_waves, one, second)),
        ):
            print(f"  {name:16} {fastest(call, options.repeat):7.3f} s")
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
