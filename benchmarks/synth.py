"""A deterministic synthetic negotiating text of N articles, in the real format.

Usage: python benchmarks/synth.py N OUT_DIR [--edit-percent P --seed S]

Writes OUT_DIR/text.yaml and one file per article below OUT_DIR (sections of 10
subsections of up to 10 articles), with paragraphs, items, nested brackets,
options with proponents, alternatives, proposed paragraphs, footnotes, notes and
references.  :func:`edit_text` rewrites a given share of the articles the way a
revision does (a bracket resolved, a proponent joins, a paragraph added, ...).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

MEMBERS = ["US", "JP", "CN", "EU", "SG", "AU", "CA", "CH", "KR", "BR", "IN", "NO", "GB", "MX", "ID", "NZ", "TPKM", "HK", "CL", "CO"]
WORDS = (
    "measures electronic transactions parties territory commerce digital trade information consumers "
    "authentication signatures framework cooperation regulatory appropriate legitimate policy objective "
    "services suppliers domestic international standards transparency access data protection"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _codes(rng: random.Random, most: int = 3) -> str:
    return ", ".join(sorted(rng.sample(MEMBERS, rng.randint(1, most))))


def _markup(rng: random.Random, ids: list[str]) -> str:
    """A provision with brackets, options, nesting and sometimes a reference."""
    parts = [f"Each Party shall {_sentence(rng, 8)}"]
    roll = rng.random()
    if roll < 0.35:
        parts.append(f" [{_sentence(rng, 5)}]{{{_codes(rng)}}}")
    elif roll < 0.6:
        parts.append(f" [shall{{{_codes(rng)}}} | may{{{_codes(rng)}}}] {_sentence(rng, 4)}")
    elif roll < 0.75:
        parts.append(f" [{_sentence(rng, 3)} [{_sentence(rng, 2)}]{{{_codes(rng, 1)}}} {_sentence(rng, 2)}]{{{_codes(rng)}}}")
    if rng.random() < 0.2 and ids:
        parts.append(f", as provided in @{rng.choice(ids)}")
    parts.append(f" {_sentence(rng, 10)}.")
    return "".join(parts)


def _block(key: str, text: str, indent: int) -> str:
    pad = " " * indent
    inner = " " * (indent + (4 if key.startswith("- ") else 2))
    return f"{pad}{key}: >-\n{inner}{text}\n"


def article_yaml(rng: random.Random, article_id: str, ids: list[str]) -> str:
    status = rng.choices(["open", "parked", "clean", "withdrawn"], [70, 15, 10, 5])[0]
    lines = [f"id: {article_id}\n", f"title: {_sentence(rng, 3).capitalize()}\n", f"status: {status}\n"]
    if rng.random() < 0.3:
        lines.append(_block("note", f"Facilitator's note: {_sentence(rng, 12)}.", 0))
    lines.append("paragraphs:\n")
    for _ in range(rng.randint(2, 6)):
        lines.append(_paragraph(rng, ids, clean=status == "clean"))
    return "".join(lines)


def _paragraph(rng: random.Random, ids: list[str], *, clean: bool) -> str:
    if clean:
        return _block("- text", f"Each Party shall {_sentence(rng, 20)}.", 2)
    roll = rng.random()
    if roll < 0.12:
        alts = "".join(f"      - proponents: [{_codes(rng)}]\n" + _block("text", _markup(rng, ids), 8) for _ in range(rng.randint(2, 3)))
        return "  - alternatives:\n" + alts
    out = f"  - proponents: [{_codes(rng)}]\n" + _block("text", _markup(rng, ids), 4) if roll < 0.25 else _block("- text", _markup(rng, ids), 2)
    if rng.random() < 0.3:
        out += "    items:\n" + "".join(_block("- text", _markup(rng, ids), 6) for _ in range(rng.randint(2, 4)))
    if rng.random() < 0.1:
        out += _block("footnote", f"For greater certainty, {_sentence(rng, 10)}.", 4)
    return out


def write_text(n: int, out: Path, seed: int = 1) -> list[Path]:
    """Write a text of N articles into OUT; return the article files."""
    rng = random.Random(seed)
    ids = [f"article-{i:05d}" for i in range(1, n + 1)]
    out.mkdir(parents=True, exist_ok=True)
    outline = ["title: Synthetic Consolidated Negotiating Text\n", "symbol: INF/SYNTH/1\n", "revision: Rev.1\n", "date: 2026-01-15\n", "sections:\n"]
    files = []
    per_section = 100
    for s, start in enumerate(range(0, n, per_section)):
        section_id = _section_id(s)
        outline += [f"  - id: {section_id}\n", f"    title: Section {section_id}\n", "    subsections:\n"]
        chunk = ids[start : start + per_section]
        for k, sub_start in enumerate(range(0, len(chunk), 10), 1):
            sub = chunk[sub_start : sub_start + 10]
            outline += [f"      - id: {section_id}.{k}\n", f"        title: Subsection {section_id}.{k}\n", "        articles:\n"]
            outline += [f"          - {a}\n" for a in sub]
        folder = out / f"section-{section_id.lower()}"
        folder.mkdir(exist_ok=True)
        for article_id in chunk:
            path = folder / f"{article_id}.yaml"
            path.write_text(article_yaml(rng, article_id, ids), encoding="utf-8")
            files.append(path)
    (out / "text.yaml").write_text("".join(outline), encoding="utf-8")
    return files


def _section_id(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def edit_text(files: list[Path], percent: float, seed: int = 2) -> list[Path]:
    """Edit PERCENT % of the article files as a revision would; return those edited."""
    rng = random.Random(seed)
    chosen = sorted(rng.sample(files, max(1, int(len(files) * percent / 100))))
    for path in chosen:
        source = path.read_text(encoding="utf-8")
        edit = rng.choice([_resolve_choice, _join_proponent, _add_paragraph, _park])
        path.write_text(edit(source, rng), encoding="utf-8")
    return chosen


def _resolve_choice(source: str, rng: random.Random) -> str:
    start = source.find("[shall{")
    if start < 0:
        return _add_paragraph(source, rng)
    end = source.index("]", start)
    return source[:start] + "shall" + source[end + 1 :]


def _join_proponent(source: str, rng: random.Random) -> str:
    return source.replace("proponents: [", "proponents: [ZA, ", 1) if "proponents: [" in source else _add_paragraph(source, rng)


def _add_paragraph(source: str, rng: random.Random) -> str:
    if "status: clean" in source:  # agreed text only: a clean article has no brackets
        return source + _block("- text", f"Each Party shall {_sentence(rng, 6)}.", 2)
    return source + _block("- text", f"Each Party shall [{_sentence(rng, 6)}]{{{_codes(rng)}}}.", 2)


def _park(source: str, rng: random.Random) -> str:
    return source.replace("status: open", "status: parked", 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_text(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
