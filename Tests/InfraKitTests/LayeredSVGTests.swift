import Foundation
import Testing
@testable import InfraKit

/// The built-in layout (the HTML page's diagram without Graphviz) keeps its drawing inside its own
/// viewBox. A dependency within a column curves out on the right, the further the more rows it
/// spans; the SVG was as wide as the three columns, so a long curve and its label were cut off at
/// the right edge (found by scripts/check-render on the mixed 10k inventory's page).
@Suite("Built-in layered layout")
struct LayeredSVGTests {
    /// 80 services in the services column, each depending on the first: the longest curve spans 79 rows.
    static let column: String = {
        var services: [String] = []
        for i in 0..<80 {
            let dependency = i == 0 ? "" : #", "dependsOn": [{"target": "svc-0", "protocol": "https", "tls": true}]"#
            services.append(#"{"id": "svc-\#(i)", "environment": "prod", "kind": "web", "provider": "aws"\#(dependency)}"#)
        }
        return """
        {"infractl": 2, "name": "column", "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "aws", "kind": "aws", "region": "us-east-1"}], "services": [\(services.joined(separator: ","))]}
        """
    }()

    static func numbers(_ text: Substring) -> [Int] {
        text.split(whereSeparator: { !"-0123456789".contains($0) }).compactMap { Int($0) }
    }

    @Test func aLongCurveWithinAColumnAndItsLabelStayInsideTheViewBox() throws {
        let svg = LayeredSVGRenderer().render(try DocsRenderingTests.model(Self.column))
        let viewBox = try #require(svg.firstMatch(of: /viewBox="0 0 (\d+) (\d+)" width="(\d+)"/))
        let width = try #require(Int(viewBox.1))
        #expect(Int(viewBox.3) == width)
        // Wider than the three columns (1158), since the curves need it.
        #expect(width > 1158)
        var curves = 0
        for match in svg.matches(of: /<path d="M(\d+),(\d+) C(\d+),(\d+) (\d+),(\d+) (\d+),(\d+)"/) {
            let (startX, controlX, endX) = (Int(match.1)!, Int(match.3)!, Int(match.7)!)
            // Both control points at the same x: the curve's rightmost point.
            let peak = startX / 8 + 3 * controlX / 4 + endX / 8
            #expect(peak <= width, "\(match.0) reaches x=\(peak), past the viewBox's \(width)")
            curves += 1
        }
        #expect(curves == 79)
        var labels = 0
        for match in svg.matches(of: /<text x="(\d+)" y="\d+" class="label" text-anchor="middle">([^<]*)</) {
            let right = Int(match.1)! + 3 * match.2.count
            #expect(right <= width, "label \(match.2) ends at x=\(right), past the viewBox's \(width)")
            labels += 1
        }
        #expect(labels == 79)
    }

    @Test func aDrawingWithoutLongCurvesKeepsTheWidthOfItsColumns() throws {
        // classroom7's page: its curves fit, so its SVG is as wide as before.
        let model = try DocsRenderingTests.model(String(contentsOfFile: "inventories/classroom7.json", encoding: .utf8))
        let svg = LayeredSVGRenderer().render(model)
        #expect(svg.contains(#"viewBox="0 0 1158 "#))
    }
}
