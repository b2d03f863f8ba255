"""Ships the project skeleton (ontology/ and queries/ of this repository) as package data.

`parkgraph init` copies them into a new project, so `pip install parkgraph` alone is enough.
This repository's ontology/ and queries/ stay the one source: they are copied into the built
package (parkgraph/curate/skeleton/) when it is built, never committed twice. An editable
install reads them from the checkout instead (parkgraph.curate.init.skeleton_root).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SKELETON = ("ontology", "queries")


class BuildPyWithSkeleton(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "parkgraph" / "curate" / "skeleton"
        for name in SKELETON:
            if target.joinpath(name).exists():
                shutil.rmtree(target / name)
            shutil.copytree(HERE / name, target / name,
                            ignore=shutil.ignore_patterns("*~", ".*", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithSkeleton})
