@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules

/// Hand-built reports for the reporter tests: findings no real rule writes (hostile text, every
/// severity), a waived finding and a file that could not be read.
enum ReporterFixtures {
    /// Everything an output format must escape or survive: `%`, CR, LF, `:`, `,`, markup, quotes,
    /// a tab, NUL, ESC, BEL, a character outside the BMP and U+FFFF.
    static let hostile = "100% sure: a, b <c> & \"d\" 'e'\r\n::error::injected\ttab \u{0}\u{1B}[31m\u{7} 🙂 \u{FFFF} end"

    static func finding(_ rule: String, _ severity: Severity, _ message: String, entity: String? = "web-1",
                        field: String? = "tls", file: String = "shop.json", line: Int = 3, column: Int = 7) -> Finding {
        var finding = Finding(ruleID: rule, severity: severity, message: message, entityID: entity, fieldPath: field,
                              location: Location(file: file, line: line, column: column))
        finding.fingerprint = String(SHA256.hex(Array("\(rule)|\(file)|\(line)".utf8)).prefix(16))
        return finding
    }

    /// One finding of each severity (the error's message hostile, the note about the file as a whole),
    /// one waived finding, and a second file that is not JSON.
    static var mixedReport: ValidationReport {
        var report = ValidationReport()
        report.files = [
            FileResult(path: "broken, really.json",
                       status: .failed(.malformedJSON(Location(file: "broken, really.json", line: 2, column: 14), "expected a value after ','"))),
        ]
        report.findings = [
            finding("plaintext-cross-domain", .error, hostile, file: "dir:x/shop, 1%.json"),
            finding("unmonitored-service", .warning, "service 'app' is watched by no monitor", line: 5, column: 3),
            finding("unknown-key", .note, "a note about the file", entity: nil, field: nil, line: 9, column: 1),
        ]
        report.suppressed = [
            SuppressedFinding(finding: finding("secret-in-source", .error, "secret 'db' is kept in source code", entity: "db", field: "storage", line: 4),
                              reason: "moving to vault <Q1> & \"soon\"", owner: "ops"),
        ]
        return report
    }
}
