"""The page scripts of ``visualisations/`` as one classic script, for pages that inline them.

The scripts are ES modules: the served pages load their entry module with
``<script type="module" src="/assets/…">`` and the browser follows the imports. A map is
also a file opened from disk, where Chromium loads no module (a ``file://`` page has no
origin to fetch one from), so maps inline their script. :func:`inline_script` makes that
script from the entry module and what it imports, with no build tool: each module becomes a
function that returns its exports, and each ``import { a, b as c } from "./x.js";`` a
destructuring of that function's result. Only that subset is understood (named imports
of relative ``.js`` files, ``export`` before a declaration); anything else raises
:class:`ValueError`, naming the file and line, rather than making a script that breaks in
the browser. A copy of an export does not follow a later reassignment, so ``export let``
and ``export var`` are refused too.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

__all__ = ["inline_script", "module_order"]

_IMPORT = re.compile(
    r"""^import\s*\{([^}]*)\}\s*from\s*["'](\.\.?/[^"']+\.js)["'];?[ \t]*$""", re.M | re.S
)
_ANY_IMPORT = re.compile(r"^import\b", re.M)
_EXPORT = re.compile(
    r"^export\s+(async\s+function\*?|function\*?|class|const)\s+([A-Za-z_$][\w$]*)", re.M
)
_ANY_EXPORT = re.compile(r"^export\b", re.M)


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _target(name: str, m: re.Match[str]) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(name), m.group(2)))


def _pairs(m: re.Match[str]) -> list[tuple[str, str]]:
    """``(exported, local)`` of each name an import takes."""
    pairs = []
    for item in (part.strip() for part in m.group(1).split(",")):
        if item:
            exported, _, local = item.partition(" as ")
            pairs.append((exported.strip(), (local or exported).strip()))
    return pairs


def _imports(name: str, text: str) -> list[str]:
    """The modules ``text`` (module ``name``) imports."""
    found = []
    matched = set()
    for m in _IMPORT.finditer(text):
        matched.add(m.start())
        found.append(_target(name, m))
    for m in _ANY_IMPORT.finditer(text):
        if m.start() not in matched:
            raise ValueError(
                f"{name}, line {_line(text, m.start())}: only `import {{ a, b }} from "
                '"./file.js";` can be inlined'
            )
    return found


def module_order(entry: str, read: Callable[[str], str]) -> list[str]:
    r"""The modules ``entry`` needs, each after those it imports (``entry`` last).

    Examples
    --------
    >>> files = {"a.js": "export const A = 1;\n", "b.js": 'import { A } from "./a.js";\n'}
    >>> module_order("b.js", files.__getitem__)
    ['a.js', 'b.js']
    """
    order: list[str] = []
    visiting: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:
            raise ValueError(f"{name}: the modules import each other ({' → '.join(visiting)})")
        visiting.append(name)
        for target in _imports(name, read(name)):
            visit(target)
        visiting.pop()
        order.append(name)

    visit(entry)
    return order


def _scope(name: str) -> str:
    return "__module_" + re.sub(r"\W", "_", name)


def inline_script(entry: str, read: Callable[[str], str]) -> str:
    r"""One classic script that runs module ``entry`` and the modules it imports.

    Parameters
    ----------
    entry : str
        The entry module's path, relative to the folder of the scripts (``"map.js"``).
    read : callable
        ``read(path)`` gives the text of the module at ``path`` (relative like ``entry``).

    Returns
    -------
    str
        The script: each imported module once, before the modules that import it.

    Raises
    ------
    ValueError
        An import or export outside the subset above, or modules that import each other;
        the message names the file and line.

    Examples
    --------
    >>> files = {
    ...     "a.js": 'export function hej(x) {\n  return "hej " + x;\n}\n',
    ...     "main.js": 'import { hej as greet } from "./a.js";\nconsole.log(greet("Aarhus"));\n',
    ... }
    >>> print(inline_script("main.js", files.__getitem__))  # doctest: +NORMALIZE_WHITESPACE
    (function () {
    "use strict";
    // a.js
    const __module_a_js = (function () {
    function hej(x) {
      return "hej " + x;
    }
    return { hej };
    })();
    // main.js
    (function () {
    const { hej: greet } = __module_a_js;
    console.log(greet("Aarhus"));
    })();
    })();
    """
    parts = ['(function () {\n"use strict";\n']
    order = module_order(entry, read)
    for name in order:
        text = read(name)
        for m in _ANY_EXPORT.finditer(text):
            if not _EXPORT.match(text, m.start()):
                raise ValueError(
                    f"{name}, line {_line(text, m.start())}: only `export` before a function, "
                    "class or const can be inlined"
                )
        names = [m.group(2) for m in _EXPORT.finditer(text)]
        body = _EXPORT.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)

        def destructure(m: re.Match[str], name: str = name) -> str:
            fields = ", ".join(a if a == b else f"{a}: {b}" for a, b in _pairs(m))
            return f"const {{ {fields} }} = {_scope(_target(name, m))};"

        body = _IMPORT.sub(destructure, body)
        if name == entry:
            parts.append(f"// {name}\n(function () {{\n{body}\n}})();\n")
        else:
            exports = ", ".join(names)
            parts.append(
                f"// {name}\nconst {_scope(name)} = (function () {{\n{body}\n"
                f"return {{ {exports} }};\n}})();\n"
            )
    parts.append("})();\n")
    return "".join(parts)
