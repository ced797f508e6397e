"""The page scripts as ES modules, and the one classic script a map inlines from them.

The inlined script is run by Node (which the test suite has anyway for its npm tools): it
must give what the modules give when a browser loads them (checked by the map browser
tests in Chromium, from ``file://``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graphsvc.maps.scripts import inline_script, module_order

ROOT = Path(__file__).resolve().parents[2]
VISUALISATIONS = ROOT / "visualisations"


def run_node(script: str) -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (scripts/test.sh installs the npm tools with it)")
    done = subprocess.run(
        [node, "-e", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_imports_become_scopes_with_renames_and_nested_folders() -> None:
    files = {
        "common.js": 'export function greet(x) {\n  return "hej " + x;\n}\n'
        "export const TWO = 2;\nconst hidden = 1;\nexport class Box {}\n",
        "parts/shout.js": 'import { greet as g } from "../common.js";\n'
        "export function shout(x) {\n  return g(x).toUpperCase();\n}\n",
        # prettier puts long imports on several lines
        "entry.js": 'import {\n  TWO,\n  greet,\n} from "./common.js";\n'
        'import { shout } from "./parts/shout.js";\n'
        'console.log(greet("a"), shout("b"), TWO, typeof hidden);\n',
    }
    script = inline_script("entry.js", files.__getitem__)
    assert run_node(script).strip() == "hej a HEJ B 2 undefined"
    assert module_order("entry.js", files.__getitem__) == [
        "common.js",
        "parts/shout.js",
        "entry.js",
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("export let x = 1;\n", "x.js, line 1: only `export` before a function"),
        ('\nimport * as all from "./y.js";\n', "x.js, line 2: only `import { a, b }"),
        ('import { a } from "y.js";\n', "x.js, line 1: only `import { a, b }"),
        ("export { a };\n", "x.js, line 1: only `export` before"),
    ],
)
def test_what_cannot_be_inlined_is_refused_with_file_and_line(source: str, message: str) -> None:
    files = {"x.js": source, "y.js": "export const a = 1;\n"}
    with pytest.raises(ValueError, match=re.escape(message)):
        inline_script("x.js", files.__getitem__)


def test_modules_that_import_each_other_are_refused() -> None:
    files = {
        "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
        "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
    }
    with pytest.raises(ValueError, match="import each other"):
        inline_script("a.js", files.__getitem__)


def test_the_map_script_is_one_classic_script_with_the_shared_helpers() -> None:
    def read(name: str) -> str:
        return (VISUALISATIONS / name).read_text("utf-8")

    assert module_order("map.js", read) == ["common.js", "maptable.js", "map.js"]
    script = inline_script("map.js", read)
    assert not re.search(r"^\s*(import|export)\b", script, re.M)
    run_node(f"new Function({script!r});")  # parses as a classic script
