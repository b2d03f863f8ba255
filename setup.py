"""The build steps pyproject.toml cannot declare.

1. The project skeleton (ontology/ and queries/ of this repository) ships as package data.
   `parkgraph init` copies them into a new project, so `pip install parkgraph` alone is
   enough. This repository's ontology/ and queries/ stay the one source: they are copied into
   the built package (parkgraph/curate/skeleton/) when it is built, never committed twice. An
   editable install reads them from the checkout instead (parkgraph.curate.init.skeleton_root).
2. The extractor's text-processing modules are compiled to C by mypyc, mypy's compiler: the
   same typed source, some 15 % faster end to end (bench/extract/SPEED.md). An editable install
   puts the compiled modules beside their sources, so a changed source needs `make` (or
   `pip install -e .`) again; tests/conftest.py stops a run on stale ones. PARKGRAPH_PURE=1
   installs plain Python instead.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py
from setuptools.errors import CCompilerError, CompileError, ExecError, PlatformError

HERE = Path(__file__).resolve().parent
SKELETON = ("ontology", "queries")
# Every module an extracted article passes through; reading (I/O, charset detection,
# trafilatura) and batch (processes, files) spend their time outside Python code.
COMPILED = ("codes", "facts", "ids", "industries", "lexicon", "mentions", "model", "numbers",
            "observations", "periods", "registry", "text", "titles", "tokens", "vocabulary",
            "writing")


class BuildPyWithSkeleton(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "parkgraph" / "curate" / "skeleton"
        for name in SKELETON:
            if target.joinpath(name).exists():
                shutil.rmtree(target / name)
            shutil.copytree(HERE / name, target / name,
                            ignore=shutil.ignore_patterns("*~", ".*", "__pycache__"))


class BuildExtOrPure(build_ext):
    """Without a working C compiler parkgraph still installs, as plain Python (slower)."""

    def run(self) -> None:
        try:
            super().run()
        except (CCompilerError, CompileError, ExecError, PlatformError) as error:
            for output in self.get_outputs():  # the compiled modules run all together or not at all
                Path(output).unlink(missing_ok=True)
            print(f"WARNING: the extractor could not be compiled ({error}): it is installed as plain "
                  "Python, which works the same, slower", file=sys.stderr)


def compiled_modules() -> list[Any]:
    if os.environ.get("PARKGRAPH_PURE", "") not in ("", "0"):
        return []
    from mypyc.build import mypycify

    return mypycify([f"src/parkgraph/extract/{name}.py" for name in COMPILED],
                    group_name="parkgraph_extract")


setup(cmdclass={"build_py": BuildPyWithSkeleton, "build_ext": BuildExtOrPure},
      ext_modules=compiled_modules())
