"""The build steps pyproject.toml cannot declare.

1. The project skeleton (ontology/ and queries/ of this repository) ships as package data.
   `parkgraph init` copies them into a new project, so `pip install parkgraph` alone is
   enough. This repository's ontology/ and queries/ stay the one source: they are copied into
   the built package (parkgraph/curate/skeleton/) when it is built, never committed twice. An
   editable install reads them from the checkout instead (parkgraph.curate.init.skeleton_root).
2. The extractor's text-processing modules are compiled to C by mypyc, mypy's compiler: the
   same typed source, some 15 % faster end to end (bench/extract/SPEED.md). Beside them goes
   parkgraph/extract/compiled-sources.json, the SHA-256 of each source compiled: where a source
   differs (an edited editable install), parkgraph.extract.compiled runs every module from its
   source until `make` (or `pip install -e .`) compiles them again. PARKGRAPH_PURE=1 installs
   plain Python; so does a machine where mypyc or the C compiler fails, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py
from setuptools.errors import CCompilerError, CompileError, ExecError, PlatformError

HERE = Path(__file__).resolve().parent
EXTRACT = HERE / "src" / "parkgraph" / "extract"
MANIFEST = "compiled-sources.json"  # as parkgraph.extract.compiled reads it
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
    """Compiles, then writes the manifest of the sources compiled; without a working C compiler
    parkgraph still installs, as plain Python (slower), and no compiled module is left behind."""

    def run(self) -> None:
        try:
            super().run()
        except (CCompilerError, CompileError, ExecError, PlatformError) as error:
            self._remove_compiled()  # the compiled modules run all together or not at all
            _warn(f"the extractor could not be compiled ({str(error)[:160]})")
            return
        if self.extensions:
            folder = Path(self.get_ext_fullpath("parkgraph.extract.codes")).parent
            manifest = {name: hashlib.sha256((EXTRACT / f"{name}.py").read_bytes()).hexdigest()
                        for name in COMPILED}
            (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                           encoding="utf-8")

    def _remove_compiled(self) -> None:
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        for root in (HERE / "src", Path(self.build_lib)):  # in place (editable) and for a wheel
            for ext in self.extensions:
                root.joinpath(*ext.name.split(".")).with_name(ext.name.rpartition(".")[2] + suffix) \
                    .unlink(missing_ok=True)
            root.joinpath("parkgraph", "extract", MANIFEST).unlink(missing_ok=True)


def _warn(what: str) -> None:
    print(f"WARNING: {what}: parkgraph is installed with its extractor as plain Python, which works "
          "the same, slower", file=sys.stderr)


def compiled_modules() -> list[Any]:
    if os.environ.get("PARKGRAPH_PURE", "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify

        return mypycify([f"src/parkgraph/extract/{name}.py" for name in COMPILED],
                        group_name="parkgraph_extract")
    except (Exception, SystemExit) as error:  # mypyc missing, or its type check failed
        _warn(f"mypyc could not compile the extractor ({str(error)[:160] or type(error).__name__})")
        return []


setup(cmdclass={"build_py": BuildPyWithSkeleton, "build_ext": BuildExtOrPure},
      ext_modules=compiled_modules())
