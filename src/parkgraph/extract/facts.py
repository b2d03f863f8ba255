"""Candidate facts from a document's text: the stages run in order."""

from __future__ import annotations

from parkgraph.extract.codes import find_codes
from parkgraph.extract.industries import find_industries
from parkgraph.extract.mentions import recognise_names
from parkgraph.extract.model import Document, Extraction
from parkgraph.extract.observations import find_observations
from parkgraph.extract.registry import Registry
from parkgraph.extract.text import Text
from parkgraph.extract.titles import find_titles
from parkgraph.extract.tokens import Tokens
from parkgraph.extract.vocabulary import propose_concepts


def _is_agency(key: str) -> bool:
    """Government bodies and media hold no titles: they award and report them."""
    return key.endswith(_AGENCY_ENDINGS)


_AGENCY_ENDINGS = ("局", "委", "委员会", "政府", "管委会", "部", "厅", "日报", "网", "报", "社", "中心")


def extract_facts(document: Document) -> Extraction:
    text = Text(document.text, document.body_start)
    tokens = Tokens(text.norm)
    reg = Registry()
    names = recognise_names(text, tokens, reg)
    excluded = [(p.start, p.end) for p in names.parks if p.key]
    codes = find_codes(text, names, reg, excluded)
    subjects: list[tuple[int, int, str]] = []
    measured: list[tuple[int, int, str]] = []
    relations = find_industries(text, tokens, names, reg, subjects, measured)
    parks_and_companies = sorted([(p.start, p.end, p.key) for p in names.parks if p.key]
                                 + [o for o in names.orgs
                                    if reg.by_key[o[2]].rule != "org-known" and not _is_agency(o[2])])
    relations += find_titles(text, names, reg, sorted(parks_and_companies + subjects))
    observations, periods = find_observations(text, names, reg, document.published,
                                              sorted(set(parks_and_companies + measured + subjects
                                                         + names.projects)),
                                              excluded)
    propose_concepts(observations)
    return Extraction(document=document, entities=list(reg.by_key.values()), codes=codes,
                      relations=relations, observations=observations, periods=periods)
