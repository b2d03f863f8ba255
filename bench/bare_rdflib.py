"""The same job on rdflib: parse the N-Triples file, run the query, print the rows.

python bench/bare_rdflib.py dist/parkgraph.nt query.rq
"""

import sys

import rdflib

graph = rdflib.Graph()
graph.parse(sys.argv[1], format="nt")
with open(sys.argv[2], encoding="utf-8") as fh:
    result = graph.query(fh.read())
names = [str(v) for v in result.vars or []]
print(",".join(names))
for row in result:
    print(",".join("" if v is None else str(v) for v in row))  # type: ignore[union-attr]
