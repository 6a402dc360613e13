"""Exchange formats (issue 16): markup in a text's values is text in Akoma Ntoso XML.

A title, a section title, a member's name or a cover note carrying XML, entities,
a CDATA end or characters XML cannot hold must leave the file well-formed and
schema-valid, with the value readable as it was written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from hostile.kit import GOOD_ARTICLE, OUTLINE, run_in_process, write_text

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
HOSTILE = '<img src=x onerror="alert(1)"> & ]]> &amp; --> <?pi?>'
MEMBERS = 'members:\n  XX: "<b>X</b> & \\"Y\\""\n'


def hostile_text(root: Path) -> Path:
    outline = OUTLINE.replace("title: T\n", f"title: '{HOSTILE}'\nsymbol: 'A/<B>/Rev.1'\nrevision: Rev.1\n").replace("title: S", "title: '</heading><x>'")
    article = GOOD_ARTICLE.replace("title: Scope", "title: '<![CDATA[x]]>'").replace("{US}", "{XX}")
    folder = write_text(root, article, outline=outline)
    (folder / "members.yaml").write_text(MEMBERS, encoding="utf-8")
    return folder


def test_markup_in_values_stays_text_in_akoma_ntoso(tmp_path: Path, capsys, akn_schema) -> None:
    folder = hostile_text(tmp_path / "articles")
    run = run_in_process(capsys, "build", str(folder), "--format", "akn", "--output", str(tmp_path / "out"))
    assert run.code == 0, run.both
    xml = (tmp_path / "out" / "consolidated.akn.xml").read_bytes()
    root = ET.fromstring(xml)
    assert not list(akn_schema.iter_errors(root))
    assert root.findtext(".//a:docTitle", namespaces=NS) == HOSTILE
    assert root.findtext(".//a:chapter/a:heading", namespaces=NS) == "</heading><x>"
    heading = root.find(".//a:article/a:heading", NS)  # a title is markup (format 2): its bracket a span, its words text
    assert heading is not None and "".join(heading.itertext()) == "<![CDATA[x]]>"
    assert root.find(".//a:TLCOrganization[@eId='org_xx']", NS).get("showAs") == '<b>X</b> & "Y"'  # type: ignore[union-attr]
    assert root.findtext(".//a:docNumber", namespaces=NS) == "A/<B>/Rev.1"


def test_markup_and_formulas_stay_text_in_the_positions_table(tmp_path: Path, capsys) -> None:
    """A section title that is no valid sheet name, a member name that is a formula, a quote that is HTML."""
    outline = OUTLINE.replace("title: S", "title: '=cmd|[x]:*?/\\\\ a very long section title beyond thirty-one'")
    article = GOOD_ARTICLE.replace("[electronic]{US}", "[=1+1{XX} | <script>alert(1)</script>{US}]")
    folder = write_text(tmp_path / "articles", article, outline=outline)
    (folder / "members.yaml").write_text('members:\n  XX: "@SUM(A1)"\n', encoding="utf-8")
    xlsx = tmp_path / "p.xlsx"
    run = run_in_process(capsys, "positions", str(folder), "--output", str(xlsx))
    assert run.code == 0, run.both
    import openpyxl

    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[1] == "A =cmd|-x------- a very long se"  # 31 characters, none of []:*?/\\
    sheet = book.worksheets[1]
    quotes = [c for c in sheet["E"][1:]]
    assert [c.value for c in quotes] == ["=1+1", "<script>alert(1)</script>"] and {c.data_type for c in quotes} == {"s"}
    assert [c.value for c in book["Summary"]["B"][1:]] == ["United States", "@SUM(A1)"]
    run = run_in_process(capsys, "positions", str(folder), "--format", "html")
    assert "<script>alert" not in run.out and "&lt;script&gt;alert(1)&lt;/script&gt;" in run.out
