"""A self-contained SVG chart: stacked bars per column and a line on a second axis.

Made for slides (16:9, white background, system sans-serif font), with no script,
no external reference, no timestamp and no random id: the same chart gives the same
bytes.  Every text is escaped, and characters XML cannot hold are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..escape import xml_attribute

WIDTH, HEIGHT = 960, 540
_LEFT, _RIGHT, _TOP, _BOTTOM = 80, 880, 90, 410
_INTERVALS = 5
_TEXT = "#222222"
_GRID = "#DDDDDD"


@dataclass(frozen=True)
class Series:
    """One named row of values, one per column, drawn in COLOUR (a #RRGGBB)."""

    name: str
    colour: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Chart:
    """What to draw: BARS stacked bottom first on the left axis, LINE on the right one."""

    title: str
    labels: tuple[str, ...]
    bars: tuple[Series, ...]
    line: Series
    bar_axis: str
    line_axis: str
    subtitle: str = ""


def render(chart: Chart) -> bytes:
    """The chart as UTF-8 SVG bytes."""
    bar_top = nice_top(max((sum(column) for column in zip(*(s.values for s in chart.bars), strict=True)), default=0))
    line_top = nice_top(max(chart.line.values, default=0))
    parts = [
        _header(chart),
        *_grid(bar_top, line_top, chart.line.colour),
        *_axis_titles(chart),
        *_stacks(chart, bar_top),
        *_line(chart.line, line_top, len(chart.labels)),
        *_column_labels(chart.labels),
        *_legend(chart),
        "</svg>\n",
    ]
    return "".join(parts).encode("utf-8")


def nice_top(most: int) -> int:
    """The top of an axis holding MOST in five equal, round intervals (1, 2, 2.5 or 5 × 10ⁿ each)."""
    step, scale = 1, 1
    while True:
        for mantissa in (1, 2, 2.5, 5):
            step = int(mantissa * scale)
            if step == mantissa * scale and step * _INTERVALS >= most:
                return step * _INTERVALS
        scale *= 10


def _text(value: str) -> str:
    return xml_attribute(value)


def _num(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _header(chart: Chart) -> str:
    title = _text(chart.title)
    subtitle = f'<text x="{_LEFT}" y="58" font-size="14" fill="#555555">{_text(chart.subtitle)}</text>\n' if chart.subtitle else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="chart-title" font-family="Helvetica, Arial, sans-serif" font-size="12" fill="{_TEXT}">\n'
        f'<title id="chart-title">{title}</title>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>\n'
        f'<text x="{_LEFT}" y="34" font-size="22" font-weight="bold">{title}</text>\n' + subtitle
    )


def _y(value: float, top: int) -> float:
    return _BOTTOM - (_BOTTOM - _TOP) * value / top


def _grid(bar_top: int, line_top: int, line_colour: str) -> list[str]:
    out = ['<g class="grid">\n']
    for i in range(_INTERVALS + 1):
        y = _num(_y(i, _INTERVALS))
        out.append(f'<line x1="{_LEFT}" y1="{y}" x2="{_RIGHT}" y2="{y}" stroke="{_GRID if i else "#888888"}" stroke-width="1"/>\n')
        out.append(f'<text x="{_LEFT - 8}" y="{y}" dy="4" text-anchor="end">{bar_top * i // _INTERVALS}</text>\n')
        out.append(f'<text x="{_RIGHT + 8}" y="{y}" dy="4" fill="{line_colour}">{line_top * i // _INTERVALS}</text>\n')
    out.append("</g>\n")
    return out


def _axis_titles(chart: Chart) -> list[str]:
    middle = _num((_TOP + _BOTTOM) / 2)
    return [
        f'<text transform="translate(24 {middle}) rotate(-90)" text-anchor="middle" font-size="13">{_text(chart.bar_axis)}</text>\n',
        f'<text transform="translate({WIDTH - 20} {middle}) rotate(90)" text-anchor="middle" font-size="13" fill="{chart.line.colour}">'
        f"{_text(chart.line_axis)}</text>\n",
    ]


def _centre(i: int, columns: int) -> float:
    return _LEFT + (_RIGHT - _LEFT) * (i + 0.5) / columns


def _stacks(chart: Chart, top: int) -> list[str]:
    columns = len(chart.labels)
    if not columns:
        return []
    width = min(80.0, (_RIGHT - _LEFT) / columns * 0.6)
    out = ['<g class="bars">\n']
    for i, label in enumerate(chart.labels):
        base = 0
        for series in chart.bars:
            value = series.values[i]
            if value:
                y, height = _y(base + value, top), _y(base, top) - _y(base + value, top)
                out.append(
                    f'<rect x="{_num(_centre(i, columns) - width / 2)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}" '
                    f'fill="{series.colour}"><title>{_text(f"{label}: {series.name} {value}")}</title></rect>\n'
                )
            base += value
    out.append("</g>\n")
    return out


def _line(series: Series, top: int, columns: int) -> list[str]:
    if not columns:
        return []
    points = [(_centre(i, columns), _y(v, top), v) for i, v in enumerate(series.values)]
    out = [f'<g class="line" fill="{series.colour}">\n']
    if len(points) > 1:
        coordinates = " ".join(f"{_num(x)},{_num(y)}" for x, y, _ in points)
        out.append(f'<polyline points="{coordinates}" fill="none" stroke="{series.colour}" stroke-width="3" stroke-linejoin="round"/>\n')
    for x, y, value in points:
        out.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="5" stroke="#FFFFFF" stroke-width="1.5"/>\n')
        out.append(
            f'<text x="{_num(x)}" y="{_num(y - 11)}" text-anchor="middle" font-weight="bold" stroke="#FFFFFF" stroke-width="3" paint-order="stroke">{value}</text>\n'
        )
    out.append("</g>\n")
    return out


def _column_labels(labels: tuple[str, ...]) -> list[str]:
    columns = len(labels)
    slot = (_RIGHT - _LEFT) / columns if columns else 0
    # About 7 px a character at 12 px: labels that would overlap are slanted.
    slanted = any(len(label) * 7 > slot - 6 for label in labels)
    out = ['<g class="labels">\n']
    longest = 16 if slanted else 24  # a slanted label must end above the legend
    for i, label in enumerate(labels):
        shown = _text(label if len(label) <= longest else label[: longest - 1] + "…")
        x, y = _num(_centre(i, columns)), _BOTTOM + 20
        if slanted:
            out.append(f'<text transform="translate({x} {y}) rotate(-30)" text-anchor="end">{shown}</text>\n')
        else:
            out.append(f'<text x="{x}" y="{y}" text-anchor="middle">{shown}</text>\n')
    out.append("</g>\n")
    return out


def _legend(chart: Chart) -> list[str]:
    out = ['<g class="legend">\n']
    x, y = float(_LEFT), HEIGHT - 22
    for series in chart.bars:
        out.append(f'<rect x="{_num(x)}" y="{y - 11}" width="14" height="14" fill="{series.colour}"/>\n')
        out.append(f'<text x="{_num(x + 20)}" y="{y}">{_text(series.name)}</text>\n')
        x += 34 + 7 * len(series.name)
    line = chart.line
    out.append(f'<line x1="{_num(x)}" y1="{y - 4}" x2="{_num(x + 22)}" y2="{y - 4}" stroke="{line.colour}" stroke-width="3"/>\n')
    out.append(f'<circle cx="{_num(x + 11)}" cy="{y - 4}" r="4" fill="{line.colour}"/>\n')
    out.append(f'<text x="{_num(x + 28)}" y="{y}">{_text(line.name)}</text>\n')
    out.append("</g>\n")
    return out
