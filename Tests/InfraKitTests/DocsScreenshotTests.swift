import Foundation
import Testing
import InfraKit

/// The HTML page as a person sees it: headless Chromium screenshots the classroom7 page, and the
/// picture must hold far more than an empty page's. Skipped where Chromium is not installed.
@Suite("Architecture docs screenshot")
struct DocsScreenshotTests {
    @Test(.enabled(if: DocsTools.chromium != nil, "Chromium is not installed"))
    func classroom7PageIsNotBlank() throws {
        let chromium = try #require(DocsTools.chromium)
        let directory = try TemporaryDirectory()
        let page = directory.path + "/classroom7.html"
        let run = runCLI(["docs", "inventories/classroom7.json", "--as-of", SeedGoldenTests.asOf, "--format", "html", "--output", page])
        #expect(run.code == 0)
        let blank = try directory.write("blank.html", "<!DOCTYPE html><html><body></body></html>")

        func screenshot(_ file: String, _ png: String) throws -> Int {
            let result = try DocsTools.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                      "--screenshot=\(png)", "--window-size=1400,2000", "file://\(file)"], timeout: 90)
            #expect(result.status == 0, "\(result.stderr)")
            let attributes = try FileManager.default.attributesOfItem(atPath: png)
            return (attributes[.size] as? Int) ?? 0
        }
        let pageSize = try screenshot(page, directory.path + "/page.png")
        let blankSize = try screenshot(blank, directory.path + "/blank.png")
        let header = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.path + "/page.png")).prefix(8))
        #expect(header == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
        // A white page compresses to a few kilobytes; text, tables and a diagram do not.
        #expect(pageSize > 20 * blankSize, "page \(pageSize) bytes, blank \(blankSize) bytes")
        #expect(pageSize > 50_000)
    }
}
