"""The baseline: load an N-Triples file with pyoxigraph, run one query, print the rows.

python bench/bare_pyoxigraph.py dist/parkgraph.nt query.rq
"""

import sys

import pyoxigraph as ox

store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
with open(sys.argv[2], encoding="utf-8") as fh:
    solutions = store.query(fh.read())
names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
print(",".join(names))
for row in solutions:  # type: ignore[union-attr]
    print(",".join("" if row[n] is None else str(row[n].value) for n in names))
