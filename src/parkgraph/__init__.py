"""parkgraph: a knowledge graph of Chinese industrial parks, with the source of every fact."""

__version__ = "0.1.0"
