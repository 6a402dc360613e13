"""The Jinja2 environment that renders md, html and txt from a resolved document.

Templates are looked up first in the user's ``--templates`` folder, then in the
packaged defaults, so a user can replace one template (or one macro file) and keep
the rest.  Undefined names fail loudly (StrictUndefined); HTML templates are
autoescaped, the others use explicit filters (``md`` escapes Markdown).  A
template's error is reported with its file and line, as a usage error (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from ..errors import UsageError

#: The template each format renders (html is autoescaped by its name).
TEMPLATE_NAMES = {"md": "consolidated.md.j2", "html": "consolidated.html.j2", "txt": "consolidated.txt.j2"}


class TemplateError(UsageError):
    """A template is broken or refers to something that does not exist (exit 2)."""


def default_templates_dir() -> Path:
    """The packaged templates: inside the wheel, or the repository's ``templates/``."""
    packaged = Path(__file__).resolve().parents[1] / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html", ".html.j2", ".htm"))


def environment(templates_dir: Path | None = None, filters: dict[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    """An environment searching TEMPLATES_DIR (if given) before the defaults."""
    search = [str(templates_dir)] if templates_dir is not None else []
    search.append(str(default_templates_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(filters or {})
    return env


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render template NAME; any failure becomes a TemplateError naming file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as err:
        where = err.filename or err.name or name
        raise TemplateError(f"{where}:{err.lineno}: template error: {err.message}") from None
    except jinja2.TemplateNotFound as err:
        raise TemplateError(f"template not found: {err.name} (looked in {', '.join(_search_path(env))})") from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as err:
        raise TemplateError(f"{_template_frame(err, name)}: template error: {_message(err)}") from None


def _search_path(env: jinja2.Environment) -> list[str]:
    loader = env.loader
    return list(loader.searchpath) if isinstance(loader, jinja2.FileSystemLoader) else []


def _template_frame(err: BaseException, name: str) -> str:
    """file:line of the innermost template frame of ERR's traceback (Jinja maps them)."""
    where = name
    tb = err.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename.replace("\\", "/"):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _message(err: BaseException) -> str:
    return str(getattr(err, "message", None) or err) or type(err).__name__
