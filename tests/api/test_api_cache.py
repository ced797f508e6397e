"""The analysis cache: shared by worker processes through files, computed once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from graphsvc.cache import AnalysisCache


def test_a_result_computed_by_one_worker_serves_another(tmp_path: Path) -> None:
    first, second = AnalysisCache(8, tmp_path), AnalysisCache(8, tmp_path)
    calls: list[str] = []

    def compute() -> dict[str, object]:
        calls.append("x")
        return {"tables": {"projects": [{"id": "a", "score": 61.5}]}, "n": [1, 2]}

    value, hit = first.get_or_compute("k", compute)
    assert hit is False
    again, hit = second.get_or_compute("k", compute)
    assert (again, hit) == (value, True) and calls == ["x"]
    for key, stored in (("bytes", b'{"a":1}'), ("text", "<html>æøå</html>")):
        first.get_or_compute(key, lambda stored=stored: stored)
        assert second.get_or_compute(key, lambda: None) == (stored, True)


def test_concurrent_misses_compute_once(tmp_path: Path) -> None:
    """Sixteen clients asking right after a write, spread over two workers: one computation."""
    workers = [AnalysisCache(8, tmp_path), AnalysisCache(8, tmp_path)]
    calls = 0
    lock = threading.Lock()

    def compute() -> dict[str, int]:
        nonlocal calls
        with lock:
            calls += 1
        time.sleep(0.3)
        return {"answer": 42}

    answers: list[tuple[object, bool]] = []
    threads = [
        threading.Thread(
            target=lambda n=n: answers.append(workers[n % 2].get_or_compute("k", compute))
        )
        for n in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == 1
    assert sorted(hit for _value, hit in answers) == [False] + [True] * 15
    assert all(value == {"answer": 42} for value, _hit in answers)


def test_old_files_are_pruned_and_memory_is_bounded(tmp_path: Path) -> None:
    cache = AnalysisCache(2, tmp_path, max_files=3)
    for n in range(6):
        cache.get_or_compute(f"k{n}", lambda n=n: {"n": n})
    assert len(list(tmp_path.glob("*.json"))) == 3
    assert len(cache._data) == 2
    other_worker = AnalysisCache(2, tmp_path, max_files=3)  # reads the files only
    assert other_worker.get_or_compute("k3", lambda: None) == ({"n": 3}, True)
    assert other_worker.get_or_compute("k0", lambda: {"n": "again"}) == ({"n": "again"}, False)


def test_names_kept_in_memory_only(tmp_path: Path) -> None:
    cache = AnalysisCache(4, tmp_path)
    cache.get_or_compute("_hidden", lambda: {"Mette Jensen": "Person 1"}, persist=False)
    assert list(tmp_path.glob("*.json")) == []
    assert cache.get_or_compute("_hidden", lambda: None) == ({"Mette Jensen": "Person 1"}, True)


def test_memory_only_without_a_folder() -> None:
    cache = AnalysisCache(4)
    assert cache.get_or_compute("k", lambda: {1, 2}) == ({1, 2}, False)
    assert cache.get_or_compute("k", lambda: None) == ({1, 2}, True)
