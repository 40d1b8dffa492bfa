#!/usr/bin/env python3
"""Renders an HTML report in headless Chromium and checks what a reader would see.

    Scripts/browser-check.py REPORT.html --screenshot OUT.png [--window-size 1280,900] [--box X0,Y0,X1,Y1]
                             [--min-coloured N]

Runs `chromium --headless=new` on the page with its console logged to standard error, saves a screenshot, and
fails (exit 1, each problem on a line) when the page logged anything to its console (an uncaught error, a load the
page's Content-Security-Policy blocked: the report must load nothing) or when the box, in CSS pixels, holds fewer
than N strongly coloured pixels (the power plot's lines: not grey, not white). The PNG is decoded with zlib and
struct alone. Prints one line of JSON with the counts. Exit 2 when Chromium cannot be found or does not finish.
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

BROWSERS = ["chromium", "chromium-browser", "google-chrome"]


def find_browser():
    given = os.environ.get("FOOTPRINT_CHROMIUM")
    if given:
        return given
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def decode_png(data):
    """Width, height, channels and the unfiltered rows of an 8-bit, non-interlaced RGB or RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    offset = 8
    idat = b""
    width = height = channels = None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        offset += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace != 0 or colour not in (2, 6):
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = []
    previous = bytearray(stride)
    position = 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - upper_left
                a, b, c = abs(estimate - left), abs(estimate - up), abs(estimate - upper_left)
                predictor = left if a <= b and a <= c else (up if b <= c else upper_left)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(line)
        previous = line
    return width, height, channels, rows


def count_pixels(png, box):
    """Strongly coloured and non-white pixels inside box (x0, y0, x1, y1), clipped to the image."""
    width, height, channels, rows = png
    x0, y0, x1, y1 = box
    coloured = non_white = 0
    for y in range(max(0, y0), min(height, y1)):
        row = rows[y]
        for x in range(max(0, x0), min(width, x1)):
            r, g, b = row[x * channels:x * channels + 3]
            if max(r, g, b) - min(r, g, b) >= 80:
                coloured += 1
            if min(r, g, b) < 250:
                non_white += 1
    return coloured, non_white


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--window-size", default="1280,900")
    parser.add_argument("--box", help="X0,Y0,X1,Y1 in CSS pixels")
    parser.add_argument("--min-coloured", type=int, default=500)
    arguments = parser.parse_args()

    browser = find_browser()
    if browser is None:
        print("chromium is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="footprint-chromium-") as profile:
        command = [
            browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
            f"--window-size={arguments.window_size}", f"--screenshot={os.path.abspath(arguments.screenshot)}",
            "file://" + os.path.abspath(arguments.page),
        ]
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            print("chromium did not finish within 120 s", file=sys.stderr)
            return 2
    problems = []
    console = [line for line in finished.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    problems += [f"console: {line}" for line in console]
    if not os.path.exists(arguments.screenshot):
        problems.append(f"no screenshot (chromium exit status {finished.returncode}): {finished.stderr[-2000:]}")
        result = {}
    else:
        png = decode_png(open(arguments.screenshot, "rb").read())
        result = {"width": png[0], "height": png[1], "console_messages": len(console)}
        if arguments.box:
            box = tuple(int(value) for value in arguments.box.split(","))
            coloured, non_white = count_pixels(png, box)
            result.update({"box": list(box), "coloured": coloured, "non_white": non_white})
            if coloured < arguments.min_coloured:
                problems.append(f"box {box}: {coloured} coloured pixels, fewer than {arguments.min_coloured}")
    print(json.dumps(result, sort_keys=True))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
