"""Curation: linking candidates to known entities, the review queue and its journal, `init`
and `add` (see DESIGN.md, "Ingestion"). Nothing here writes into a project's data/ unreviewed."""
