"""A LibreOffice worker, run with the system Python (``/usr/bin/python3``, which has ``uno``).

The test session starts one listening soffice and one worker; the worker reads one JSON
request a line on stdin and answers one JSON line on stdout:

* ``{"op": "odt", "path": P, "settle": "accept"|"reject"|null, "out": Q}``: opens P as
  LibreOffice does (hidden), accepts or rejects every tracked change when asked, and saves
  what it then holds as ODT at Q (the tests read its XML: :func:`programs.read_odt`);
  ``changes`` says whether tracked changes are left;
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


def odt(desktop, dispatcher, path: str, settle: str | None, out: str) -> dict:
    """PATH as LibreOffice reads it, every tracked change settled if asked, saved as ODT at OUT
    (the test reads its XML: one save instead of a bridge round trip per text portion)."""
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, _props(Hidden=True))
    try:
        if settle:
            command = ".uno:AcceptAllTrackedChanges" if settle == "accept" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        changes = doc.getRedlines().createEnumeration().hasMoreElements()
        doc.storeToURL(uno.systemPathToFileUrl(out), _props(FilterName="writer8"))
    finally:
        doc.close(True)
    return {"odt": out, "changes": changes}


def stored(desktop, path: str, out: str, filter_name: str) -> None:
    """PATH opened and stored at OUT through LibreOffice's FILTER_NAME (as a user's "Save as" does)."""
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, _props(Hidden=True))
    try:
        doc.storeToURL(uno.systemPathToFileUrl(out), _props(FilterName=filter_name))
    finally:
        doc.close(True)


def pdf(desktop, path: str, out: str) -> dict:
    stored(desktop, path, out, "writer_pdf_Export")
    return {"pdf": out}


def docx(desktop, path: str, out: str) -> dict:
    """PATH saved again as Word 2007-365 .docx at OUT, as a user of LibreOffice saves it."""
    stored(desktop, path, out, "MS Word 2007 XML")
    return {"docx": out}


def main() -> None:
    _, desktop, dispatcher = _connect(int(sys.argv[1]))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if request["op"] == "odt":
                answer = odt(desktop, dispatcher, request["path"], request.get("settle"), request["out"])
            elif request["op"] == "docx":
                answer = docx(desktop, request["path"], request["out"])
            else:
                answer = pdf(desktop, request["path"], request["out"])
        except Exception as error:  # reported to the test, which fails with it
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
