#!/usr/bin/env python3
"""Render Mermaid diagrams with Mermaid's own renderer in headless Chromium, with Mermaid's default
configuration (only startOnLoad is turned off), and report each one's outcome.

usage: scripts/mermaid-render.py --mermaid-js FILE [--chromium PATH] [--json OUT] [--screenshot-dir DIR] INPUT...

An INPUT ending in .md contributes each of its ```mermaid blocks; any other INPUT (the output of
`infractl docs --format mermaid`) is one diagram. Each diagram is handed to `mermaid.render`; it
fails when render throws (a parse error, "Edge limit exceeded"), when the SVG is Mermaid's
stand-in for an over-long text ("Maximum text size in diagram exceeded") or an error diagram, when
it draws no node although the text has more than its header line, or when the text is over the default limits (50,000 UTF-16 code units,
500 edges). Exit status: 0 when every diagram rendered, 1 when one did not, 2 on a usage error or
when Chromium gave no answer.

Used by scripts/check-render; it needs nothing beyond Python's standard library and Chromium.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

MAX_TEXT_SIZE = 50_000   # Mermaid's default maxTextSize
MAX_EDGES = 500          # Mermaid's default maxEdges

# The page's script: renders each diagram of window.DIAGRAMS in turn and writes one JSON array into
# <pre id="result">. Everything a diagram shows about itself is measured from the SVG Mermaid made.
HARNESS = r"""
(async () => {
  const out = [];
  const result = document.getElementById('result');
  try {
    mermaid.initialize({ startOnLoad: false });
  } catch (e) {
    result.textContent = JSON.stringify({ fatal: 'initialize: ' + e });
    return;
  }
  for (let i = 0; i < window.DIAGRAMS.length; i++) {
    const d = window.DIAGRAMS[i];
    const entry = { name: d.name, chars: d.text.length };
    const started = performance.now();
    try {
      // The edges Mermaid parsed (what maxEdges counts); a self-loop may be drawn as several paths.
      const parsed = await mermaid.mermaidAPI.getDiagramFromText(d.text);
      if (parsed.db && parsed.db.getEdges) entry.parsedEdges = parsed.db.getEdges().length;
      const { svg } = await mermaid.render('d' + i, d.text);
      entry.ms = Math.round(performance.now() - started);
      entry.svgBytes = svg.length;
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      document.getElementById('stage').appendChild(holder);
      const root = holder.querySelector('svg');
      entry.nodes = holder.querySelectorAll('g.node').length;
      entry.clusters = holder.querySelectorAll('g.cluster').length;
      entry.edges = holder.querySelectorAll('g.edgePaths > path, path.flowchart-link, path[data-edge="true"]').length;
      const box = root ? root.getBBox() : { width: 0, height: 0 };
      entry.width = Math.round(box.width);
      entry.height = Math.round(box.height);
      const text = holder.textContent || '';
      if (text.includes('Maximum text size in diagram exceeded')) {
        entry.error = 'Maximum text size in diagram exceeded (Mermaid drew its stand-in diagram)';
      } else if (root && (root.getAttribute('aria-roledescription') === 'error' || text.includes('Syntax error in text'))) {
        entry.error = 'Mermaid drew its error diagram: ' + text.trim().slice(0, 200);
      } else if (entry.nodes === 0 && d.text.trim().split('\n').length > 1) {
        entry.error = 'the SVG has no node';
      } else if (entry.nodes === 0) {
        entry.empty = true;
      }
      if (!window.KEEP) holder.remove();
    } catch (e) {
      entry.ms = Math.round(performance.now() - started);
      entry.error = String((e && e.message) || e).slice(0, 500);
    }
    out.push(entry);
  }
  result.textContent = JSON.stringify({ results: out });
})();
"""


def diagrams_of(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    base = os.path.basename(path)
    if not path.endswith(".md"):
        return [(base, text)]
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", text, flags=re.S | re.M)
    return [(f"{base}#{i + 1}", block) for i, block in enumerate(blocks)]


def edge_lines(text):
    """The edge statements of a flowchart's text, counted the way our renderer writes them."""
    return sum(1 for line in text.splitlines() if re.search(r"(-->|---|-\.->|==>|--\s|-\.-)", line))


def render(diagrams, mermaid_js, chromium, keep=False, screenshot=None, budget_ms=600_000, timeout=900):
    with tempfile.TemporaryDirectory(prefix="mermaid-render-") as work:
        with open(os.path.join(work, "diagrams.js"), "w", encoding="utf-8") as f:
            f.write("window.KEEP = %s;\nwindow.DIAGRAMS = " % ("true" if keep else "false"))
            json.dump([{"name": n, "text": t} for n, t in diagrams], f)
            f.write(";\n")
        with open(os.path.join(work, "harness.js"), "w", encoding="utf-8") as f:
            f.write(HARNESS)
        page = os.path.join(work, "page.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>mermaid render</title></head><body>'
                    '<pre id="result"></pre><div id="stage"></div>'
                    f'<script src="file://{os.path.abspath(mermaid_js)}"></script>'
                    '<script src="diagrams.js"></script><script src="harness.js"></script></body></html>')
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--allow-file-access-from-files", f"--virtual-time-budget={budget_ms}"]
        if screenshot:
            args += [f"--screenshot={screenshot}", "--window-size=1600,1200"]
        else:
            args += ["--dump-dom"]
        proc = subprocess.run(args + ["file://" + page], capture_output=True, text=True, timeout=timeout)
        if screenshot:
            return None
        match = re.search(r'<pre id="result">(.*?)</pre>', proc.stdout, flags=re.S)
        if not match or not match.group(1).strip():
            raise RuntimeError("Chromium gave no result (exit %d): %s" % (proc.returncode, proc.stderr[-2000:]))
        raw = match.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        answer = json.loads(raw)
        if "fatal" in answer:
            raise RuntimeError(answer["fatal"])
        return answer


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mermaid-js", required=True, help="Mermaid's browser bundle (an IIFE build that sets globalThis.mermaid)")
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--json", help="write every diagram's outcome here")
    parser.add_argument("--batch", type=int, default=40, help="diagrams per Chromium run (default 40)")
    parser.add_argument("inputs", nargs="+")
    options = parser.parse_args()

    diagrams = []
    for path in options.inputs:
        found = diagrams_of(path)
        if not found:
            print(f"FAIL {path}: no mermaid diagram in it", file=sys.stderr)
            return 1
        diagrams += found
    results = []
    with open(options.mermaid_js, encoding="utf-8", errors="replace") as f:
        found = re.findall(r'version:"(1\d\.\d+\.\d+)"', f.read())
    version = found[0] if len(set(found)) == 1 else "?"
    for start in range(0, len(diagrams), options.batch):
        batch = diagrams[start:start + options.batch]
        started = time.monotonic()
        try:
            answer = render(batch, options.mermaid_js, options.chromium)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        for (name, text), entry in zip(batch, answer["results"]):
            entry["edgeLines"] = edge_lines(text)
            problems = []
            if entry.get("error"):
                problems.append(entry["error"])
            if len(text.encode("utf-16-le")) // 2 > MAX_TEXT_SIZE:
                problems.append(f"text of {len(text.encode('utf-16-le')) // 2} UTF-16 units is over {MAX_TEXT_SIZE}")
            counted = entry.get("parsedEdges", entry["edgeLines"])
            if counted > MAX_EDGES:
                problems.append(f"{counted} edges is over {MAX_EDGES}")
            entry["ok"] = not problems
            entry["problems"] = problems
            results.append(entry)
        print(f"  ({len(batch)} diagrams in {time.monotonic() - started:.1f}s)", file=sys.stderr)

    failed = 0
    for entry in results:
        if entry["ok"] and entry.get("empty"):
            print(f"ok   {entry['name']}: an empty flowchart (nothing to draw), rendered as an empty SVG")
        elif entry["ok"]:
            print(f"ok   {entry['name']}: {entry['chars']} chars, {entry.get('parsedEdges', '?')} edges parsed "
                  f"({entry['edges']} paths drawn), {entry['nodes']} nodes, {entry['clusters']} subgraphs, "
                  f"{entry['width']}x{entry['height']} px, {entry['ms']} ms")
        else:
            failed += 1
            print(f"FAIL {entry['name']}: {entry['chars']} chars: " + "; ".join(entry["problems"]))
    print(f"mermaid {version}: {len(results) - failed} of {len(results)} diagrams rendered")
    if options.json:
        with open(options.json, "w", encoding="utf-8") as f:
            json.dump({"mermaid": version, "results": results}, f, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
