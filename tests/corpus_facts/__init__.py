"""The fact-by-fact walks of the curated corpus articles, one module per article.

Each module names its article (`ARTICLE`, the corpus id such as "a1"; `FILE`, the file in
../shared/corpus/dev/articles/) and lists `FACTS` (tests/factwalk.py's Fact), written from the
article's text and the ontology contract only, sentence by sentence.
"""
