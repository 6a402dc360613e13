"""jsitext import: jsitext's own Word build back exactly, hand-written Word texts, bad files."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from jsitext.build import build_text
from jsitext.cli import main
from jsitext.importing.run import ImportResult, import_docx
from word_kit import PNG, WordText, hand_written, replace_entry

SAMPLE = Path(__file__).parent.parent / "articles"
EXPECTED_CONTRACTS = {
    "title": "Electronic Contracts",
    "status": "parked",
    "notes": [{"kind": "convenors", "text": "To be read together with @electronic-authentication."}],  # printed "Article A.1.2"
    "paragraphs": [
        {"text": "Each Party shall ensure that its legal framework allows for contracts to be concluded by electronic means."},
        {
            "text": "A Party shall not [deny | unduly restrict]{US, JP} the legal effect of an electronic contract^[For greater certainty, "
            "this paragraph does not apply to contracts of employment.], except:",
            "items": [{"text": "where its law provides otherwise; or"}, {"text": "for [contracts concerning real estate]{CN}."}],
        },
    ],
}
EXPECTED_AUTHENTICATION = {
    "title": "Electronic Authentication",
    "paragraphs": [
        {
            "alternatives": [
                {"proponents": ["US", "JP"], "text": "Each Party shall recognise electronic signatures."},
                {"proponents": ["HK", "KR"], "text": "Parties may recognise electronic signatures."},
            ]
        },
        {"proponents": ["CN"], "text": "Each Party shall endeavour to adopt the UNCITRAL Model Law."},
    ],
}


def _build(source: Path, out: Path, formats: str = "docx,md,json") -> Path:
    result = build_text(source, formats=formats, output_dir=out)
    assert not result.refused, result.problems
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _read(folder: Path, name: str) -> dict:
    return _plain(YAML(typ="safe").load((folder / name).read_text(encoding="utf-8")))


def _plain(value):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if not isinstance(value, str) else value


# -- its own output, exactly --------------------------------------------------------------
def test_the_sample_text_built_to_word_imports_back_to_the_same_outputs(tmp_path: Path) -> None:
    first = _build(SAMPLE, tmp_path / "first")
    result = import_docx(first / "consolidated.docx", output=tmp_path / "imported")
    assert result.clean and result.exact == len(result.articles)
    second = _build(tmp_path / "imported", tmp_path / "second")
    assert _files(first) == _files(second)
    assert main(["fmt", "--check", str(tmp_path / "imported")]) == 0  # written in fmt's canonical layout


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_texts_built_to_word_import_back_to_the_same_outputs(tmp_path: Path, seed: int) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    import synth

    synth.write_text(30, tmp_path / "text", seed=seed)
    first = _build(tmp_path / "text", tmp_path / "first")
    result = import_docx(first / "consolidated.docx", output=tmp_path / "imported")
    assert not result.findings
    second = _build(tmp_path / "imported", tmp_path / "second")
    assert _files(first) == _files(second)


def test_an_article_edited_in_word_is_read_from_its_visible_text(tmp_path: Path) -> None:
    import docx

    first = _build(SAMPLE, tmp_path / "first", "docx")
    document = docx.Document(str(first / "consolidated.docx"))
    edited = next(p for p in document.paragraphs if p.text.startswith("1.\tEach Party shall ensure that its legal framework allows"))
    run = next(r for r in edited.runs if "electronic means" in r.text)
    run.text = run.text.replace("electronic means", "[electronic / digital] means")
    document.save(str(tmp_path / "edited.docx"))
    result = import_docx(tmp_path / "edited.docx", output=tmp_path / "imported")
    assert [(f.code, f.line > 0) for f in result.findings] == [("edited-in-word", True)]
    assert result.findings[0].message == 'article "Electronic Contracts" differs from what jsitext built; read from its visible text (its id kept)'
    assert result.findings[0].breadcrumb == "Section A > Article A.1.3"
    contracts = _read(tmp_path / "imported" / "a-enabling", "electronic-contracts.yaml")  # in the file it was built from
    original = _read(SAMPLE / "a-enabling", "electronic-contracts.yaml")
    original.pop("id", None)
    original["paragraphs"][0]["text"] = original["paragraphs"][0]["text"].replace("electronic means", "[electronic | digital] means")
    assert contracts == original  # read back from the page alone: status line, items, the reference to Article A.1.1
    assert result.exact == len(result.articles) - 1
    assert [p.code for p in result.problems or []] == ["clean-with-brackets"]  # the edit put a bracket in a clean article
    assert _read(tmp_path / "imported", "text.yaml") == _read(SAMPLE, "text.yaml")


def test_a_view_of_the_text_embeds_nothing_and_is_read_as_written(tmp_path: Path) -> None:
    result = build_text(SAMPLE, formats="docx", output_dir=tmp_path / "clean", view="clean")
    assert not result.refused
    imported = import_docx(tmp_path / "clean" / "consolidated-clean.docx", output=tmp_path / "imported", dry_run=True)
    assert imported.exact == 0 and imported.articles


# -- a build never saved since: taken whole at once, and each way out of that ---------------
@pytest.fixture
def page_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Word files whose page the import read (python-docx's tree, compared with the source's rendering)."""
    from jsitext.importing import run

    reads: list[str] = []
    read_word = run.read_word

    def counted(package):  # type: ignore[no-untyped-def]
        reads.append(package.name)
        return read_word(package)

    monkeypatch.setattr(run, "read_word", counted)
    return reads


@pytest.fixture(scope="module")
def sample_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample text built (docx, md, json), and imported back (``imported``: the files the build gives back)."""
    built = _build(SAMPLE, tmp_path_factory.mktemp("sample") / "build")
    assert import_docx(built / "consolidated.docx", output=built.parent / "imported").clean
    return built


def _import_altered(tmp_path: Path, built: Path, entry: str, old: str, new: str) -> ImportResult:
    """The import of BUILT's Word file with OLD changed to NEW in its ENTRY (as tmp_path/altered.docx)."""
    (tmp_path / "altered.docx").write_bytes(_altered((built / "consolidated.docx").read_bytes(), entry, old, new))
    return import_docx(tmp_path / "altered.docx", output=tmp_path / "imported")


def _altered(data: bytes, entry: str, old: str, new: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = archive.read(entry)
    assert part.count(old.encode()) == 1, (entry, old)
    return replace_entry(data, entry, part.replace(old.encode(), new.encode()))


SAMPLE_ARTICLES = sum(1 for p in SAMPLE.rglob("*.yaml") if p.name not in ("text.yaml", "members.yaml"))


@pytest.mark.parametrize("properties", ["as built", "another author and date"])
def test_a_build_never_saved_since_is_taken_whole_without_reading_its_page(tmp_path: Path, sample_built: Path, page_reads: list[str], properties: str) -> None:
    """Every part of the file is the build's own, byte for byte: nothing on the page to compare.
    The document properties show nothing on the page: another author or date changes nothing."""
    data = (sample_built / "consolidated.docx").read_bytes()
    if properties != "as built":
        data = _altered(data, "docProps/core.xml", "<dc:creator></dc:creator>", "<dc:creator>A Delegate</dc:creator>")
        data = _altered(
            data, "docProps/core.xml", '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-15', '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-02'
        )
    (tmp_path / "built.docx").write_bytes(data)
    result = import_docx(tmp_path / "built.docx", output=tmp_path / "imported")
    assert result.clean and result.exact == len(result.articles) == SAMPLE_ARTICLES
    assert page_reads == []
    assert _files(_build(tmp_path / "imported", tmp_path / "second")) == _files(sample_built)


#: (entry, what is changed in it, to what): one character of one article, as shown.
EDITS_OF_ONE_ARTICLE = {
    "a character of its body": ("word/document.xml", "to be concluded by electronic means", "to be concluded by electronik means"),
    "a character of its footnote": ("word/footnotes.xml", "governed by family law", "governed by family lay"),
}


@pytest.mark.parametrize("edit", EDITS_OF_ONE_ARTICLE)
def test_a_build_edited_in_one_article_reads_that_article_alone_from_its_page(tmp_path: Path, sample_built: Path, page_reads: list[str], edit: str) -> None:
    entry, old, new = EDITS_OF_ONE_ARTICLE[edit]
    result = _import_altered(tmp_path, sample_built, entry, old, new)
    assert [(f.code, f.breadcrumb) for f in result.findings] == [("edited-in-word", "Section A > Article A.1.3")]
    assert result.findings[0].line == _place(tmp_path / "altered.docx", "Article A.1.3")  # the articles before it counted, though not read
    assert result.exact == len(result.articles) - 1 == SAMPLE_ARTICLES - 1
    assert page_reads
    imported, reference = _tree(tmp_path / "imported"), _tree(sample_built.parent / "imported")
    assert [name for name in reference if imported[name] != reference[name]] == ["a-enabling/electronic-contracts.yaml"]
    assert " ".join(new.split()[-2:]).encode() in b" ".join(imported["a-enabling/electronic-contracts.yaml"].split())


def _place(word: Path, heading: str) -> int:
    """The place of the article heading starting HEADING among the body's paragraphs and tables (1-based)."""
    import docx

    body = docx.Document(str(word)).element.body
    blocks = [e for e in body if e.tag.endswith(("}p", "}tbl"))]
    return next(n for n, e in enumerate(blocks, 1) if e.xpath("string(w:pPr/w:pStyle/@w:val)") == "Heading3" and "".join(e.itertext()).startswith(heading))


#: Parts a build's page depends on, changed without changing the text it shows: compared the visible way.
OTHER_PARTS = {
    "Heading 1 no longer in capitals": ("word/styles.xml", "<w:caps/>", ""),
    "a list numbering": (
        "word/numbering.xml",
        '<w:tmpl w:val="C310EC42"/><w:lvl w:ilvl="0"><w:start w:val="1"/>',
        '<w:tmpl w:val="C310EC42"/><w:lvl w:ilvl="0"><w:start w:val="5"/>',
    ),
    "a namespace on the document": ("word/document.xml", "<w:document ", '<w:document xmlns:x="urn:example" '),
}


@pytest.mark.parametrize("part", OTHER_PARTS)
def test_a_build_whose_other_parts_changed_is_compared_by_what_its_page_shows(tmp_path: Path, sample_built: Path, page_reads: list[str], part: str) -> None:
    result = _import_altered(tmp_path, sample_built, *OTHER_PARTS[part])
    assert page_reads == [str(tmp_path / "altered.docx")]
    assert result.clean and result.exact == len(result.articles) == SAMPLE_ARTICLES
    assert _tree(tmp_path / "imported") == _tree(sample_built.parent / "imported")


# -- hand-written texts ----------------------------------------------------------------------
VARIANTS = {
    "heading styles, typed numbers, footnotes, codes": {},
    "bold headings": {"styled": False},
    "list numbering": {"listed": True},
    "List Number styles": {"listed": "styles"},
    "attributions in braces": {"footnotes": False},
    "member names": {"names": True},
    "bold headings, list numbering, names in braces": {"styled": False, "listed": True, "footnotes": False, "names": True},
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_hand_written_text_imports_to_its_articles(tmp_path: Path, variant: str) -> None:
    word = hand_written(**VARIANTS[variant]).save(tmp_path / "text.docx")
    result = import_docx(word, output=tmp_path / "articles")
    assert not result.findings, result.findings
    assert not result.problems, result.problems
    text = _read(tmp_path / "articles", "text.yaml")
    assert {k: text[k] for k in ("title", "symbol", "revision", "date", "access")} == {
        "title": "Joint Statement Initiative on Electronic Commerce",
        "symbol": "INF/ECOM/99/Rev.2",
        "revision": "Rev.2",
        "date": "2024-03-15",
        "access": "restricted",
    }
    assert text["sections"] == [
        {
            "id": "A",
            "title": "Enabling Electronic Commerce",
            "subsections": [{"id": "A.1", "title": "Facilitating Electronic Transactions", "articles": ["electronic-contracts", "electronic-authentication"]}],
        }
    ]
    assert _read(tmp_path / "articles", "electronic-contracts.yaml") == EXPECTED_CONTRACTS
    assert _read(tmp_path / "articles", "electronic-authentication.yaml") == EXPECTED_AUTHENTICATION


def test_an_imported_text_builds_and_is_canonical(tmp_path: Path, capsys) -> None:
    word = hand_written().save(tmp_path / "text.docx")
    assert main(["import", str(word), "--output", str(tmp_path / "articles")]) == 0
    assert main(["fmt", "--check", str(tmp_path / "articles")]) == 0
    assert main(["build", str(tmp_path / "articles"), "--output", str(tmp_path / "build"), "--format", "md"]) == 0
    md = (tmp_path / "build" / "consolidated.md").read_text()
    assert "Article A.1.1: Electronic Contracts" in md


# -- what it cannot read exactly ------------------------------------------------------------
def _one_article(*paragraphs: str) -> WordText:
    word = WordText().para("A Text", style="Title")
    word.heading("Section A: Openness", 1).heading("Article A.1: Scope", 3)
    for text in paragraphs:
        word.para(text)
    return word


@pytest.mark.parametrize(
    ("paragraph", "code", "column", "kept"),
    [
        ("1.\tThis Agreement applies to [electronic commerce.", "open-bracket", 30, "applies to \\[electronic commerce."),
        ("1.\tThis Agreement applies] to trade.", "stray-bracket", 26, "applies\\] to trade."),
        ("1.\tThis [Agreement]^{Proposed by Ruritania.} applies.", "unknown-member", 4, "This [Agreement]^[Proposed by Ruritania.] applies."),
        ("1.\tThis Agree^{Including its annexes.}ment applies.", "footnote-mid-word", 14, "Agree^[Including its annexes.]ment"),
        ("1.\tThis Agreement^{Proposed by US.} applies.", "misplaced-attribution", 18, "Agreement^[Proposed by US.] applies"),
        ("1.\tThis Agreement^{US, Friends.} applies.", "unclear-footnote", 18, "Agreement^[US, Friends.] applies"),
    ],
)
def test_what_cannot_be_read_exactly_is_kept_and_reported_at_its_place(tmp_path: Path, paragraph: str, code: str, column: int, kept: str) -> None:
    word = _one_article(paragraph).save(tmp_path / "text.docx")
    result = import_docx(word, output=tmp_path / "articles")
    assert [(f.code, f.line, f.column) for f in result.findings] == [(code, 4, column)]
    assert result.findings[0].breadcrumb == "Article A.1 > paragraph 1"
    scope = _read(tmp_path / "articles", "scope.yaml")
    assert kept in scope["paragraphs"][0]["text"]
    notes = [n["text"] for n in scope.get("notes", [])]
    assert notes == ([] if code == "footnote-mid-word" else [notes[0]])
    assert all(n.startswith("Imported from Word (paragraph 1): ") for n in notes)


def test_an_unknown_member_code_is_kept_as_written_and_check_reports_it(tmp_path: Path) -> None:
    word = _one_article("1.\tThis [Agreement]^{Proposed by US, XX.} applies.").save(tmp_path / "text.docx")
    result = import_docx(word, output=tmp_path / "articles")
    assert [f.code for f in result.findings] == ["unknown-member"]
    assert [p.code for p in result.problems] == ["unknown-proponent"]
    assert _read(tmp_path / "articles", "scope.yaml")["paragraphs"][0]["text"] == "This [Agreement]{US, XX} applies."


def test_with_codes_strict_an_unknown_member_is_an_error_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    word = _one_article("1.\tThis [Agreement]^{Proposed by US, XX.} applies.").save(tmp_path / "text.docx")
    code = main(["import", str(word), "--output", str(tmp_path / "articles"), "--codes", "strict"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f'{word}:4:4: error: unknown member "XX"' in out
    assert "nothing written" in err
    assert not (tmp_path / "articles").exists()


def test_a_table_and_an_image_in_the_body_are_reported_and_noted(tmp_path: Path) -> None:
    word = _one_article("1.\tThis Agreement applies.").table([["Party", "Schedule"], ["US", "Annex 1"]]).image(PNG).save(tmp_path / "text.docx")
    result = import_docx(word, output=tmp_path / "articles")
    assert [f.code for f in result.findings] == ["table-in-body", "image"]
    notes = _read(tmp_path / "articles", "scope.yaml")["notes"]
    assert notes[0]["text"] == "Imported from Word: a table stood here: Party \\| Schedule; US \\| Annex 1"
    assert "image" in notes[1]["text"]


def test_a_shaded_paragraph_and_typed_notes_are_notes_where_they_stand(tmp_path: Path) -> None:
    word = _one_article("1.\tThis Agreement applies.", "Facilitator's note: Paragraph 1 is agreed ad ref.", "2.\tIt does not apply to services.")
    word.para("Text of the secretariat on the history.", shaded=True)
    result = import_docx(word.save(tmp_path / "text.docx"), output=tmp_path / "articles")
    assert not result.findings
    scope = _read(tmp_path / "articles", "scope.yaml")
    assert scope["paragraphs"][0]["notes"] == [{"kind": "facilitator", "text": "Paragraph 1 is agreed ad ref."}]
    assert scope["notes"] == [{"kind": "drafting", "text": "Text of the secretariat on the history."}]


def test_a_cover_table_gives_symbol_revision_and_date(tmp_path: Path) -> None:
    word = WordText().para("E-commerce text", style="Title").table([["Symbol", "INF/ECOM/62/Rev.4"], ["Revision", "Rev.4"], ["Date", "14 December 2022"]])
    word.heading("Section A: Openness", 1).heading("Article 1: Scope", 3).para("This Agreement applies.")
    import_docx(word.save(tmp_path / "text.docx"), output=tmp_path / "articles")
    text = _read(tmp_path / "articles", "text.yaml")
    assert (text["symbol"], text["revision"], text["date"], text["numbering"]) == ("INF/ECOM/62/Rev.4", "Rev.4", "2022-12-14", "sequential")


def test_an_empty_document_is_a_finding_and_writes_nothing(tmp_path: Path, capsys) -> None:
    word = WordText().save(tmp_path / "empty.docx")
    assert main(["import", str(word), "--output", str(tmp_path / "articles")]) == 1
    assert "no article heading found" in capsys.readouterr().out
    assert not (tmp_path / "articles").exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "the file is empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted (password-protected) Word file or an old .doc"),
        (b"%PDF-1.7\n", "not a Word document (.docx is a zip file, and this is not one)"),
        (
            replace_entry(replace_entry(b"PK\x05\x06" + b"\0" * 18, "xl/workbook.xml", b"<workbook/>"), "[Content_Types].xml", b"<Types/>"),
            "a zip file but not a Word document",
        ),
    ],
)
def test_a_file_that_is_not_a_word_document_is_refused_with_exit_2(tmp_path: Path, capsys, content: bytes, says: str) -> None:
    (tmp_path / "text.docx").write_bytes(content)
    assert main(["import", str(tmp_path / "text.docx"), "--output", str(tmp_path / "articles")]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert not (tmp_path / "articles").exists()


def test_a_folder_holding_a_text_is_refused_unless_forced(tmp_path: Path, capsys) -> None:
    shutil.copytree(SAMPLE, tmp_path / "articles")
    word = hand_written().save(tmp_path / "text.docx")
    assert main(["import", str(word), "--output", str(tmp_path / "articles")]) == 2
    assert "already holds a text" in capsys.readouterr().err
    assert main(["import", str(word), "--output", str(tmp_path / "articles"), "--force"]) == 1  # the sample's articles now orphans
    assert _read(tmp_path / "articles", "electronic-contracts.yaml") == EXPECTED_CONTRACTS


def test_dry_run_prints_the_outline_and_writes_nothing(tmp_path: Path, capsys) -> None:
    word = hand_written().save(tmp_path / "text.docx")
    assert main(["import", str(word), "--output", str(tmp_path / "articles"), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert (
        "  Section A: Enabling Electronic Commerce\n    A.1 Facilitating Electronic Transactions\n      electronic-contracts: Electronic Contracts (2 paragraphs, parked)\n"
        in out
    )
    assert "would write text.yaml and 2 articles" in err
    assert not (tmp_path / "articles").exists()


# -- revisions of the past -------------------------------------------------------------------
def _revision(n: int) -> WordText:
    """Revision N of a small hand-written text: brackets resolved and an article added as it goes."""
    word = WordText().para("E-commerce text", style="Title").para(f"INF/ECOM/99/Rev.{n}").para(f"{n} March 2024")
    word.heading("Section A: Openness", 1).heading("Article A.1: Scope", 3)
    word.para("1.\tThis Agreement applies to " + ("[electronic / digital]^{Proposed by US, JP.}" if n == 1 else "electronic") + " commerce.")
    word.para("2.\tIt does not apply to " + ("[government procurement]^{Proposed by CN.}" if n < 3 else "government procurement") + ".")
    if n >= 2:
        word.heading("Article A.2: Definitions", 3).para("1.\tFor the purposes of this Agreement, [person]^{Proposed by EU.} means a natural person.")
    return word


def test_revisions_imported_one_commit_each_give_a_history_diff_and_progress_read(tmp_path: Path, capsys, monkeypatch) -> None:
    """The recipe of docs/import.md: each revision imported into a clean folder, committed and tagged."""
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **env})

    git("init", "-q")
    for n in (1, 2, 3):
        shutil.rmtree(repo / "articles", ignore_errors=True)
        assert main(["import", str(_revision(n).save(tmp_path / f"rev{n}.docx")), "--output", str(repo / "articles")]) == 0
        git("add", "-A")
        git("commit", "-qm", f"Rev.{n}")
        git("tag", f"rev{n}")
    capsys.readouterr()
    monkeypatch.chdir(repo)
    assert main(["diff", "rev1", "rev3", "--format", "json"]) == 0
    diff = capsys.readouterr().out
    assert '"definitions"' in diff and '"scope"' in diff
    assert main(["progress", "rev1", "rev2", "rev3", "--format", "json"]) == 0
    revisions = json.loads(capsys.readouterr().out)["revisions"]
    assert [(r["label"], r["articles"], r["counts"]["brackets"], r["errors"]) for r in revisions] == [("rev1", 1, 2, 0), ("rev2", 2, 2, 0), ("rev3", 2, 1, 0)]


def test_every_import_code_is_documented_and_every_documented_one_exists() -> None:
    import re

    from jsitext.importing.findings import IMPORT_CODES

    doc = (Path(__file__).parent.parent / "docs" / "import.md").read_text()
    table = doc.split("## What the import reports")[1].split("\n## ")[0]
    assert set(re.findall(r"^\| `([a-z-]+)`", table, re.M)) == set(IMPORT_CODES)


def test_an_unknown_codes_mode_is_a_usage_error(tmp_path: Path, capsys) -> None:
    word = hand_written().save(tmp_path / "text.docx")
    assert main(["import", str(word), "--codes", "loose", "--output", str(tmp_path / "a")]) == 2
    assert "unknown --codes 'loose'; choose strict or lenient" in capsys.readouterr().err


def test_the_other_usual_layout_recitals_letter_sections_numbered_titles_an_annex(tmp_path: Path) -> None:
    word = WordText().para("Agreement on Electronic Commerce", style="Title")
    word.para("Recognising the importance of electronic commerce;")
    word.para("Desiring to [promote / facilitate]^{Proposed by EU; supported by CH.} trust;")
    word.para("**A. General Provisions**").para("**1. Scope**").para("This Agreement applies to measures affecting trade by electronic means.")
    word.para("**2. Definitions [Parked]**").para("For the purposes of this Agreement, [person](US, JP) means a natural person.")
    word.heading("Annex 1: Telecommunications Services", 1).heading("Article 1: Interconnection", 3).para("1.\tEach Party shall ensure interconnection.")
    result = import_docx(word.save(tmp_path / "text.docx"), output=tmp_path / "articles")
    assert not result.findings and not result.problems, (result.findings, result.problems)
    text = _read(tmp_path / "articles", "text.yaml")
    assert text["preamble"] == [
        {"text": "Recognising the importance of electronic commerce;"},
        {"text": "Desiring to [promote | facilitate]{EU, CH} trust;"},
    ]
    assert text["sections"] == [
        {"id": "A", "title": "General Provisions", "articles": ["scope", "definitions"]},
        {"id": "ANNEX1", "kind": "annex", "title": "Telecommunications Services", "articles": ["interconnection"]},
    ]
    assert _read(tmp_path / "articles", "definitions.yaml") == {
        "title": "Definitions",
        "status": "parked",
        "paragraphs": [{"text": "For the purposes of this Agreement, [person]{US, JP} means a natural person."}],
    }


@pytest.mark.parametrize(
    ("footnote", "codes", "unknown"),
    [
        ("Proposed by US, JP.", ("US", "JP"), ()),
        ("Proponents: European Union, Chinese Taipei; supported by CA.", ("EU", "TPKM", "CA"), ()),
        ("Hong Kong, China; Korea, Republic of", ("HK", "KR"), ()),
        ("Supported by Trinidad and Tobago and Japan.", ("TT", "JP"), ()),
        ("Proposed by the United States and Türkiye.", ("US", "TR"), ()),
        ("Proposed by US, FEDS.", ("US",), ("FEDS",)),
        ("For greater certainty, a Party may apply this Article to services.", None, None),
    ],
)
def test_an_attribution_names_members_by_code_or_wto_name(footnote: str, codes: tuple[str, ...] | None, unknown: tuple[str, ...] | None) -> None:
    from jsitext.importing.attributions import read_attribution

    found = read_attribution(footnote)
    assert (found.codes, found.unknown) == (codes, unknown) if found else (codes, unknown) == (None, None)


def test_a_whole_article_proposed_or_in_alternative_versions(tmp_path: Path) -> None:
    word = WordText().para("A Text", style="Title").heading("Section A: Openness", 1)
    word.heading("Article A.1: Source Code", 3).para("1.\t[No Party shall require the transfer of source code.").para(
        "2.\tParagraph 1 does not apply to critical infrastructure.]^{Proposed by US, JP.}"
    )
    word.heading("Article A.2: Customs Duties", 3).para("**Alt 1**").para(
        "1.\t[No Party shall impose customs duties on electronic transmissions.]^{Proposed by US.}"
    )
    word.para("**Alt 2: Moratorium**").para("1.\t[Parties shall maintain the current practice.").para(
        "2.\tThis Article shall be reviewed.]^{Proposed by ID, ZA.}"
    )
    result = import_docx(word.save(tmp_path / "text.docx"), output=tmp_path / "articles")
    assert not result.findings and not result.problems, (result.findings, result.problems)
    assert _read(tmp_path / "articles", "source-code.yaml") == {
        "title": "Source Code",
        "proponents": ["US", "JP"],
        "paragraphs": [{"text": "No Party shall require the transfer of source code."}, {"text": "Paragraph 1 does not apply to critical infrastructure."}],
    }
    assert _read(tmp_path / "articles", "customs-duties.yaml") == {
        "title": "Customs Duties",
        "alternatives": [
            {"proponents": ["US"], "paragraphs": [{"text": "No Party shall impose customs duties on electronic transmissions."}]},
            {
                "proponents": ["ID", "ZA"],
                "title": "Moratorium",
                "paragraphs": [{"text": "Parties shall maintain the current practice."}, {"text": "This Article shall be reviewed."}],
            },
        ],
    }


def test_a_typed_number_inside_the_opening_bracket_is_the_paragraph_s_number(tmp_path: Path) -> None:
    word = WordText().para("A Text", style="Title").heading("Section A: Openness", 1).heading("Article 12: Scope", 3)
    word.para("[1.\tEach Party shall adopt measures.]^{Proposed by US.}").para("[2.\tEach Party shall]^{Proposed by JP.} publish them:")
    word.para("[(a)\tpromptly; and]^{Proposed by CN.}").para("(b)\tin English.")
    result = import_docx(word.save(tmp_path / "text.docx"), output=tmp_path / "articles")
    assert not result.findings and not result.problems, (result.findings, result.problems)
    assert _read(tmp_path / "articles", "scope.yaml")["paragraphs"] == [
        {"proponents": ["US"], "text": "Each Party shall adopt measures."},
        {"text": "[Each Party shall]{JP} publish them:", "items": [{"text": "[promptly; and]{CN}"}, {"text": "in English."}]},
    ]


# -- its own output: the folder as it was, members.yaml included ----------------------------
FEDS_TEXT = Path(__file__).parent / "data" / "format2" / "footnotes" / "text"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_the_articles_come_back_to_the_files_they_were_built_from(tmp_path: Path) -> None:
    first = _build(SAMPLE, tmp_path / "first", "docx")
    import_docx(first / "consolidated.docx", output=tmp_path / "imported")
    assert set(_tree(tmp_path / "imported")) == set(_tree(SAMPLE))  # a-enabling/electronic-contracts.yaml, not flat


def test_a_text_with_its_own_members_and_groups_imports_back_exactly(tmp_path: Path) -> None:
    first = _build(FEDS_TEXT, tmp_path / "first")
    result = import_docx(first / "consolidated.docx", output=tmp_path / "imported")
    assert result.clean and result.exact == len(result.articles)
    assert _read(tmp_path / "imported", "members.yaml") == _read(FEDS_TEXT, "members.yaml")
    assert _files(first) == _files(_build(tmp_path / "imported", tmp_path / "second"))


@pytest.mark.parametrize("file", ["../outside.yaml", "/etc/outside.yaml", "a-enabling/another-id.yaml", "a b/x.yaml", "x.txt"])
def test_an_embedded_file_name_that_is_not_the_article_s_own_is_not_followed(tmp_path: Path, file: str) -> None:
    from lxml import etree

    first = _build(SAMPLE, tmp_path / "first", "docx")

    def rename(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        article = next(e for e in root.iter() if e.get("id") == "electronic-contracts")
        article.set("file", file)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    word = first / "consolidated.docx"
    with zipfile.ZipFile(word) as package:
        part = package.read("customXml/item2.xml")
    word.write_bytes(replace_entry(word.read_bytes(), "customXml/item2.xml", rename(part)))
    import_docx(first / "consolidated.docx", output=tmp_path / "out" / "imported")
    assert (tmp_path / "out" / "imported" / "electronic-contracts.yaml").is_file()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["imported"]


GROUPS_YAML = """groups:
  AFG:
    name: African Group
    members: [NG, KE]
members:
  XK: Kosovo
"""


def test_a_members_yaml_put_in_the_folder_first_names_groups_and_own_members(tmp_path: Path) -> None:
    """Coalitions exist only in a text's members.yaml: put there before the import, it is read
    (the folder holding it is not refused), its groups and members are recognised by name or
    code, and it is left as it was."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "members.yaml").write_text(GROUPS_YAML, encoding="utf-8")
    word = _one_article("1.\tThis [Agreement]^{Proposed by the African Group, Kosovo.} applies.").save(tmp_path / "text.docx")
    result = import_docx(word, output=tmp_path / "articles")
    assert result.clean, result.found
    assert _read(tmp_path / "articles", "scope.yaml")["paragraphs"][0]["text"] == "This [Agreement]{AFG, XK} applies."
    assert (tmp_path / "articles" / "members.yaml").read_text(encoding="utf-8") == GROUPS_YAML


def test_a_members_yaml_with_errors_is_refused_before_anything_is_written(tmp_path: Path, capsys) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "members.yaml").write_text("groups: [AFG]\n", encoding="utf-8")
    word = _one_article("1.\tThis Agreement applies.").save(tmp_path / "text.docx")
    assert main(["import", str(word), "--output", str(tmp_path / "articles")]) == 1
    assert "members.yaml:1:9: error:" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == ["members.yaml"]


def test_the_folder_s_members_yaml_is_kept_over_the_one_a_build_carries(tmp_path: Path) -> None:
    first = _build(FEDS_TEXT, tmp_path / "first", "docx")
    (tmp_path / "articles").mkdir()
    ours = "# our groups, kept as written\n" + (FEDS_TEXT / "members.yaml").read_text(encoding="utf-8")
    (tmp_path / "articles" / "members.yaml").write_text(ours, encoding="utf-8")
    result = import_docx(first / "consolidated.docx", output=tmp_path / "articles")
    assert result.clean and result.exact == len(result.articles)
    assert (tmp_path / "articles" / "members.yaml").read_text(encoding="utf-8") == ours
