"""Charts as inline SVG drawn on the server (no script, no style attribute: CSP-safe)."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

PALETTE = ("#0d6efd", "#fd7e14", "#198754", "#6f42c1")


def bar_chart_svg(
    *, title: str, labels: list[str], series: list[str], values: list[list[float]]
) -> SafeString:
    """A horizontal bar chart as inline SVG (no script, no style attribute: CSP-safe).

    Each label sits on its own line above its bars, from the left edge: a long
    label is never cut off, and the chart stays legible when a phone scales it down."""
    bar_area, bar_height, label_height, gap = 480, 22, 20, 12
    group_height = label_height + bar_height * len(series) + gap
    legend_height = 26 if len(series) > 1 else 0
    height = max(len(labels), 1) * group_height + legend_height + 10
    width = bar_area + 80
    peak = max((v for row in values for v in row), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart img-fluid"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-label="{escape(title)}">',
    ]
    if legend_height:
        x = 0
        for i, name in enumerate(series):
            parts.append(
                f'<rect x="{x}" y="4" width="14" height="14" fill="{PALETTE[i % len(PALETTE)]}"/>'
                f'<text x="{x + 18}" y="15" font-size="14">{escape(name)}</text>'
            )
            x += 28 + 8 * len(name)
    if not labels:
        parts.append(
            f'<text x="0" y="{legend_height + 14}" font-size="14">{escape(_("No data"))}</text>'
        )
    for index, (label, row) in enumerate(zip(labels, values, strict=True)):
        top = legend_height + index * group_height
        short = label if len(label) <= 64 else label[:63] + "…"
        parts.append(f'<text x="0" y="{top + 15}" font-size="14">{escape(short)}</text>')
        for i, value in enumerate(row):
            bar = round(bar_area * float(value) / peak, 1)
            y = top + label_height + i * bar_height
            parts.append(
                f'<rect x="0" y="{y}" width="{bar}" height="{bar_height - 2}"'
                f' fill="{PALETTE[i % len(PALETTE)]}"/>'
                f'<text x="{bar + 4}" y="{y + bar_height - 6}" font-size="13">'
                f"{escape(_format(value))}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _format(value) -> str:
    """As the table under the chart shows it: in the page's language ("13,5" in Dutch)."""
    if isinstance(value, str):
        return value  # a suppressed cell ("<5")
    return floatformat(value, -1)


# Five programmes, five colours that differ for colour-blind readers too (Okabe-Ito).
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def step_chart_svg(
    *, title: str, series: list[tuple[str, list[tuple[float, float]]]], x_label: str
) -> SafeString:
    """A survival curve per series, as steps: each series is (name, [(day, share)])
    starting at (0, 1.0); the share stays level until the next point."""
    left, top, plot_w, plot_h = 44, 10, 500, 220
    legend_row = 20
    width = left + plot_w + 20
    height = top + plot_h + 40 + legend_row * len(series)
    last_day = max((day for _name, points in series for day, _s in points), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart img-fluid"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-label="{escape(title)}">',
    ]
    for share in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - share)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" stroke="#ccc"/>'
            f'<text x="0" y="{y + 5}" font-size="12">{int(share * 100)}%</text>'
        )
    parts.append(
        f'<text x="{left}" y="{top + plot_h + 18}" font-size="12">0</text>'
        f'<text x="{left + plot_w - 30}" y="{top + plot_h + 18}" font-size="12">'
        f"{int(last_day)}</text>"
        f'<text x="{left + plot_w / 2 - 40}" y="{top + plot_h + 18}" font-size="12">'
        f"{escape(x_label)}</text>"
    )
    if not series:
        parts.append(
            f'<text x="{left + 10}" y="{top + 20}" font-size="14">{escape(_("No data"))}</text>'
        )
    for index, (name, points) in enumerate(series):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        coords, previous = [], None
        for day, share in points:
            x = round(left + plot_w * day / last_day, 1)
            y = round(top + plot_h * (1 - share), 1)
            if previous is not None:
                coords.append(f"{x},{previous}")
            coords.append(f"{x},{y}")
            previous = y
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(coords)}"/>'
        )
        legend_y = top + plot_h + 30 + index * legend_row
        parts.append(
            f'<rect x="{left}" y="{legend_y}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{left + 20}" y="{legend_y + 12}" font-size="13">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
