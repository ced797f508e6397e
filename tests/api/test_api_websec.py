"""Web security over real HTTP (issue 11): hosts, same-origin writes, CSRF, security
headers, failed-key limits, sessions, key expiry, event streams of revoked keys, and no
500 for valid requests.

The attacks are those of the issue's report, sent as a browser would send them: a page on
another origin posting a multipart form (``mode: 'no-cors'``: the browser adds
``Origin`` and ``Sec-Fetch-Site: cross-site``), a page on another port of the same host
with the victim's session cookie, and a ``Host: evil.example`` (DNS rebinding).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from graphsvc.api import create_app
from graphsvc.cli import app as cli_app
from graphsvc.core import Graphsvc
from graphsvc.keys import create_key, list_keys
from graphsvc.settings import Settings
from tests.api.apihelpers import MINI, Keys, ServerThread, free_port, sign_in

NEW_ACTOR_CSV = (
    MINI / "actors.csv"
).read_text("utf-8").splitlines()[0] + "\nangriber-forening,Angriber Forening,association," \
    "civil_society,local,DK-410,,,,false,,false,,test:websec,,documented\n"  # fmt: skip


def _form() -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", ("actors.csv", NEW_ACTOR_CSV.encode(), "text/csv"))]


def _error(answer: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert answer.status_code == status, answer.text
    body: dict[str, object] = answer.json()
    assert body["status"] == status and body["code"] == code and body["message"]
    return body


@pytest.fixture
def demo(settings: Settings, core: Graphsvc) -> Iterator[ServerThread]:
    server = ServerThread(create_app(settings, demo=True)).start()
    yield server
    server.stop()


# ---------------------------------------------------------------- origin and host


def test_a_cross_origin_form_post_is_refused_in_demo_mode(
    demo: ServerThread, core: Graphsvc
) -> None:
    """The report: a page elsewhere posted a multipart form to /imports and got 200."""
    with httpx.Client(base_url=demo.url, timeout=60) as http:
        for headers in (
            # what Chromium sends for fetch(..., {mode: 'no-cors', body: FormData})
            {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
            {"Origin": "https://evil.example"},
            {"Origin": "null"},  # a sandboxed frame or a file
            {"Origin": f"http://127.0.0.1:{free_port()}"},  # same host, another port
            {"Sec-Fetch-Site": "same-site"},
            {"Referer": "https://evil.example/page.html"},
            {},  # no Origin at all: in demo mode (no key) not a way in either
        ):
            _error(http.post("/imports", files=_form(), headers=headers), 403, "forbidden")
        assert http.get("/actors/angriber-forening").status_code == 404  # nothing written
        # the app's own page may write (the browser sends its own origin)
        own = http.post("/imports", files=_form(), headers={"Origin": demo.url})
        assert own.status_code == 200, own.text
        assert own.json()["created"]["actors"] == 1
        referer = http.post(
            "/actors",
            json={
                "id": "b",
                "name": "B",
                "kind": "association",
                "sector": "civil_society",
                "scale": "local",
            },
            headers={"Referer": demo.url + "/workshop", "Sec-Fetch-Site": "same-origin"},
        )
        assert referer.status_code == 201, referer.text
        # reads need no Origin
        assert http.get("/actors/angriber-forening").status_code == 200


def test_a_foreign_host_is_refused(demo: ServerThread, settings: Settings) -> None:
    with httpx.Client(base_url=demo.url, timeout=60) as http:
        for method in ("GET", "POST"):
            answer = http.request(
                method, "/actors", headers={"Host": "evil.example", "Origin": "http://evil.example"}
            )
            body = _error(answer, 400, "bad_request")
            assert "evil.example" in str(body["message"])
        _error(http.get("/health", headers={"Host": "evil.example:80"}), 400, "bad_request")
        # the address the app listens on, and loopback names for a loopback address
        port = demo.port
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
            assert http.get("/health", headers={"Host": host}).status_code == 200, host
        _error(http.get("/health", headers={"Host": "127.0.0.1:1"}), 400, "bad_request")
    # behind a proxy: the public name is configured
    server = ServerThread(create_app(settings, allowed_hosts="graphsvc.example,x.test:8443"))
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            assert http.get("/health", headers={"Host": "graphsvc.example"}).status_code == 200
            assert http.get("/health", headers={"Host": "x.test:8443"}).status_code == 200
            _error(http.get("/health", headers={"Host": "x.test:9999"}), 400, "bad_request")
            # TLS ended at the proxy: the page's origin is https, the Host has no port
            cross = http.post(
                "/session",
                json={"key": "gsk_000000000000_" + "x" * 43},
                headers={"Host": "graphsvc.example", "Origin": "https://graphsvc.example"},
            )
            _error(cross, 401, "unauthorized")  # past the origin check
    finally:
        server.stop()


def test_header_keys_need_no_origin_but_cookies_do(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    """curl with a key writes without Origin; a cookie session must say where it is from,
    and send its CSRF token."""
    base = str(client.base_url)
    body = {
        "id": "ny",
        "name": "Ny",
        "kind": "association",
        "sector": "civil_society",
        "scale": "local",
    }
    assert client.post("/actors", json=body, headers=keys.headers("editor")).status_code == 201
    # a key in the header from another origin: refused as well (only this site writes)
    _error(
        client.patch(
            "/actors/ny",
            json={"tags": ["x"]},
            headers={**keys.headers("editor"), "Origin": "https://evil.example"},
        ),
        403,
        "forbidden",
    )
    session, csrf = sign_in(base, keys.editor)
    other_port = f"http://127.0.0.1:{free_port()}"
    with httpx.Client(base_url=base, timeout=60, cookies={"graphsvc_session": session}) as tab:
        patch = {"tags": ["fra-browseren"]}
        # a page on another port of the same host: SameSite lets the cookie through
        _error(
            tab.patch("/actors/ny", json=patch, headers={"Origin": other_port}), 403, "forbidden"
        )
        _error(
            tab.patch(
                "/actors/ny", json=patch, headers={"Origin": other_port, "X-CSRF-Token": csrf}
            ),
            403,
            "forbidden",
        )
        # no Origin with a cookie: refused
        _error(
            tab.patch("/actors/ny", json=patch, headers={"X-CSRF-Token": csrf}), 403, "forbidden"
        )
        # the own origin without the CSRF token, or with a wrong one
        _error(tab.patch("/actors/ny", json=patch, headers={"Origin": base}), 403, "forbidden")
        wrong = {"Origin": base, "X-CSRF-Token": "0" * 64}
        _error(tab.patch("/actors/ny", json=patch, headers=wrong), 403, "forbidden")
        assert client.get("/actors/ny", headers=keys.headers("editor")).json()["tags"] in (None, [])
        # the page: own origin and its token
        right = {"Origin": base, "X-CSRF-Token": csrf}
        done = tab.patch("/actors/ny", json=patch, headers=right)
        assert done.status_code == 200, done.text
        assert done.json()["tags"] == ["fra-browseren"]
        # GET /session hands the page the same token; reads need none
        who = tab.get("/session").json()
        assert who["role"] == "editor" and who["csrf_token"] == csrf
        assert tab.get("/actors/ny").status_code == 200


# ---------------------------------------------------------------- sessions and keys


def test_the_cookie_is_a_server_side_session(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    base = str(client.base_url)
    same_site = {"Origin": base}
    signed = client.post("/session", json={"key": keys.viewer}, headers=same_site)
    assert signed.status_code == 200 and signed.json()["role"] == "viewer"
    session = signed.cookies["graphsvc_session"]
    assert session.startswith("gss_") and keys.viewer not in signed.headers["set-cookie"]
    # stored only as its SHA-256, pointing at the key
    stored = core.store.run("keys/get_session", hash=hashlib.sha256(session.encode()).hexdigest())
    assert len(stored) == 1 and stored[0]["id"] == keys.viewer.split("_")[1]
    client.cookies.clear()
    # the raw key is no cookie
    with httpx.Client(base_url=base, cookies={"graphsvc_session": keys.viewer}) as raw:
        _error(raw.get("/actors"), 401, "unauthorized")
    with httpx.Client(base_url=base, cookies={"graphsvc_session": session}) as tab:
        assert tab.get("/actors").status_code == 200
        assert tab.delete("/session", headers=same_site).status_code == 200
    # signed out: the old cookie is dead even if a browser kept it
    with httpx.Client(base_url=base, cookies={"graphsvc_session": session}) as kept:
        _error(kept.get("/actors"), 401, "unauthorized")
        assert kept.get("/session").json()["role"] is None
    # revoking the key ends its sessions
    info, key = create_key(core.store, "editor", "to revoke")
    session, _csrf = sign_in(base, key)
    with httpx.Client(base_url=base, cookies={"graphsvc_session": session}) as tab:
        assert tab.get("/actors").status_code == 200
        revoked = client.delete(f"/keys/{info.id}", headers=keys.headers("admin"))
        assert revoked.status_code == 200
        _error(tab.get("/actors"), 401, "unauthorized")
    assert (
        core.store.run("keys/get_session", hash=hashlib.sha256(session.encode()).hexdigest()) == []
    )


def test_keys_expire(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    admin = keys.headers("admin")
    past = client.post("/keys", json={"role": "viewer", "expires": "2020-01-01"}, headers=admin)
    _error(past, 422, "validation_error")
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=3)).isoformat()
    made = client.post("/keys", json={"role": "viewer", "expires": soon}, headers=admin)
    assert made.status_code == 201, made.text
    assert made.json()["expires"] == soon[:19] + "+00:00" and made.json()["expired"] is False
    bearer = {"Authorization": f"Bearer {made.json()['key']}"}
    assert client.get("/actors", headers=bearer).status_code == 200
    session, _csrf = sign_in(str(client.base_url), made.json()["key"])
    time.sleep(3.2)
    _error(client.get("/actors", headers=bearer), 401, "unauthorized")  # cached, yet refused
    with httpx.Client(base_url=str(client.base_url), cookies={"graphsvc_session": session}) as tab:
        _error(tab.get("/actors"), 401, "unauthorized")
    listed = {k["id"]: k for k in client.get("/keys", headers=admin).json()}
    assert listed[made.json()["id"]]["expired"] is True
    later = client.post("/keys", json={"role": "viewer", "expires": "2999-01-01"}, headers=admin)
    assert later.json()["expires"] == "2999-01-01T00:00:00+00:00"


def test_keys_create_expires_on_the_cli(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    runner = CliRunner()
    made = runner.invoke(
        cli_app,
        ["keys", "create", "--role", "viewer", "--name", "dated", "--expires", "2027-01-01"],
    )
    assert made.exit_code == 0, made.output
    key = made.stdout.strip().splitlines()[-1]
    stored = next(k for k in list_keys(core.store) if k.id == key.split("_")[1])
    assert stored.expires == "2027-01-01T00:00:00+00:00"
    assert client.get("/actors", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    listed = runner.invoke(cli_app, ["keys", "list"])
    assert "2027-01-01" in listed.stdout
    for bad in ("2020-01-01", "next year"):
        refused = runner.invoke(cli_app, ["keys", "create", "--role", "viewer", "--expires", bad])
        assert refused.exit_code != 0 and "expires" in refused.output


# ---------------------------------------------------------------- failed key checks


def test_failed_key_checks_are_limited(settings: Settings, core: Graphsvc, keys: Keys) -> None:
    """The default: 10 failures a minute per address, then 429 with Retry-After, even for a
    good key (it would tell a guesser that a guess was right); a key already verified and
    cached keeps working."""
    server = ServerThread(create_app(settings)).start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            assert http.get("/actors", headers=keys.headers("editor")).status_code == 200
            bad = {"Authorization": "Bearer gsk_000000000000_" + "x" * 43}
            for _ in range(7):
                _error(http.get("/actors", headers=bad), 401, "unauthorized")
            for _ in range(3):  # sign-in attempts count too
                signed = http.post("/session", json={"key": "nope"}, headers={"Origin": server.url})
                _error(signed, 401, "unauthorized")
            limited = http.get("/actors", headers=bad)
            _error(limited, 429, "too_many_requests")
            assert 50 <= int(limited.headers["retry-after"]) <= 60
            _error(http.get("/actors", headers=keys.headers("viewer")), 429, "too_many_requests")
            _error(
                http.post("/session", json={"key": keys.viewer}, headers={"Origin": server.url}),
                429,
                "too_many_requests",
            )
            # a missing key is no guess
            _error(http.get("/actors"), 401, "unauthorized")
            time.sleep(2.1)  # the editor's key left the 2 s cache: looked up, so limited too
            _error(http.get("/actors", headers=keys.headers("editor")), 429, "too_many_requests")
    finally:
        server.stop()


def test_failed_key_window_passes(settings: Settings, core: Graphsvc, keys: Keys) -> None:
    server = ServerThread(create_app(settings, failed_key_limit=2, failed_key_window=1.5)).start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            bad = {"Authorization": "Bearer gsk_000000000000_" + "x" * 43}
            for status in (401, 401, 429):
                assert http.get("/actors", headers=bad).status_code == status
            time.sleep(1.6)
            assert http.get("/actors", headers=keys.headers("viewer")).status_code == 200
    finally:
        server.stop()


# ---------------------------------------------------------------- event streams


def _listen(url: str, path: str, events: list[str], **kwargs: object) -> threading.Thread:
    def run() -> None:
        with (
            httpx.Client(base_url=url, timeout=30, **kwargs) as own,  # type: ignore[arg-type]
            own.stream("GET", path) as stream,
        ):
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    events.append(line[7:])
        events.append("(closed)")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_revoked_keys_event_stream_closes(
    client: httpx.Client, keys: Keys, core: Graphsvc
) -> None:
    admin = keys.headers("admin")
    made = client.post("/workshops", json={"name": "Strøm"}, headers=keys.headers("editor"))
    assert made.status_code == 201, made.text
    path = f"/workshops/{made.json()['id']}/events"
    base = str(client.base_url)
    info, key = create_key(core.store, "viewer", "stream")
    by_header: list[str] = []
    header_thread = _listen(base, path, by_header, headers={"Authorization": f"Bearer {key}"})
    session, _csrf = sign_in(base, keys.viewer)
    by_cookie: list[str] = []
    cookie_thread = _listen(base, path, by_cookie, cookies={"graphsvc_session": session})
    deadline = time.monotonic() + 10
    while (not by_header or not by_cookie) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert by_header[:1] == ["change"] and by_cookie[:1] == ["change"]
    revoked_at = time.monotonic()
    assert client.delete(f"/keys/{info.id}", headers=admin).status_code == 200
    header_thread.join(10)
    assert by_header[-2:] == ["signed-out", "(closed)"]
    assert time.monotonic() - revoked_at < 5
    assert by_cookie == ["change"]  # the other key's stream goes on
    with httpx.Client(base_url=base, cookies={"graphsvc_session": session}) as tab:
        assert tab.delete("/session", headers={"Origin": base}).status_code == 200
    cookie_thread.join(10)
    assert by_cookie[-2:] == ["signed-out", "(closed)"]


# ---------------------------------------------------------------- headers


def _inline_script_hashes(page: str) -> set[str]:
    found = set()
    for attrs, text in re.findall(r"<script\b([^>]*)>(.*?)</script\s*>", page, re.S | re.I):
        if "src=" in attrs or "application/json" in attrs:
            continue
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        found.add(f"'sha256-{digest}'")
    return found


def test_security_headers_on_every_answer(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    viewer = keys.headers("viewer")
    answers = {
        "json": client.get("/actors", headers=viewer),
        "401": client.get("/actors"),
        "404": client.get("/no-such-route", headers=viewer),
        "403 origin": client.post("/actors", json={}, headers={**viewer, "Origin": "http://x.y"}),
        "csv": client.get("/exports/json", headers=viewer),
        "health": client.get("/health"),
    }
    pages = {
        "browser": client.get("/", headers=viewer),
        "map": client.get("/maps/network", headers=viewer),
        "login": client.get("/login"),
        "workshops": client.get("/workshop", headers=viewer),
        "docs": client.get("/docs"),
        "redoc": client.get("/redoc"),
    }
    for name, answer in {**answers, **pages}.items():
        headers = answer.headers
        assert headers["x-content-type-options"] == "nosniff", name
        assert headers["referrer-policy"] == "same-origin", name
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp, name
        assert "http:" not in csp and "https:" not in csp and "*" not in csp, name
        framable = name == "map"
        assert headers["x-frame-options"] == ("SAMEORIGIN" if framable else "DENY"), name
        assert ("frame-ancestors 'self'" if framable else "frame-ancestors 'none'") in csp, name
    for name, answer in answers.items():
        assert answer.headers["content-security-policy"].startswith("default-src 'none';"), name
        assert "script-src" not in answer.headers["content-security-policy"], name
    for name, page in pages.items():
        assert page.status_code == 200, name
        csp = dict(
            part.strip().split(" ", 1)
            for part in page.headers["content-security-policy"].split(";")
        )
        assert csp["connect-src"] == "'self'" and csp["base-uri"] == "'none'", name
        sources = set(csp["script-src"].split())
        # exactly the page's own inline scripts, by hash: no 'unsafe-inline', no 'unsafe-eval'
        assert sources == {"'self'"} | _inline_script_hashes(page.text), name
    assert len(_inline_script_hashes(pages["map"].text)) == 2  # vis-network and the map's


# ---------------------------------------------------------------- no 500 for valid requests


def test_valid_requests_never_answer_500(client: httpx.Client, keys: Keys, core: Graphsvc) -> None:
    """The report: a municipality with no actors gave 500 on bridging, unknown ids 500 on
    the maps. Empty filters answer 200 with empty tables, unknown ids 404."""
    viewer = keys.headers("viewer")
    for params in (
        {"municipality": "DK-101"},  # København: a real municipality, none of its actors here
        {"sector": "private"},
        {"kind": "hospital"},
        {"municipality": "DK-101", "as_of": "1900-01-01"},
    ):
        answer = client.get("/analyses/bridging", params=params, headers=viewer)
        assert answer.status_code == 200, (params, answer.text)
        tables = answer.json()["tables"]
        assert tables["actors"] == tables["bridges"] == tables["sole_brokers"] == [], params
        # The network's own E-I is the whole network's as of that day: a filter chooses
        # rows, never values (#12), so it matches the unfiltered answer.
        whole = client.get(
            "/analyses/bridging",
            params={k: v for k, v in params.items() if k == "as_of"},
            headers=viewer,
        ).json()["tables"]
        assert tables["ei_network"] == whole["ei_network"], params
    # long before the dated ties: the actors are there, with fewer ties
    early = client.get("/analyses/bridging", params={"as_of": "1900-01-01"}, headers=viewer)
    assert early.status_code == 200 and early.json()["tables"]["actors"]
    anchoring = client.get("/analyses/anchoring", params={"municipality": "DK-101"}, headers=viewer)
    assert anchoring.status_code == 200
    for lens in ("ego", "project", "municipality"):
        answer = client.get(f"/maps/{lens}", params={"id": "findes-ikke"}, headers=viewer)
        _error(answer, 404, "not_found")
        assert "findes-ikke" in answer.json()["message"]
    _error(client.get("/maps/whatif", params={"remove": "findes-ikke"}, headers=viewer), 404,
           "not_found")  # fmt: skip
    for path in (
        "/analyses/suggestions?project=findes-ikke",
        "/analyses/introductions?source=findes-ikke&target=trygfonden",
        "/workshops/findes-ikke/analysis",
    ):
        _error(client.get(path, headers=viewer), 404, "not_found")
    # the maps that can be drawn of an empty selection are drawn
    for path in ("/maps/network?as_of=1900-01-01", "/maps/brokers?as_of=1900-01-01"):
        assert client.get(path, headers=viewer).status_code == 200, path


def test_sessions_need_no_key_to_ask(client: httpx.Client, keys: Keys) -> None:
    """GET /session without a key tells the page it is not signed in (no 401 page flow)."""
    who = client.get("/session")
    assert who.status_code == 200
    assert who.json() == {
        "role": None, "key_id": None, "expires": None, "csrf_token": None, "demo": False
    }  # fmt: skip
    assert json.loads(client.get("/session", headers=keys.headers("viewer")).text)["role"] == (
        "viewer"
    )


def test_readme_names_the_security_settings() -> None:
    text = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    for word in (
        "GRAPHSVC_ALLOWED_HOSTS",
        "GRAPHSVC_FAILED_KEY_LIMIT",
        "GRAPHSVC_FAILED_KEY_WINDOW",
        "X-CSRF-Token",
        "Content-Security-Policy",
        "GET /session",
        "--expires",
    ):
        assert word in text, word
