"""Words and alignment: the one tokeniser and the one sequence aligner of jsitext.

Below both the diff and the renderers: the diff's classification and text redline,
and the Word redline's layout, all split text into words here and compare with
:func:`opcodes` and :func:`align`, so that every report agrees on what a word is.

A *word* is a run of letters and digits (``Party's`` is one) or a single
punctuation mark; a *token* is a word with the white space after it, so that the
tokens of a text joined give the text back.

Aligning two sequences (paragraphs, items, alternatives, options) by content:
identical elements are matched first (difflib's matching blocks, robust to
insertions and deletions); between them, elements are paired by word similarity
with an order-keeping dynamic programme, so an edited paragraph still meets its
old self while a new one inserted beside it stays new.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

#: Two elements below this word similarity are a removal and an addition, not an edit.
THRESHOLD = 0.5
#: Past this many candidate pairs in one region, pair only what is identical (cost bound).
_MAX_CELLS = 40_000

Pair = tuple[int | None, int | None]

#: What a comparison made of each stretch: kept, deleted, inserted.
EQUAL, DELETED, INSERTED = "=", "-", "+"

#: A word, an atom or a punctuation mark. Atoms, words joined by dots (article and paragraph
#: numbers "B.2.3", codes, "1.5"), change as whole tokens: "~~C.3.1~~ B.2.3", never "~~C~~B.2.3~~.1~~".
_WORD = r"\w+(?:[.'’]\w+)*|[^\w\s]"
_WORDS = re.compile(_WORD)
#: A word with the white space after it, or white space alone (at the start of a text).
_TOKENS = re.compile(rf"(?:{_WORD})\s*|\s+")


def words(text: str) -> list[str]:
    """The words and punctuation marks of TEXT, white space dropped."""
    return _WORDS.findall(text)


def tokens(text: str) -> list[str]:
    """TEXT as the units a redline compares: words and punctuation marks, each with the white space after it."""
    return _TOKENS.findall(text)


def fields(text: str) -> list[str]:
    """TEXT split at white space: how whole lines are likened (:func:`similarity`)."""
    return text.split()


def opcodes(old: Sequence[str], new: Sequence[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib's opcodes ('equal', 'replace', 'delete', 'insert') of two token lists, white space aside.

    The one word-level comparison: the text redline and the Word redline both go through it.
    """
    return SequenceMatcher(None, [t.strip() for t in old], [t.strip() for t in new], autojunk=False).get_opcodes()


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
    old_words = [fields(old[i]) for i in rows]
    new_words = [fields(new[j]) for j in cols]
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
