"""The package list, computed: pyproject.toml holds the rest of the build configuration.

``queries/``, ``seed/`` and ``visualisations/`` stay at the top of the repository but ship
inside the wheel as package data under ``graphsvc/_data/`` (``graphsvc.resources`` finds
them in either place). setuptools cannot map folders into a package and also search for
packages from pyproject.toml alone, so both are done here.
"""

from setuptools import find_namespace_packages, setup

# Each top-level folder and the files of it a wheel carries.
DATA = {
    "queries": ["**/*.cypher"],
    "seed": ["*.csv", "README.md"],
    "visualisations": ["**/*"],
}

setup(
    packages=[
        *find_namespace_packages(include=["graphsvc", "graphsvc.*"]),
        *(f"graphsvc._data.{folder}" for folder in DATA),
    ],
    package_dir={f"graphsvc._data.{folder}": folder for folder in DATA},
    package_data={
        "graphsvc.reference": ["*.csv"],
        "graphsvc.reports": ["*.j2", "*.css"],
        **{f"graphsvc._data.{folder}": files for folder, files in DATA.items()},
    },
)
