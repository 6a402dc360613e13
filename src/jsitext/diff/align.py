"""Aligning two sequences (paragraphs, items, alternatives, options) by content.

Identical elements are matched first (difflib's matching blocks, robust to
insertions and deletions); between them, elements are paired by word similarity
with an order-keeping dynamic programme, so an edited paragraph still meets its
old self while a new one inserted beside it stays new.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

#: Two elements below this word similarity are a removal and an addition, not an edit.
THRESHOLD = 0.5
#: Past this many candidate pairs in one region, pair only what is identical (cost bound).
_MAX_CELLS = 40_000

Pair = tuple[int | None, int | None]


def words(text: str) -> list[str]:
    return text.split()


def similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """Word similarity of two word lists, 0 to 1 (1 when both are empty)."""
    if not old and not new:
        return 1.0
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
        return matcher.quick_ratio()
    return matcher.ratio()


def align(old: Sequence[str], new: Sequence[str], threshold: float = THRESHOLD) -> list[Pair]:
    """Pairs (i, j) of indexes in order; (i, None) was removed, (None, j) added."""
    pairs: list[Pair] = []
    i = j = 0
    for block in SequenceMatcher(None, list(old), list(new), autojunk=False).get_matching_blocks():
        pairs.extend(_pair_region(old, new, range(i, block.a), range(j, block.b), threshold))
        pairs.extend((block.a + k, block.b + k) for k in range(block.size))
        i, j = block.a + block.size, block.b + block.size
    return pairs


def _pair_region(old: Sequence[str], new: Sequence[str], rows: range, cols: range, threshold: float) -> list[Pair]:
    """Pair the elements of a region that no identical element anchors."""
    if not rows or not cols or len(rows) * len(cols) > _MAX_CELLS:
        return [(i, None) for i in rows] + [(None, j) for j in cols]
    old_words = [words(old[i]) for i in rows]
    new_words = [words(new[j]) for j in cols]
    sims = [[similarity(a, b) for b in new_words] for a in old_words]
    return _backtrack(_best(sims, threshold), sims, threshold, rows, cols)


def _best(sims: list[list[float]], threshold: float) -> list[list[float]]:
    """score[i][j]: the best total similarity pairing the first i old with the first j new."""
    n, m = len(sims), len(sims[0])
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            take = score[a - 1][b - 1] + sims[a - 1][b - 1] if sims[a - 1][b - 1] >= threshold else -1.0
            score[a][b] = max(score[a - 1][b], score[a][b - 1], take)
    return score


def _backtrack(score: list[list[float]], sims: list[list[float]], threshold: float, rows: range, cols: range) -> list[Pair]:
    out: list[Pair] = []
    a, b = len(rows), len(cols)
    while a and b:
        sim = sims[a - 1][b - 1]
        if sim >= threshold and score[a][b] == score[a - 1][b - 1] + sim:
            out.append((rows[a - 1], cols[b - 1]))
            a, b = a - 1, b - 1
        elif score[a][b] == score[a][b - 1]:
            out.append((None, cols[b - 1]))  # read backwards: additions come after removals
            b -= 1
        else:
            out.append((rows[a - 1], None))
            a -= 1
    out.extend((None, cols[k]) for k in reversed(range(b)))
    out.extend((rows[k], None) for k in reversed(range(a)))
    return list(reversed(out))
