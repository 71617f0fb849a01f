import Testing
@testable import InfraOutput

/// The shortcuts `infractl docs` takes on large inventories give what the long way gives: a
/// Mermaid drawing that stops once it passes the limits decides as a full drawing would, a piece's
/// text does not depend on what its part is called.
@Suite("Docs rendering shortcuts")
struct DocsShortcutTests {
    // MARK: Mermaid

    /// Runs of units as the splitting draws them: everything, each environment, each provider, halves.
    static func pieces(_ drawing: MermaidRenderer.Drawing) -> [ArraySlice<MermaidRenderer.Drawing.Unit>] {
        var pieces = [drawing.units[...]]
        for environment in Set(drawing.units.map(\.environment)) {
            let units = drawing.units.filter { $0.environment == environment }
            pieces.append(units[...])
            for domain in Set(units.map(\.domain)) {
                let domainUnits = units.filter { $0.domain == domain }
                pieces += [domainUnits[...], domainUnits[..<(domainUnits.count / 2)], domainUnits[(domainUnits.count / 2)...],
                           domainUnits.prefix(1)]
            }
        }
        return pieces
    }

    @Test(arguments: [(500, 50_000), (90, 50_000), (45, 50_000), (500, 4_000), (20, 1_500), (1, 1)])
    func aDrawingThatStopsEarlyDecidesAsAFullOne(_ maxEdges: Int, _ maxTextSize: Int) throws {
        let model = try DocsRenderingTests.model(DocsRenderingTests.large(environments: 2, providers: 3, hosts: 20))
        let drawing = MermaidRenderer.Drawing(model: model)
        for (offset, units) in Self.pieces(drawing).enumerated() {
            let part: String? = offset == 0 ? nil : "piece \(offset)"
            let full = drawing.render(units: units, part: part)
            let fits = full.edgeCount <= maxEdges && full.text.utf16.count <= maxTextSize
            let checked = drawing.renderIfFits(units: units, part: part, maxEdges: maxEdges, maxTextSize: maxTextSize)
            #expect((checked != nil) == fits, "piece \(offset): \(units.count) placements")
            if let checked {
                #expect(checked.text == full.text)
                #expect(checked.edgeCount == full.edgeCount)
                #expect(checked.part == part)
            }
        }
    }

    @Test func aPiecesTextDoesNotDependOnItsPartsName() throws {
        let model = try DocsRenderingTests.model(DocsRenderingTests.large(environments: 2, providers: 3, hosts: 6))
        let drawing = MermaidRenderer.Drawing(model: model)
        for units in Self.pieces(drawing) {
            let named = drawing.render(units: units, part: "environment env-0, provider aws-0")
            let renamed = drawing.render(units: units, part: "environment env-0, provider aws-0, part 2 of 3")
            #expect(named.text == renamed.text)
            #expect(named.edgeCount == renamed.edgeCount)
        }
    }
}
