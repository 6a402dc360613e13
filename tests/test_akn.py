"""Akoma Ntoso 3.0 (``jsitext build --format akn``): schema-valid, and the text's structures recognisable.

Every build is validated with ``xmlschema`` against the OASIS schema the project
carries (``tests/schemas/akomantoso30.xsd``): the sample text, the synthetic
benchmark text and every view.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO
from jsitext.cli import main
from jsitext.formats import get
from jsitext.load import load_text
from jsitext.render.resolve import parse_view, resolve
from jsitext.source import FolderSource

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
SAMPLE = REPO / "articles"
VIEWS = [("full", None), ("clean", None), ("member:US", None), ("full", "B.2")]


def akn(folder: Path, view: str = "full", section: str | None = None, attribution: str | None = None) -> bytes:
    text = load_text(FolderSource(folder)).text
    return get("akn", "text").render(resolve(text, parse_view(view, section), attribution=attribution))


def valid(schema, xml: bytes) -> ET.Element:
    root = ET.fromstring(xml)
    errors = list(schema.iter_errors(root))
    assert not errors, "\n".join(str(e.reason) for e in errors[:5])
    return root


@pytest.mark.parametrize(("view", "section"), VIEWS)
def test_the_sample_text_is_valid_akoma_ntoso_in_every_view(akn_schema, view: str, section: str | None) -> None:
    valid(akn_schema, akn(SAMPLE, view, section))


@pytest.mark.parametrize(("view", "section"), [("full", None), ("clean", None), ("member:US", "A.1")])
def test_the_synthetic_benchmark_text_is_valid_akoma_ntoso(akn_schema, synth_text: Path, view: str, section: str | None) -> None:
    valid(akn_schema, akn(synth_text, view, section))


def test_attributions_as_names_stay_valid(akn_schema) -> None:
    valid(akn_schema, akn(SAMPLE, "member:CN", "A", attribution="names"))


def test_the_same_text_gives_the_same_bytes() -> None:
    assert akn(SAMPLE) == akn(SAMPLE)


def test_the_build_command_writes_consolidated_akn_xml(tmp_path: Path, capsys) -> None:
    code = main(["build", str(SAMPLE), "--format", "akn", "--view", "clean", "--output", str(tmp_path)])
    assert code == 0, capsys.readouterr()
    assert (tmp_path / "consolidated-clean.akn.xml").read_bytes() == akn(SAMPLE, "clean")


def test_frbr_identification_comes_from_symbol_revision_and_date() -> None:
    root = ET.fromstring(akn(SAMPLE))
    work = root.find(".//a:FRBRWork", NS)
    expression = root.find(".//a:FRBRExpression", NS)
    assert work is not None and expression is not None
    assert work.find("a:FRBRuri", NS).get("value") == "/akn/wto/doc/negotiatingText/2024-03-15/INF-ECOM-SAMPLE"  # type: ignore[union-attr]
    assert work.find("a:FRBRnumber", NS).get("value") == "INF/ECOM/SAMPLE/Rev.3"  # type: ignore[union-attr]
    assert expression.find("a:FRBRversionNumber", NS).get("value") == "Rev.3"  # type: ignore[union-attr]
    assert expression.find("a:FRBRuri", NS).get("value").endswith("/eng@rev.3")  # type: ignore[union-attr]
    assert root.find(".//a:lifecycle/a:eventRef", NS).get("date") == "2024-03-15"  # type: ignore[union-attr]


def test_each_proponent_is_an_organization_and_brackets_refer_to_them() -> None:
    text = load_text(FolderSource(SAMPLE)).text
    document = resolve(text)
    root = ET.fromstring(get("akn", "text").render(document))
    organizations = {o.get("eId"): o.get("showAs") for o in root.iterfind(".//a:references/a:TLCOrganization", NS)}
    for code, name in document.parties:
        assert organizations[f"org_{code.lower()}"] == name
    referred = {ref for e in root.iter() for ref in (e.get("refersTo") or "").split() if ref.startswith("#org_")}
    assert referred == {f"#org_{code.lower()}" for code, _ in document.parties}
    spans = root.findall(".//a:span[@class='bracket']", NS)
    assert spans and any(s.get("refersTo") for s in spans)


def test_articles_have_stable_eids_from_their_ids_and_numbers_as_printed() -> None:
    text = load_text(FolderSource(SAMPLE)).text
    document = resolve(text)
    root = ET.fromstring(get("akn", "text").render(document))
    articles = root.findall(".//a:article", NS)
    assert [a.get("eId") for a in articles] == [f"art_{a.id}" for a in document.articles]
    assert [a.findtext("a:num", namespaces=NS) for a in articles] == [a.heading for a in document.articles]
    chapters = root.findall(".//a:mainBody/a:chapter", NS)
    assert [c.get("eId") for c in chapters] == [f"chp_{s.id}" for s in document.sections]


def test_every_footnote_is_an_authorial_note_with_its_printed_number() -> None:
    text = load_text(FolderSource(SAMPLE)).text
    document = resolve(text)
    root = ET.fromstring(get("akn", "text").render(document))
    notes = root.findall(".//a:authorialNote", NS)
    # Document order, as the other formats print them: a proposal's mark follows its words, before its items.
    assert sorted((int(n.get("marker", 0)), n.get("class")) for n in notes) == [(f.number, f.kind) for f in document.footnotes]


def test_alternatives_items_and_references_have_their_structures() -> None:
    root = ET.fromstring(akn(SAMPLE))
    alternatives = root.findall(".//a:hcontainer[@name='alternatives']", NS)
    assert alternatives
    assert all(a.findall("a:hcontainer[@name='alternative']", NS) for a in alternatives)
    assert root.findall(".//a:paragraph/a:list/a:point", NS)
    refs = root.findall(".//a:ref", NS)
    assert refs and all(r.get("href", "").startswith("#art_") for r in refs if r.text and r.text.startswith("Article"))
    assert root.findall(".//a:paragraph[@class='proposal']", NS)


def test_a_reference_to_an_article_outside_the_view_links_to_the_whole_text() -> None:
    root = ET.fromstring(akn(SAMPLE, "full", "B.2"))
    shown = {a.get("eId") for a in root.iterfind(".//a:article", NS)}
    for ref in root.iterfind(".//a:ref", NS):
        href = ref.get("href", "")
        assert href[1:] in shown if href.startswith("#") else "/!main~art_" in href


FORMAT2 = [SAMPLE.parent / "tests" / "data" / "format2" / name for name in ("text", "footnotes/text", "refs-notes/text")]


@pytest.mark.parametrize("folder", FORMAT2, ids=["articles-preamble-annex", "footnotes-titles", "references-notes"])
@pytest.mark.parametrize("view", ["full", "clean"])
def test_format2_texts_are_valid_and_lose_no_footnote_or_note(akn_schema, folder: Path, view: str) -> None:
    """Preamble, annexes, proposed and alternative articles, inline footnotes, titles with
    markup and typed notes each have their place: nothing printed elsewhere is dropped."""
    text = load_text(FolderSource(folder)).text
    document = resolve(text, parse_view(view))
    root = valid(akn_schema, get("akn", "text").render(document))
    notes = root.findall(".//a:authorialNote", NS)
    assert sorted(int(n.get("marker", 0)) for n in notes) == [f.number for f in document.footnotes]
    printed_notes = len(document.notes) + sum(len(s.notes) + sum(len(g.notes) for g in s.groups) for s in document.sections)
    printed_notes += sum(len(a.notes) + sum(len(p.notes) for p in a.paragraphs) for a in document.articles)
    assert len(root.findall(".//*[@name='note']", NS)) >= printed_notes
    assert len(root.findall(".//a:preamble/a:container", NS)) == len(document.preamble)
    versions = sum(len(a.alternatives) for a in document.articles)
    assert len(root.findall(".//a:hcontainer[@name='alternativeArticle']", NS)) == versions
