"""A LibreOffice worker, run with the system Python (``/usr/bin/python3``, which has ``uno``).

The test session starts one listening soffice and one worker; the worker reads one JSON
request a line on stdin and answers one JSON line on stdout:

* ``{"op": "read", "path": P, "settle": "accept"|"reject"|null}``: opens P as LibreOffice
  does (hidden), accepts or rejects every tracked change when asked, and returns what a
  reader sees: every body paragraph (``style``, ``outline`` level, ``text`` with each
  footnote's text inline as ``⟦n: text⟧`` where its mark is, ``marked``: the words highlighted in
  yellow) and the footnotes in document order, the number of tracked changes left;
* ``{"op": "pdf", "path": P, "out": Q}``: exports P to PDF at Q.

It is not imported by the tests (pytest's Python has no ``uno``): the conftest drives it.
"""

from __future__ import annotations

import json
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _props(**values: object) -> tuple:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(port: int):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.25)
    else:
        raise SystemExit("soffice did not answer")
    smgr = ctx.ServiceManager
    return ctx, smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx), smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)


def _highlighted(portion) -> bool:
    """Yellow behind the text, as highlight or as shading (LibreOffice shows both the same way)."""
    colours = (getattr(portion, "CharHighlight", -1), portion.CharBackColor)
    return any(c not in (-1, None) and (c >> 16) & 0xFF > 0xC0 and (c >> 8) & 0xFF > 0xC0 and c & 0xFF < 0x80 for c in colours)


def _paragraph(paragraph, notes: list[str]) -> dict:
    text, marked = [], []
    for portion in paragraph.createEnumeration():
        kind = portion.TextPortionType
        if kind in ("Annotation", "AnnotationEnd"):  # a comment: in the margin, not in the text
            continue
        if kind == "Footnote":
            body = portion.Footnote.getString()
            notes.append(body)
            text.append(f"⟦{len(notes)}: {body}⟧")
        elif kind in ("Text", "TextField"):
            value = portion.getString()
            text.append(value)
            if value.strip() and _highlighted(portion):
                marked.append(value)
    return {"style": paragraph.ParaStyleName, "outline": paragraph.OutlineLevel, "text": "".join(text), "marked": marked}


def read(desktop, dispatcher, path: str, settle: str | None) -> dict:
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, _props(Hidden=True))
    try:
        if settle:
            command = ".uno:AcceptAllTrackedChanges" if settle == "accept" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        notes: list[str] = []
        paragraphs = []
        for element in doc.getText().createEnumeration():
            if element.supportsService("com.sun.star.text.Paragraph"):
                paragraphs.append(_paragraph(element, notes))
            else:  # a table: its cells' text, a row a paragraph
                paragraphs.append({"style": "table", "outline": 0, "text": element.getName(), "marked": []})
        footnotes = [doc.getFootnotes().getByIndex(i).getString() for i in range(doc.getFootnotes().getCount())]
        return {"paragraphs": paragraphs, "footnotes": footnotes, "changes": doc.getRedlines().createEnumeration().hasMoreElements()}
    finally:
        doc.close(True)


def pdf(desktop, path: str, out: str) -> dict:
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, _props(Hidden=True))
    try:
        doc.storeToURL(uno.systemPathToFileUrl(out), _props(FilterName="writer_pdf_Export"))
    finally:
        doc.close(True)
    return {"pdf": out}


def main() -> None:
    _, desktop, dispatcher = _connect(int(sys.argv[1]))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if request["op"] == "read":
                answer = read(desktop, dispatcher, request["path"], request.get("settle"))
            else:
                answer = pdf(desktop, request["path"], request["out"])
        except Exception as error:  # reported to the test, which fails with it
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
