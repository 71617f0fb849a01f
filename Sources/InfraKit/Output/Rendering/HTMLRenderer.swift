import InfraModel

/// The architecture docs as one self-contained page of well-formed XHTML-compatible HTML: inline
/// CSS allowed by hash in its Content-Security-Policy, no external assets, no JavaScript. The content is `ArchitectureDocument`'s blocks (the same as the Markdown), the
/// diagram an inline SVG — Graphviz's when the caller ran `dot -Tsvg`, else `LayeredSVGRenderer`'s.
///
/// Every inventory text is redacted and escaped by `HTMLText`; Graphviz's SVG is taken only as
/// `GraphvizSVG` checks it. Collapsible notes use `<details>`.
public struct HTMLRenderer: Sendable {
    public init() {}

    /// `graphvizSVG`: what `dot -Tsvg` made of `DOTRenderer`'s output for the same `plan`, or nil to
    /// draw the built-in layout. `plan`: what the diagram shows and the tables list (default: the
    /// whole system, or its aggregated overview past Mermaid's limits).
    public func render(_ model: ArchitectureModel, plan: DiagramPlan? = nil, graphvizSVG: String? = nil) -> String {
        let plan = plan ?? DiagramPlan(model)
        let document = ArchitectureDocument(model, plan: plan)
        var html = Self.head(title: model.name + " — architecture", policy: Self.contentSecurityPolicy, generator: "infractl docs")
        for block in document.blocks {
            html += self.block(block, model, plan, graphvizSVG: graphvizSVG) + "\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// A page's start, to its open `<main>`: the policy, the page's style, the title (inventory text).
    static func head(title: String, policy: String, generator: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="\(policy)"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="\(generator)"/>
        <link rel="icon" href="data:,"/>
        <title>\(text(title))</title>
        \(styleElement(style))
        </head>
        <body>
        <main>

        """
    }

    /// The page's policy: nothing loads or runs but its own two style blocks (the page's and the
    /// built-in diagram's, named by their SHA-256), and the empty icon; no script at all.
    static let contentSecurityPolicy = "default-src 'none'; style-src " + [style, LayeredSVGRenderer.style].map(hashSource).joined(separator: " ")
        + "; img-src data:; base-uri 'none'; form-action 'none'"

    /// A `<style>` element holding `css`: the hash of `hashSource(css)` is of exactly this content.
    static func styleElement(_ css: String) -> String {
        "<style>\n" + css + "\n</style>"
    }

    /// The CSP source allowing the `<style>` element `styleElement(css)` and nothing else.
    static func hashSource(_ css: String) -> String {
        "'sha256-" + Base64.encode(SHA256.digest(Array(("\n" + css + "\n").utf8))) + "'"
    }

    private func block(_ block: ArchitectureDocument.Block, _ model: ArchitectureModel, _ plan: DiagramPlan, graphvizSVG: String?) -> String {
        switch block {
        case .heading(let level, let text):
            let level = max(1, min(6, level))
            return "<h\(level)>\(Self.text(text))</h\(level)>"
        case .paragraph(let inlines):
            return "<p>\(inline(inlines))</p>"
        case .list(let items):
            return "<ul>\n" + items.map { "<li>\(inline($0))</li>" }.joined(separator: "\n") + "\n</ul>"
        case .table(let headers, let rows):
            var html = "<div class=\"table\"><table>\n<thead><tr>" + headers.map { "<th>\(Self.text($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows {
                html += "<tr>" + row.enumerated().map { offset, cell in
                    offset == 0 ? "<th scope=\"row\">\(inline(cell))</th>" : "<td>\(inline(cell))</td>"
                }.joined() + "</tr>\n"
            }
            return html + "</tbody>\n</table></div>"
        case .details(let summary, let blocks):
            return "<details>\n<summary>\(Self.text(summary))</summary>\n"
                + blocks.map { self.block($0, model, plan, graphvizSVG: graphvizSVG) }.joined(separator: "\n") + "\n</details>"
        case .diagram:
            let drawnBy: String
            let svg: String
            if let graphvizSVG, let element = GraphvizSVG.checked(graphvizSVG) {
                svg = element
                drawnBy = "Drawn by Graphviz (dot) from infractl docs --format dot."
            } else {
                svg = LayeredSVGRenderer().render(model, plan: plan)
                drawnBy = plan.overview != nil
                    ? "Drawn by infractl's built-in layered layout, which keeps an aggregated overview readable at any size: entry points, services and data in columns, one band per environment. infractl docs --format dot gives the same overview for Graphviz."
                    : "Drawn by infractl's built-in layered layout (Graphviz's dot was not available): entry points, services and data in columns, one band per environment."
            }
            return "<figure class=\"diagram\">\n<div class=\"canvas\">\n\(svg)</div>\n<figcaption>\(Self.text(drawnBy))</figcaption>\n</figure>"
        }
    }

    private func inline(_ inlines: [ArchitectureDocument.Inline]) -> String {
        var html = ""
        for piece in inlines {
            switch piece {
            case .text(let text): html += Self.text(text)
            case .code(let text): html += "<code>\(Self.text(text))</code>"
            case .strong(let text): html += "<strong>\(Self.text(text))</strong>"
            case .severity(let severity): html += "<span class=\"severity \(severity.rawValue)\">\(severity.rawValue)</span>"
            case .findings(let count, let worst):
                html += "<span class=\"severity \(worst.rawValue)\" title=\"worst: \(worst.rawValue)\">\(count) finding\(count == 1 ? "" : "s")</span>"
            case .lineBreak: html += "<br/>"
            }
        }
        return html
    }

    /// Inventory text in HTML: credentials redacted, then `HTMLText`.
    static func text(_ text: String) -> String {
        HTMLText.escape(CredentialScanner.redact(text))
    }

    static let style = """
    :root{color-scheme:light;--ink:#1c2430;--muted:#55606e;--line:#d5dbe1;--head:#eef2f6;--zebra:#f8fafc;--accent:#2f5d8a}
    *{box-sizing:border-box}
    body{margin:0;background:#fff;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
    main{max-width:1360px;margin:0 auto;padding:28px 32px 64px}
    h1{font-size:30px;margin:0 0 8px;letter-spacing:-.01em}
    h2{font-size:21px;margin:40px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--line);color:#102a43}
    h3{font-size:16px;margin:24px 0 8px;color:var(--accent);text-transform:uppercase;letter-spacing:.04em}
    p{max-width:92ch;margin:8px 0}
    ul{padding-left:22px;margin:8px 0}
    li{margin:3px 0}
    code{font:12.5px/1.4 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace;background:#eef1f5;border:1px solid #e0e5eb;border-radius:4px;padding:0 4px;white-space:nowrap}
    .table{overflow-x:auto;margin:6px 0 14px;border:1px solid var(--line);border-radius:6px}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
    thead th{background:var(--head);font-weight:600;color:#334155;white-space:nowrap;position:sticky;top:0}
    tbody th{font-weight:500;white-space:nowrap}
    tbody tr:nth-child(even){background:var(--zebra)}
    tbody tr:last-child th,tbody tr:last-child td{border-bottom:0}
    details{margin:6px 0 14px;border:1px solid var(--line);border-radius:6px;padding:6px 12px;background:#fbfcfd}
    summary{cursor:pointer;color:var(--muted);font-size:13px}
    details ul{font-size:13px;color:#333}
    figure.diagram{margin:8px 0 4px}
    .canvas{overflow:auto;border:1px solid var(--line);border-radius:6px;padding:12px;background:#fff}
    .canvas svg{display:block;max-width:100%;height:auto;margin:0 auto}
    figcaption{font-size:12px;color:var(--muted);margin-top:6px}
    tbody th .severity{margin-top:3px;font-weight:500;font-size:11px}
    .severity{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;border:1px solid}
    .severity.error{background:#fde2e1;color:#a61b1b;border-color:#e6a5a0}
    .severity.warning{background:#fff3cd;color:#7a5200;border-color:#e8cf86}
    .severity.note{background:#e3f2fd;color:#0d4a8a;border-color:#9cc3ea}
    """
}
