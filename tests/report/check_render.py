#!/usr/bin/env python3
"""Renders an HTML report in headless Chromium at a wide and a narrow (phone) width, and checks
that the radar chart and its labels were actually drawn (not merely present in the markup), that
no radar label is cut at the chart's edge, that the level names over the ability bars touch
neither each other nor the area names, that no area name runs into a bar, and that the page does
not scroll sideways. The screenshots (report-wide.png, report-narrow.png) are left in the test's
working folder, or in $CLOUDTRACK_SCREENSHOTS.

usage: check_render.py CLOUDTRACK

Standard library only: the PNG is decoded with zlib.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1"]


def fail(message):
    print("check_render: " + message, file=sys.stderr)
    sys.exit(1)


def run(args, env=None, **kwargs):
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, **kwargs)
    if result.returncode != 0:
        fail("%s exited %d: %s" % (args[0], result.returncode, result.stderr.strip()[-800:]))
    return result.stdout


def decode_png(path):
    """Returns (width, height, rows of RGB tuples) for 8-bit RGB/RGBA non-interlaced PNGs."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("screenshot is not a PNG")
    pos, idat, width, height, colour = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                fail("unexpected PNG format")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


def main():
    workdir = tempfile.mkdtemp(prefix="cloudtrack-render-")
    try:
        check(sys.argv[1], workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def check(cloudtrack, workdir):
    env = {"PATH": "/usr/bin:/bin", "HOME": workdir, "CLOUDTRACK_HOME": os.path.join(workdir, "data"),
           "NO_COLOR": "1", "USER": "tester"}
    track = json.loads(run([cloudtrack, "show", "devops", "--json"], env))
    responses = {}
    for index, item in enumerate(track["items"]):
        # Roughly two in three right, so the radar has a real shape.
        right = index % 3 != 0
        if item["type"] == "numeric":
            responses[item["id"]] = item["answer"] if right else item["answer"] + 1e6
        elif item["type"] == "ordering":
            order = [o["id"] for o in item["options"]]
            responses[item["id"]] = order if right else order[::-1]
        elif item["type"] == "multiple_choice":
            responses[item["id"]] = [o["id"] for o in item["options"] if o["correct"] == right]
        else:
            responses[item["id"]] = next(o["id"] for o in item["options"] if o["correct"] == right)
    areas = [a["name"] for a in track["areas"]]
    answers = os.path.join(workdir, "answers.json")
    with open(answers, "w") as f:
        json.dump({"responses": responses, "self_ratings": {a["id"]: 2 for a in track["areas"]}}, f)
    run([cloudtrack, "assess", "devops", "--full", "--answers", answers], env)
    report = os.path.join(workdir, "report.html")
    run([cloudtrack, "report", "--latest", "devops", "--format", "html", "-o", report], env)

    # The probe script runs only on a copy: the shipped report carries no script.
    html = open(report, encoding="utf-8").read()
    # Two in three right leaves most areas between two levels: the report says how sure each is.
    if "How sure the levels are" not in html or "Professional " not in html:
        fail("the report does not give the level probabilities")
    probe = """<script>
document.addEventListener('DOMContentLoaded', () => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const all = s => [...document.querySelectorAll(s)];
  const text = e => [...e.querySelectorAll('tspan')].map(t => t.textContent).join(' ') || e.textContent;
  const out = {radar: box(document.querySelector('svg.radar')),
               measured: box(document.querySelector('svg.radar polygon.measured')),
               labels: all('svg.radar .area-label').map(e => [text(e), box(e)]),
               bars: box(document.querySelector('svg.bars')),
               levels: all('svg.bars .level-label').map(e => [e.textContent, box(e)]),
               names: all('svg.bars .bar-label').map(e => [text(e), box(e)]),
               bar_rects: all('svg.bars rect.bar').map(box),
               page: [document.documentElement.scrollWidth, window.innerWidth]};
  const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""
    probe_page = os.path.join(workdir, "probe.html")
    with open(probe_page, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>", probe + "</body>"))
    chromium = ["chromium", "--user-data-dir=" + os.path.join(workdir, "chromium")] + CHROMIUM_FLAGS
    # Screenshots stay in the test's working folder, for a person to look at.
    shots = os.environ.get("CLOUDTRACK_SCREENSHOTS", os.getcwd())
    for name, size in (("wide", "1280,1400"), ("narrow", "390,1400")):
        shot = os.path.join(shots, "report-%s.png" % name)
        run(chromium + ["--window-size=" + size, "--screenshot=" + shot, "file://" + report], env)
        layout = check_layout(chromium, size, probe_page, name, areas, env)
        check_pixels(shot, layout, name)


def overlaps(a, b, slack=0.5):
    return a[0] + slack < b[0] + b[2] and b[0] + slack < a[0] + a[2] and a[1] + slack < b[1] + b[3] and b[1] + slack < a[1] + a[3]


def inside(inner, outer, slack=1.0):
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[0] + inner[2] <= outer[0] + outer[2] + slack and inner[1] + inner[3] <= outer[1] + outer[3] + slack)


def check_layout(chromium, size, probe_page, name, areas, env):
    dom = run(chromium + ["--window-size=" + size, "--dump-dom", "file://" + probe_page], env)
    start = dom.find('<pre id="probe">')
    if start < 0:
        fail("the probe did not run")
    layout = json.loads(dom[start + len('<pre id="probe">'):dom.find("</pre>", start)].replace("&quot;", '"')
                        .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    drawn = {text: b for text, b in layout["labels"] if b[2] > 0 and b[3] > 0}
    missing = [a for a in areas if a not in drawn]
    if missing:
        fail("%s: area labels not drawn: %s" % (name, missing))
    rx, ry, rw, rh = layout["radar"]
    if rw < 200 or layout["measured"][2] <= 0:
        fail("%s: radar chart not laid out: %s" % (name, layout))
    clipped = [text for text, b in layout["labels"] if not inside(b, layout["radar"])]
    if clipped:
        fail("%s: radar labels cut at the chart's edge: %s" % (name, clipped))
    levels = layout["levels"]
    for i, (text, b) in enumerate(levels):
        for other, c in levels[i + 1:]:
            if overlaps(b, c):
                fail("%s: level names overlap: %s and %s" % (name, text, other))
        if not inside(b, layout["bars"]):
            fail("%s: level name cut at the chart's edge: %s" % (name, text))
    for text, b in layout["names"]:
        for other, c in levels:
            if overlaps(b, c):
                fail("%s: area name %s overlaps level name %s" % (name, text, other))
        for bar in layout["bar_rects"]:
            if overlaps(b, bar):
                fail("%s: area name %s runs into a bar" % (name, text))
    if layout["page"][0] > layout["page"][1] + 1:
        fail("%s: the page scrolls sideways (%d px wide in a %d px window)" % (name, layout["page"][0], layout["page"][1]))
    return layout


def check_pixels(shot, layout, name):
    rx, ry, rw, rh = layout["radar"]
    width, height, rows = decode_png(shot)
    blue = 0
    for y in range(max(0, int(ry)), min(height, int(ry + rh))):
        for x in range(max(0, int(rx)), min(width, int(rx + rw))):
            r, g, b = rows[y][x]
            if b > 150 and r < 120 and b - r > 80:  # the measured polygon's blue, over white
                blue += 1
    if blue < 300:
        fail("%s: the radar polygon is not visible in the screenshot (%d blue pixels)" % (name, blue))
    print("rendered %s: %dx%d screenshot %s, %d blue pixels in the radar, %d area labels inside the chart"
          % (name, width, height, shot, blue, len(layout["labels"])))


if __name__ == "__main__":
    main()
