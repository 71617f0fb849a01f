#!/usr/bin/env python3
"""Open pages of `infractl docs --format html` in headless Chromium, as they are (strict CSP, no
script), and check that each page's diagram is there and shows.

usage: scripts/html-render.py [--chromium PATH] [--max-bytes N] [--screenshot-dir DIR] [--json OUT] PAGE...

Each page is loaded into an iframe of a probe page (the page itself runs no script), and its
`figure.diagram svg` is measured. A page fails when it is over --max-bytes (default 5 MB), when it
has no diagram, when the diagram is hidden or has no size or no text, when Chromium reports a
Content Security Policy violation for it, or when it took over 30 seconds to load. A diagram whose
drawing reaches past its own viewBox (cut off at the edge) is reported as a warning, and with
--strict-clipping as a failure. Exit status: 0 all good, 1 a page failed, 2 Chromium gave no answer.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

PROBE = r"""
(async () => {
  const out = [];
  const frame = document.getElementById('f');
  for (const page of window.PAGES) {
    const entry = { page };
    const started = performance.now();
    await new Promise(resolve => { frame.onload = resolve; frame.src = page; });
    entry.loadMs = Math.round(performance.now() - started);
    try {
      const d = frame.contentDocument;
      entry.title = d.title;
      const svg = d.querySelector('figure.diagram svg');
      if (!svg) {
        entry.error = 'no figure.diagram svg in the page';
      } else {
        const view = d.defaultView;
        const style = view.getComputedStyle(svg);
        const rect = svg.getBoundingClientRect();
        entry.shown = { width: Math.round(rect.width), height: Math.round(rect.height), top: Math.round(rect.top + view.scrollY) };
        entry.hidden = style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) === 0;
        entry.texts = svg.querySelectorAll('text').length;
        entry.shapes = svg.querySelectorAll('path, rect, polygon, ellipse').length;
        const box = svg.getBBox();
        const vb = svg.viewBox && svg.viewBox.baseVal;
        entry.drawing = [Math.round(box.x), Math.round(box.y), Math.round(box.x + box.width), Math.round(box.y + box.height)];
        if (vb && vb.width > 0) {
          entry.viewBox = [Math.round(vb.x), Math.round(vb.y), Math.round(vb.x + vb.width), Math.round(vb.y + vb.height)];
          const slack = Math.max(4, 0.002 * Math.max(vb.width, vb.height));
          entry.clipped = box.x < vb.x - slack || box.y < vb.y - slack ||
            box.x + box.width > vb.x + vb.width + slack || box.y + box.height > vb.y + vb.height + slack;
        }
        // How much the drawing is shrunk to fit the page: 0.1 means one tenth of its drawn size.
        if (vb && vb.width > 0) entry.scale = Math.round(1000 * rect.width / vb.width) / 1000;
        if (entry.hidden) entry.error = 'the diagram is hidden';
        else if (rect.width < 10 || rect.height < 10) entry.error = 'the diagram has no size on the page';
        else if (entry.texts === 0) entry.error = 'the diagram has no text';
      }
      entry.documentHeight = d.documentElement.scrollHeight;
    } catch (e) {
      entry.error = String(e);
    }
    out.push(entry);
  }
  document.getElementById('result').textContent = JSON.stringify(out);
})();
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--max-bytes", type=int, default=5_000_000)
    parser.add_argument("--strict-clipping", action="store_true", help="fail, not warn, when a drawing reaches past its viewBox")
    parser.add_argument("--screenshot-dir", help="also save a 1400x2000 screenshot of the top of each page here")
    parser.add_argument("--json", help="write every page's measurements here")
    parser.add_argument("pages", nargs="+")
    options = parser.parse_args()

    pages = [os.path.abspath(p) for p in options.pages]
    with tempfile.TemporaryDirectory(prefix="html-render-") as work:
        with open(os.path.join(work, "pages.js"), "w", encoding="utf-8") as f:
            f.write("window.PAGES = " + json.dumps(["file://" + p for p in pages]) + ";\n")
        with open(os.path.join(work, "probe.js"), "w", encoding="utf-8") as f:
            f.write(PROBE)
        probe = os.path.join(work, "probe.html")
        with open(probe, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html><html><body><pre id="result"></pre>'
                    '<iframe id="f" style="width:1400px;height:1000px"></iframe>'
                    '<script src="pages.js"></script><script src="probe.js"></script></body></html>')
        proc = subprocess.run([options.chromium, "--headless", "--no-sandbox", "--disable-gpu",
                               "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0",
                               "--virtual-time-budget=300000", "--dump-dom", "file://" + probe],
                              capture_output=True, text=True, timeout=600)
    match = re.search(r'<pre id="result">(.*?)</pre>', proc.stdout, flags=re.S)
    if not match or not match.group(1).strip():
        print("error: Chromium gave no result (exit %d): %s" % (proc.returncode, proc.stderr[-2000:]), file=sys.stderr)
        return 2
    raw = match.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    results = json.loads(raw)
    # Console lines for CSP violations name the document they happened in.
    violations = {}
    for line in proc.stderr.splitlines():
        if "Content Security Policy" in line:
            source = re.search(r"source: (file://\S+)", line)
            violations.setdefault(source.group(1) if source else "?", []).append(line.split('"', 1)[-1][:200])

    failed = 0
    for path, entry in zip(pages, results):
        size = os.path.getsize(path)
        entry["bytes"] = size
        problems = []
        if entry.get("error"):
            problems.append(entry["error"])
        if size > options.max_bytes:
            problems.append(f"{size} bytes is over {options.max_bytes}")
        if entry["loadMs"] > 30_000:
            problems.append(f"took {entry['loadMs']} ms to load")
        for message in violations.get("file://" + path, []):
            problems.append("CSP violation: " + message)
        warnings = []
        if entry.get("clipped"):
            note = f"the drawing {entry['drawing']} reaches past its viewBox {entry['viewBox']}: cut off at the edge"
            (problems if options.strict_clipping else warnings).append(note)
        entry["problems"], entry["warnings"] = problems, warnings
        name = os.path.basename(path)
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            print(f"ok   {name}: {size} bytes, loaded in {entry['loadMs']} ms, diagram {entry['shown']['width']}x{entry['shown']['height']} px "
                  f"at y={entry['shown']['top']} (scale {entry.get('scale', '?')}), {entry['texts']} texts, {entry['shapes']} shapes")
        for warning in warnings:
            print(f"WARN {name}: {warning}")
        if options.screenshot_dir:
            os.makedirs(options.screenshot_dir, exist_ok=True)
            png = os.path.join(options.screenshot_dir, name.rsplit(".", 1)[0] + ".png")
            subprocess.run([options.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            f"--screenshot={png}", "--window-size=1400,2000", "file://" + path],
                           capture_output=True, timeout=120)
    print(f"{len(results) - failed} of {len(results)} pages show their diagram")
    if options.json:
        with open(options.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
