"""Where the files graphsvc reads beside its code are: ``queries/``, ``seed/``, ``visualisations/``.

They live at the top of the repository, where people look for them. A wheel carries them as
package data under ``graphsvc/_data/`` (``setup.py`` maps each folder there), so an installed
graphsvc finds them inside the package; a checkout (editable install, ``PYTHONPATH``) finds
them beside the package. Every lookup goes through :func:`resource_dir`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from graphsvc.errors import ConfigurationError

ResourceName = Literal["queries", "seed", "visualisations"]

#: Where a wheel puts the folders, inside the ``graphsvc`` package (``setup.py`` says so too).
PACKAGED = "_data"


@cache
def resource_dir(name: ResourceName) -> Path:
    """The folder ``name`` of an installed wheel or of the checkout graphsvc runs from.

    Parameters
    ----------
    name : {"queries", "seed", "visualisations"}
        The top-level folder of the repository.

    Returns
    -------
    pathlib.Path
        ``graphsvc/_data/<name>`` in an installed wheel, ``<checkout>/<name>`` otherwise.

    Raises
    ------
    ConfigurationError
        When neither exists (a broken install), or graphsvc is imported from a zip file.

    Examples
    --------
    >>> (resource_dir("queries") / "actors" / "get_actors.cypher").is_file()
    True
    """
    package = resources.files("graphsvc")
    if not isinstance(package, Path):
        raise ConfigurationError(
            f"graphsvc is imported from {package}, not from a folder: install it unzipped"
        )
    for folder in (package / PACKAGED / name, package.parent / name):
        if folder.is_dir():
            return folder
    raise ConfigurationError(
        f"graphsvc's {name}/ folder is missing: looked in {package / PACKAGED / name} "
        f"(an installed wheel) and {package.parent / name} (a checkout); reinstall graphsvc"
    )
