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
    assert root.findtext(".//a:article/a:heading", namespaces=NS) == "<![CDATA[x]]>"
    assert root.find(".//a:TLCOrganization[@eId='org_xx']", NS).get("showAs") == '<b>X</b> & "Y"'  # type: ignore[union-attr]
    assert root.findtext(".//a:docNumber", namespaces=NS) == "A/<B>/Rev.1"
