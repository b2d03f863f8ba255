"""A fixed layout for graphs too big to lay out in the browser.

vis-network's physics needs seconds for a few thousand nodes, and networkx's force layouts
need numpy/scipy (not parkgraph dependencies) and are quadratic in the number of nodes.
So a large graph is laid out as a map of its communities instead: networkx finds them
(Louvain, fixed seed), each community becomes a disc with its best-connected node in the
middle and the others on a sunflower spiral in breadth-first order (neighbours end up near
each other), and the discs are packed around the largest one. It takes well under a second
for 5,000 nodes, and the same graph always gives the same picture.
"""

from __future__ import annotations

import math

import networkx as nx

SPACING = 42.0  # distance between neighbouring nodes on a spiral, in vis-network units
GAP = 60.0  # space between communities
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SEED = 7


def community_layout(node_ids: list[int], edges: list[tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Positions for `node_ids` (x, y, rounded to 0.1), deterministic for the same input."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(node_ids))
    graph.add_edges_from((a, b) for a, b in edges if a != b)
    communities = [sorted(c) for c in nx.community.louvain_communities(graph, seed=SEED)]
    communities.sort(key=lambda c: (-len(c), c[0]))

    discs: list[tuple[float, float, float]] = []  # placed (x, y, radius)
    positions: dict[int, tuple[float, float]] = {}
    step = 0
    for members in communities:
        order = spiral_order(graph, members)
        radius = SPACING * math.sqrt(len(order)) + GAP / 2
        # Discs come largest first; a later (smaller) one starts its search a little before
        # where the previous one landed, which keeps the packing tight and the search short.
        cx, cy, step = place_disc(discs, radius, max(0, step - 64))
        discs.append((cx, cy, radius))
        for i, node in enumerate(order):
            r = SPACING * math.sqrt(i)
            angle = i * GOLDEN_ANGLE
            positions[node] = (round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))
    return positions


def spiral_order(graph: nx.Graph, members: list[int]) -> list[int]:
    """Breadth-first from the best-connected member, neighbours in order of degree."""
    inside = set(members)
    start = min(members, key=lambda n: (-graph.degree(n), n))
    order = [start]
    seen = {start}
    i = 0
    while len(order) < len(members):
        if i == len(order):  # a community need not be connected: restart from what's left
            rest = min((n for n in members if n not in seen), key=lambda n: (-graph.degree(n), n))
            order.append(rest)
            seen.add(rest)
        for nb in sorted(graph.neighbors(order[i]), key=lambda n: (-graph.degree(n), n)):
            if nb in inside and nb not in seen:
                seen.add(nb)
                order.append(nb)
        i += 1
    return order


def place_disc(discs: list[tuple[float, float, float]], radius: float, step: int) -> tuple[float, float, int]:
    """The first point on an outward spiral, from `step` on, where a disc of `radius` overlaps
    no placed disc; and the step it was found at."""
    if not discs:
        return (0.0, 0.0, 0)
    while True:
        r = 8.0 * math.sqrt(step) * SPACING / 4
        angle = step * GOLDEN_ANGLE
        x, y = r * math.cos(angle), r * math.sin(angle)
        if all(math.hypot(x - dx, y - dy) >= radius + dr + GAP for dx, dy, dr in reversed(discs)):
            return (round(x, 1), round(y, 1), step)
        step += 1
