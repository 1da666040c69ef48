#!/usr/bin/env python3
"""Draws the SVG charts that the docs embed, from the raw TSV results of the benchmark scripts.

Dependency-free (Python 3.8+ standard library only), so every machine that runs the scripts can
draw their charts; no figure in docs/img is drawn by hand.

Two kinds of chart:

  lines  a timeline: the first column (or --x) is the x value (seconds, minutes, a round number),
         every other numeric column (or those named by --columns) is one line; --mark "X:label"
         draws a labelled vertical line at x (a fault's start and end); --y2-columns are drawn
         dashed against a right-hand axis (latency beside throughput).
  bars   grouped bars: the first column is the category (a scenario), every other numeric column
         one bar of each group (one server beside the other).

Input: a tab-separated file with a header row. Empty cells and "-" are gaps. Lines starting
with "#" are comments.

Examples:
  python3 svgchart.py lines --input faults.tsv --output docs/img/faults.svg --title "JWKS outage" \
      --columns 200,401,503 --y-label "answers/s" --mark "30:key server stops" --mark "60:key server back"
  python3 svgchart.py bars --input summary.tsv --output docs/img/http.svg --title "req/s" --y-label "req/s"
"""
import argparse
import csv
import math
import sys
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 860, 420
LEFT, RIGHT, TOP, BOTTOM = 78, 78, 48, 92
# colour-blind-safe palette (Okabe-Ito), then greys
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
           "#777777", "#BBBBBB"]
FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'


def read_table(path):
    """Returns (header, rows) of a TSV file; rows are lists of strings, comments skipped."""
    with open(path, newline="", encoding="utf-8") as source:
        lines = [line for line in source if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    table = [row for row in reader]
    if not table:
        sys.exit(f"svgchart: {path} is empty (a header row is required)")
    header = [name.strip() for name in table[0]]
    rows = [row + [""] * (len(header) - len(row)) for row in table[1:]]
    return header, rows


def number(text):
    """The cell as a float, or None for a gap or a non-number."""
    text = text.strip().replace(",", "")
    if text in ("", "-", "NA", "nan"):
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def column_index(header, name):
    if name not in header:
        sys.exit(f"svgchart: no column '{name}' (columns: {', '.join(header)})")
    return header.index(name)


def nice_ticks(low, high, count=5):
    """Round tick values covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9 and len(ticks) < 50:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def label_of(value):
    if abs(value) >= 1e6:
        return f"{value / 1e6:g}M"
    if abs(value) >= 1e4:
        return f"{value / 1e3:g}k"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


class Svg:
    def __init__(self, title):
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" {FONT} font-size="12">',
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
            f'<text x="{WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">'
            f'{escape(title)}</text>',
        ]

    def add(self, element):
        self.parts.append(element)

    def text(self, x, y, content, anchor="middle", size=12, rotate=None, colour="#333"):
        transform = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate is not None else ""
        self.add(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{colour}"'
                 f'{transform}>{escape(content)}</text>')

    def line(self, x1, y1, x2, y2, colour="#ccc", width=1, dash=None):
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                 f'stroke-width="{width}"{dashes}/>')

    def write(self, path):
        self.parts.append("</svg>")
        with open(path, "w", encoding="utf-8") as target:
            target.write("\n".join(self.parts) + "\n")


def legend(svg, names, styles):
    """One row (or more) of legend entries under the plot."""
    x, y = LEFT, HEIGHT - 28
    for name, (colour, dash, kind) in zip(names, styles):
        width = 14 + 7 * len(name) + 24
        if x + width > WIDTH - RIGHT:
            x, y = LEFT, y + 16
        if kind == "bar":
            svg.add(f'<rect x="{x}" y="{y - 9}" width="14" height="10" fill="{colour}"/>')
        else:
            svg.line(x, y - 4, x + 18, y - 4, colour, 2.5, dash)
        svg.text(x + 22, y, name, anchor="start")
        x += width


def axis_frame(svg, y_ticks, scale_y, y_label, right=False):
    plot_right = WIDTH - RIGHT
    for tick in y_ticks:
        y = scale_y(tick)
        if not right:
            svg.line(LEFT, y, plot_right, y, "#e5e5e5")
            svg.text(LEFT - 6, y + 4, label_of(tick), anchor="end")
        else:
            svg.text(plot_right + 6, y + 4, label_of(tick), anchor="start")
    if y_label:
        if right:
            svg.text(WIDTH - 16, TOP + (HEIGHT - TOP - BOTTOM) / 2, y_label, rotate=90)
        else:
            svg.text(18, TOP + (HEIGHT - TOP - BOTTOM) / 2, y_label, rotate=-90)


def draw_lines(args):
    header, rows = read_table(args.input)
    x_index = column_index(header, args.x) if args.x else 0
    y2_names = [name for name in (args.y2_columns or "").split(",") if name]
    if args.columns:
        names = [name for name in args.columns.split(",") if name]
    else:
        names = [name for i, name in enumerate(header)
                 if i != x_index and name not in y2_names and any(number(row[i]) is not None for row in rows)]
    for name in names + y2_names:
        column_index(header, name)
    points = [(number(row[x_index]), row) for row in rows]
    points = [(x, row) for x, row in points if x is not None]
    if not points:
        sys.exit(f"svgchart: {args.input} has no numeric x values in column '{header[x_index]}'")

    def series(name):
        i = header.index(name)
        return [(x, number(row[i])) for x, row in points]

    left_values = [v for name in names for _, v in series(name) if v is not None]
    right_values = [v for name in y2_names for _, v in series(name) if v is not None]
    xs = [x for x, _ in points]
    x_ticks = nice_ticks(min(xs), max(xs), 8)
    y_ticks = nice_ticks(min(0.0, min(left_values, default=0)), max(left_values, default=1), 5)
    y2_ticks = nice_ticks(min(0.0, min(right_values, default=0)), max(right_values, default=1), 5)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def scale_x(x):
        return LEFT + (x - x_ticks[0]) / (x_ticks[-1] - x_ticks[0]) * plot_w

    def scaler(ticks):
        return lambda y: TOP + plot_h - (y - ticks[0]) / (ticks[-1] - ticks[0]) * plot_h

    scale_y, scale_y2 = scaler(y_ticks), scaler(y2_ticks)
    svg = Svg(args.title)
    axis_frame(svg, y_ticks, scale_y, args.y_label)
    if y2_names:
        axis_frame(svg, y2_ticks, scale_y2, args.y2_label, right=True)
    for tick in x_ticks:
        svg.line(scale_x(tick), TOP + plot_h, scale_x(tick), TOP + plot_h + 4, "#555")
        svg.text(scale_x(tick), TOP + plot_h + 17, label_of(tick))
    svg.text(LEFT + plot_w / 2, TOP + plot_h + 34, args.x_label or header[x_index])
    svg.line(LEFT, TOP + plot_h, LEFT + plot_w, TOP + plot_h, "#555")
    svg.line(LEFT, TOP, LEFT, TOP + plot_h, "#555")
    for k, mark in enumerate(args.mark or []):
        where, _, text = mark.partition(":")
        x = number(where)
        if x is None:
            sys.exit(f"svgchart: --mark '{mark}' must be 'X:label' with a numeric X")
        if x_ticks[0] <= x <= x_ticks[-1]:
            svg.line(scale_x(x), TOP, scale_x(x), TOP + plot_h, "#b00", 1.5, "5,4")
            svg.text(scale_x(x) + 4, TOP + 12 + 14 * (k % 3), text, anchor="start", size=11, colour="#b00")
    styles = []
    for n, name in enumerate(names + y2_names):
        colour = PALETTE[n % len(PALETTE)]
        dash = "6,3" if name in y2_names else None
        scale = scale_y2 if name in y2_names else scale_y
        segments, current = [], []
        for x, v in series(name):
            if v is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(f"{scale_x(x):.1f},{scale(v):.1f}")
        if current:
            segments.append(current)
        for segment in segments:
            if len(segment) == 1:
                cx, cy = segment[0].split(",")
                svg.add(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{colour}"/>')
            else:
                dashes = f' stroke-dasharray="{dash}"' if dash else ""
                svg.add(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(segment)}"'
                        f'{dashes}/>')
        styles.append((colour, dash, "line"))
    legend(svg, [name + (" (right axis)" if name in y2_names else "") for name in names + y2_names], styles)
    svg.write(args.output)


def draw_bars(args):
    header, rows = read_table(args.input)
    names = [name for i, name in enumerate(header) if i > 0 and any(number(row[i]) is not None for row in rows)]
    if args.columns:
        names = [name for name in args.columns.split(",") if name]
        for name in names:
            column_index(header, name)
    if not names or not rows:
        sys.exit(f"svgchart: {args.input} needs a category column and at least one numeric column")
    values = [number(row[header.index(name)]) for row in rows for name in names]
    y_ticks = nice_ticks(0.0, max([v for v in values if v is not None], default=1), 5)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def scale_y(y):
        return TOP + plot_h - (y - y_ticks[0]) / (y_ticks[-1] - y_ticks[0]) * plot_h

    svg = Svg(args.title)
    axis_frame(svg, y_ticks, scale_y, args.y_label)
    svg.line(LEFT, TOP + plot_h, LEFT + plot_w, TOP + plot_h, "#555")
    group_w = plot_w / len(rows)
    bar_w = group_w * 0.8 / len(names)
    for g, row in enumerate(rows):
        group_x = LEFT + g * group_w + group_w * 0.1
        svg.text(LEFT + (g + 0.5) * group_w, TOP + plot_h + 17, row[0])
        for b, name in enumerate(names):
            v = number(row[header.index(name)])
            if v is None:
                continue
            x, y = group_x + b * bar_w, scale_y(v)
            svg.add(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.92:.1f}" height="{TOP + plot_h - y:.1f}" '
                    f'fill="{PALETTE[b % len(PALETTE)]}"><title>{escape(name)}: {v:g}</title></rect>')
            svg.text(x + bar_w * 0.46, y - 4, f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}", size=10)
    legend(svg, names, [(PALETTE[b % len(PALETTE)], None, "bar") for b in range(len(names))])
    svg.write(args.output)


def main(argv=None):
    parser = argparse.ArgumentParser(description="SVG charts from TSV results (no dependencies).")
    kinds = parser.add_subparsers(dest="kind", required=True)
    for kind in ("lines", "bars"):
        sub = kinds.add_parser(kind)
        sub.add_argument("--input", required=True, help="TSV file with a header row")
        sub.add_argument("--output", required=True, help="SVG file to write")
        sub.add_argument("--title", default="")
        sub.add_argument("--y-label", default="")
        sub.add_argument("--columns", help="comma-separated columns to draw (default: every numeric one)")
        if kind == "lines":
            sub.add_argument("--x", help="x column (default: the first)")
            sub.add_argument("--x-label", help="x axis label (default: the x column's name)")
            sub.add_argument("--mark", action="append", help="'X:label': a vertical line at X (repeatable)")
            sub.add_argument("--y2-columns", help="comma-separated columns drawn against a right-hand axis")
            sub.add_argument("--y2-label", default="")
    args = parser.parse_args(argv)
    (draw_lines if args.kind == "lines" else draw_bars)(args)


if __name__ == "__main__":
    main()
