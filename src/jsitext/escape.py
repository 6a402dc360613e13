"""Text made safe for the medium it is printed in: one escaper per medium, shared by every command.

A text's words, titles, member names, dates, tag names and file names come from
many hands; printed, none of them may become markup, a terminal command or a CI
annotation.

* :func:`markdown`: Markdown and GitHub-flavoured Markdown (emphasis, links, HTML,
  tables, headings, list markers), line breaks folded: one value, one line;
* :func:`html`: HTML text and attributes (as markupsafe escapes, so autoescaped
  templates and Python-built HTML agree);
* :func:`script_json`: data for a page's script, in ``<script type="application/json">``;
* :func:`xml_text` and :func:`xml_attribute`: SVG and WordprocessingML (characters
  XML cannot hold are dropped);
* :func:`visible`: a terminal, a plain-text report, a log: control characters (ESC,
  CR, line breaks, ...) shown as ``\\x1b``, ``\\r``, ``\\n`` instead of acting;
* :func:`github_data` and :func:`github_property`: GitHub Actions workflow commands.
"""

from __future__ import annotations

import json
import re

# -- terminal and plain text --------------------------------------------------------------
#: C0 controls but tab, DEL, C1 controls (0x9b is a terminal's CSI), and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def visible(text: object) -> str:
    """TEXT with every control character shown as an escape (``\\x1b``, ``\\n``), so that
    printing it cannot move the cursor, colour the screen or start a new line."""
    out = str(text)
    if not _CONTROL.search(out):
        return out
    return _CONTROL.sub(_shown, out)


def _shown(found: re.Match[str]) -> str:
    ch = found.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


# -- Markdown -----------------------------------------------------------------------------
# Characters that start Markdown or GFM syntax anywhere in a line (emphasis, links,
# code, HTML, headings, tables, strike-through); a backslash makes each literal.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a line: list markers, block quotes, setext underlines, ordered lists.
_MD_LINE_START = re.compile(r"^(\s*)([-+=>])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])")
#: A line break of any kind (CommonMark ends a line at CR too), with the spaces around it.
_MD_BREAK = re.compile("\\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\\s*")
_MD_ANY = re.compile("[\\\\`*_{}\\[\\]<>#|~&\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]|^\\s*[-+=>\\d]")


def markdown(text: object, *, line_start: bool = True) -> str:
    """TEXT printed literally in Markdown, on one line (line breaks folded into a space,
    other control characters shown as escapes).

    LINE_START=False where the text can never begin a line (a table cell): list
    markers and ordered-list numbers need no escape there.
    """
    out = str(text)
    if not _MD_ANY.search(out):
        return out  # the common case: nothing to escape
    out = visible(_MD_BREAK.sub(" ", out))
    out = _MD_INLINE.sub(r"\\\1", out)
    out = _MD_ENTITY.sub("&amp;", out)
    if line_start:
        out = _MD_LINE_START.sub(r"\1\\\2", out)
        out = _MD_ORDERED.sub(r"\1\\\2", out)
    return out


# -- HTML ---------------------------------------------------------------------------------
_HTML_SPECIAL = re.compile("[&<>'\"]")


def html(text: str) -> str:
    """TEXT with HTML's special characters as entities, exactly as markupsafe writes them
    (a plain string: building a Markup object per segment was a third of html's time)."""
    if not _HTML_SPECIAL.search(text):
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace('"', "&#34;")


_SCRIPT_JSON = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: object) -> str:
    """VALUE as JSON to sit in ``<script type="application/json">``: ``< > &`` (and the two line
    separators) as ``\\u`` escapes, so no text in it, ``</script>`` or ``<!--`` included, can end
    the element; ``JSON.parse`` reads them back as the same characters."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).translate(_SCRIPT_JSON)


# -- XML: SVG and WordprocessingML -------------------------------------------------------------
#: What XML 1.0 cannot hold: the complement of its Char production, spelt out (a negated class
#: spanning the astral planes costs 20 ms to compile, at the start of every command).
_NOT_XML_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_NOT_XML = re.compile(f"[{_NOT_XML_CHARS}]")
_XML_TEXT = re.compile(f"[&<>{_NOT_XML_CHARS}]")
_XML_ATTRIBUTE = re.compile(f'[&<>"{_NOT_XML_CHARS}]')


def xml_text(value: str) -> str:
    """VALUE as XML character data: ``& < >`` as entities, characters XML cannot hold dropped."""
    if not _XML_TEXT.search(value):
        return value
    return _NOT_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attribute(value: str) -> str:
    """VALUE inside a double-quoted XML attribute (and as text: quotes as ``&quot;`` are valid both ways)."""
    if not _XML_ATTRIBUTE.search(value):
        return value
    return xml_text(value).replace('"', "&quot;")


# -- GitHub Actions workflow commands ------------------------------------------------------
def github_data(value: str) -> str:
    """VALUE as the message of a workflow command: line breaks percent-encoded, other controls visible."""
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(value: str) -> str:
    """VALUE as a property (``file=``, ``title=``) of a workflow command: also no ``:`` or ``,``."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")
