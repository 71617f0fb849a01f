import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules
@testable import InfraOutput
@testable import InfraCLI

@Suite("Outputs, fingerprints, baselines and colour")
struct OutputAndBaselineTests {
    static let classroom7 = repositoryRoot + "/inventories/classroom7.json"

    static func findings(_ text: String, path: String = "inventory.json") throws -> [Finding] {
        let directory = try TemporaryDirectory()
        try directory.write(path, text)
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--format", "json", path], directory: directory.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let list = try #require(object["findings"] as? [[String: Any]])
        return list.map { item in
            let location = item["location"] as? [String: Any] ?? [:]
            var finding = Finding(ruleID: item["ruleId"] as? String ?? "", severity: .error, message: item["message"] as? String ?? "",
                                  entityID: item["entity"] as? String, fieldPath: item["field"] as? String,
                                  location: Location(file: location["file"] as? String ?? "", line: location["line"] as? Int ?? 0,
                                                     column: location["column"] as? Int ?? 0))
            finding.fingerprint = item["fingerprint"] as? String ?? ""
            return finding
        }
    }

    @Test func fingerprintsSurviveMovingAnEntityAndChangeWithItsName() throws {
        let original = try String(contentsOfFile: Self.classroom7, encoding: .utf8)
        let before = try Self.findings(original)
        #expect(before.count > 20)
        #expect(Set(before.map(\.fingerprint)).count == before.count, "fingerprints are unique")

        // Move the Couch datastore 20 lines down: 20 blank-ish lines of whitespace before it.
        let marker = "    {\n      \"id\": \"couchdb-cloudant\""
        let moved = original.replacingOccurrences(of: marker, with: String(repeating: "\n", count: 20) + marker)
        #expect(moved != original)
        let after = try Self.findings(moved)
        #expect(after.map(\.fingerprint).sorted() == before.map(\.fingerprint).sorted())
        let couchBefore = try #require(before.first { $0.entityID == "couchdb-cloudant" })
        let couchAfter = try #require(after.first { $0.fingerprint == couchBefore.fingerprint })
        #expect(couchAfter.location.line == couchBefore.location.line + 20)

        // Renaming the entity changes its own fingerprints and no other's.
        let renamed = original.replacingOccurrences(of: "\"couchdb-cloudant\"", with: "\"couchdb-documents\"")
        let afterRename = try Self.findings(renamed)
        let unchanged = before.filter { $0.entityID != "couchdb-cloudant" && !$0.message.contains("couchdb-cloudant") }
        let renamedIDs = Set(afterRename.map(\.fingerprint))
        #expect(unchanged.allSatisfy { renamedIDs.contains($0.fingerprint) })
        let couchRenamed = try #require(afterRename.first { $0.entityID == "couchdb-documents" && $0.ruleID == couchBefore.ruleID })
        #expect(couchRenamed.fingerprint != couchBefore.fingerprint)
    }

    @Test func fingerprintIsTheFNVHashOfTheKeyAndOccurrence() {
        // The fingerprint as first written: FNV-1a over the UTF-8 of the key joined with \u{1F},
        // the occurrence appended from the second one on, in 16 hex digits.
        func plain(_ parts: [String], occurrence: Int) -> String {
            let material = parts.joined(separator: "\u{1F}") + (occurrence == 0 ? "" : "\u{1F}\(occurrence)")
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in material.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            let digits = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        let location = Location(file: "inventories/café.json", line: 3, column: 5)
        let findings = [
            Finding(ruleID: "credential-literal", severity: .error, message: "m", entityID: "web", fieldPath: "description", location: location),
            Finding(ruleID: "credential-literal", severity: .error, message: "n", entityID: "web", fieldPath: "description", location: location),
            Finding(ruleID: "unknown-key", severity: .warning, message: "m", entityID: nil, fieldPath: nil, location: location),
            Finding(ruleID: "credential-literal", severity: .error, message: "o", entityID: "web", fieldPath: "description", location: location),
        ]
        var occurrences = Fingerprint.Occurrences()
        let fingerprints = findings.map { Fingerprint.next(for: $0, occurrences: &occurrences) }
        #expect(fingerprints[0] == plain(["credential-literal", location.file, "web", "description"], occurrence: 0))
        #expect(fingerprints[1] == plain(["credential-literal", location.file, "web", "description"], occurrence: 1))
        #expect(fingerprints[2] == plain(["unknown-key", location.file, "", ""], occurrence: 0))
        #expect(fingerprints[3] == plain(["credential-literal", location.file, "web", "description"], occurrence: 2))
        #expect(Set(fingerprints).count == 4 && fingerprints.allSatisfy { $0.utf8.count == 16 })
        // Small hashes keep their leading zeros.
        #expect(Fingerprint.hex(0x00ab) == "00000000000000ab" && Fingerprint.hex(.max) == "ffffffffffffffff")
    }

    @Test func fingerprintsNumberFindingsWhoseJoinedKeysAreEqual() {
        // The numbering counts joined keys (`Fingerprint.key`), though `next` compares their parts:
        // parts holding the separator can join to the same key, and these must share a count.
        func plain(_ findings: [Finding]) -> [String] {
            var counts: [String: Int] = [:]
            return findings.map { finding in
                let key = Fingerprint.key(finding)
                let occurrence = counts[key, default: 0]
                counts[key] = occurrence + 1
                let hash = Fingerprint.fnv1a(key)
                return Fingerprint.hex(occurrence == 0 ? hash : Fingerprint.fnv1a("\u{1F}\(occurrence)", continuing: hash))
            }
        }
        let location = Location(file: "a.json", line: 1, column: 1)
        func finding(_ rule: String, _ entity: String?, _ field: String?, file: String = "a.json") -> Finding {
            Finding(ruleID: rule, severity: .error, message: "m", entityID: entity, fieldPath: field,
                    location: Location(file: file, line: location.line, column: location.column))
        }
        var findings = [
            finding("r", "x\u{1F}y", nil), finding("r", "x", "y\u{1F}"), finding("r", "x\u{1F}y", nil),
            finding("r", nil, nil), finding("r", "", ""), finding("r\u{1F}a.json", nil, nil, file: ""),
            finding("r", "é", "dependsOn[0].tls"), finding("r", "é", "dependsOn[0].tls", file: "b.json"),
        ]
        // And many ordinary keys, repeating, as a large report has them.
        for index in 0..<300 {
            findings.append(finding(["credential-literal", "unknown-key", "r"][index % 3], "host-\(index % 37)",
                                    index % 5 == 0 ? nil : "field\(index % 4)", file: index % 2 == 0 ? "a.json" : "b.json"))
        }
        var occurrences = Fingerprint.Occurrences()
        let fingerprints = findings.map { Fingerprint.next(for: $0, occurrences: &occurrences) }
        #expect(fingerprints == plain(findings))
        // The first three join to `r␟a.json␟x␟y␟`: one key, numbered 0, 1 and 2.
        #expect(Set(fingerprints[0..<3]).count == 3)
        #expect(fingerprints[0] == plain([findings[1]])[0] && fingerprints[1] == plain([findings[0], findings[1]])[1])
        // No entity and an empty one join alike (`r␟a.json␟␟`); a separator in the rule id makes one more (`r␟a.json␟␟␟`).
        #expect(fingerprints[4] == plain([findings[3], findings[4]])[1] && fingerprints[5] == plain([findings[5]])[0])
    }

    @Test func baselineHidesKnownFindingsAndCountsFixedOnes() throws {
        let directory = try TemporaryDirectory()
        let original = try String(contentsOfFile: Self.classroom7, encoding: .utf8)
        try directory.write("c7.json", original)
        let write = runCLI(["validate", "--as-of", "2026-11-23", "--write-baseline", "baseline.json", "c7.json"], directory: directory.path)
        #expect(write.code == 1)
        let baseline = try String(contentsOfFile: directory.path + "/baseline.json", encoding: .utf8)
        #expect(baseline.hasPrefix("{\n  \"version\": 1,"))

        let clean = runCLI(["validate", "--as-of", "2026-11-23", "--baseline", "baseline.json", "c7.json"], directory: directory.path)
        #expect(clean.code == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("; baseline hid 33 known findings, 0 baseline entries fixed"))

        // Fix one problem (TLS to Couch) and add a new one (a public datastore).
        var changed = original.replacingOccurrences(of: "\"tls\": false", with: "\"tls\": true")
        changed = changed.replacingOccurrences(of: "\"limitGiB\": 0.25\n      },", with: "\"limitGiB\": 0.25\n      },\n      \"public\": true,")
        try directory.write("c7.json", changed)
        let next = runCLI(["validate", "--as-of", "2026-11-23", "--baseline", "baseline.json", "c7.json"], directory: directory.path)
        #expect(next.code == 1)
        let lines = next.stdout.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") }
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasSuffix("[public-datastore]") == true)
        #expect(next.stdout.contains("baseline entry fixed") || next.stdout.contains("baseline entries fixed"))
        #expect(next.stdout.contains("1 baseline entry fixed"))
    }

    @Test func aBrokenBaselineIsAToolError() throws {
        let directory = try TemporaryDirectory()
        try directory.write("b.json", "{\"version\": 2, \"findings\": []}")
        let run = runCLI(["validate", "--baseline", "b.json", Self.classroom7], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == "b.json:1:13: error: not an infractl baseline: expected \"version\": 1\n")
    }

    @Test func formatsAndOutputsPairUpAndFilesAreWrittenWhole() throws {
        let directory = try TemporaryDirectory()
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--format", "json", "--output", "out/report.json", "--format", "text",
                          Self.classroom7], directory: directory.path)
        // The directory does not exist: nothing is written, and the command says so.
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("out/report.json: error: cannot write: no such file or directory"))

        try FileManager.default.createDirectory(atPath: directory.path + "/out", withIntermediateDirectories: true)
        try directory.write("out/report.json", "previous contents")
        let second = runCLI(["validate", "--as-of", "2026-11-23", "--format", "json", "--output", "out/report.json", "--format", "text",
                             Self.classroom7], directory: directory.path)
        #expect(second.code == 1)
        #expect(second.stdout.contains("[secret-in-source]"))  // text went to standard output
        let written = try String(contentsOfFile: directory.path + "/out/report.json", encoding: .utf8)
        #expect(written.hasPrefix("{\n  \"version\": 1,"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/out")
        #expect(leftovers == ["report.json"], "no temporary file is left behind")
    }

    @Test func anInterruptedWriteLeavesTheOldFile() throws {
        let directory = try TemporaryDirectory()
        let target = try directory.write("report.json", "old report")
        // Make the rename fail after the temporary file is written: the target becomes a directory
        // entry that cannot be replaced by a file.
        try FileManager.default.removeItem(atPath: target)
        try FileManager.default.createDirectory(atPath: target + "/keep", withIntermediateDirectories: true)
        guard case .failure = AtomicFile.write("new report", to: target) else {
            Issue.record("writing over a directory succeeded")
            return
        }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: target + "/keep", isDirectory: &isDirectory) && isDirectory.boolValue)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["report.json"], "the temporary file is removed")
    }

    @Test func outputArgumentsAreChecked() {
        let tooMany = runCLI(["validate", "--output", "a", "--output", "b", Self.classroom7])
        #expect(tooMany.code == 2)
        #expect(tooMany.stderr.hasPrefix("error: each --output needs a --format before it"))
        let twoToStdout = runCLI(["validate", "--format", "json", "--format", "text", Self.classroom7])
        #expect(twoToStdout.code == 2)
        #expect(twoToStdout.stderr.hasPrefix("error: only one --format can go to standard output"))
    }

    @Test func colourFollowsTheTerminalNoColorAndTheFlag() throws {
        let text = WaiverAndConfigurationTests.inventory()
        func run(_ arguments: [String], terminal: Bool, environment: [String: String] = [:]) -> String {
            let out = CapturedText()
            let context = CommandContext(stdout: out, stderr: CapturedText(), readStandardInput: { limit, _ in Array(text.utf8.prefix(limit)) },
                                         environment: environment, currentDirectory: repositoryRoot, stdoutIsTerminal: terminal)
            _ = CLI.run(["infractl", "validate"] + arguments + ["-"], context: context)
            return out.text
        }
        let escape = "\u{1B}["
        #expect(run([], terminal: true).contains(escape + "1;31merror"))
        #expect(!run([], terminal: false).contains(escape))
        #expect(!run([], terminal: true, environment: ["NO_COLOR": "1"]).contains(escape))
        #expect(run(["--color", "always"], terminal: false).contains(escape))
        #expect(!run(["--color", "never"], terminal: true).contains(escape))
    }

    @Test(arguments: [false, true]) func textReportIsTheLinesAsFirstInterpolated(colored: Bool) {
        // `TextReporter.render` appends bytes; this is the report as it was written with string
        // interpolation, line by line.
        func paint(_ text: String, _ code: String) -> String { colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func plain(_ report: ValidationReport) -> String {
            var output = ""
            for finding in report.findings {
                let color = switch finding.severity { case .error: "1;31"; case .warning: "1;33"; case .note: "36" }
                output += "\(paint(finding.location.description, "1")): \(paint(finding.severity.rawValue, color)): "
                output += "\(UntrustedText.visible(finding.message)) \(paint("[\(finding.ruleID)]", "2"))\n"
            }
            for suppressed in report.suppressed {
                let finding = suppressed.finding
                output += "\(paint(finding.location.description, "1")): \(paint("suppressed", "2")): \(UntrustedText.visible(finding.message)) "
                output += "\(paint("[\(finding.ruleID)]", "2")) (waived: \(UntrustedText.visible(suppressed.reason)))\n"
            }
            return output
        }
        var report = ReporterFixtures.mixedReport
        // Lines and columns of every width (and the zeros and negatives no reader makes), files with
        // non-ASCII names, long messages.
        for (index, line) in [0, -1, 9, 10, 99, 100, 123_456_789, Int.max, Int.min].enumerated() {
            report.findings.append(ReporterFixtures.finding("r\(index)", [.error, .warning, .note][index % 3],
                                                            String(repeating: "é ", count: index * 40),
                                                            file: index % 2 == 0 ? "café/ß.json" : "b.json", line: line, column: 0 &- line))
        }
        // The fixture's one file could not be read, so the summary follows the findings.
        let reporter = TextReporter(colored: colored)
        #expect(reporter.render(report) == plain(report) + reporter.summary(report) + "\n")
    }

    @Test func findingsAreCountedByFileAndBySeverity() {
        var report = ValidationReport()
        let files = ["a.json", "a.json", "b.json", "a.json", "c.json", "c.json"]
        report.findings = files.enumerated().map { index, file in
            ReporterFixtures.finding("r", [.error, .warning, .note, .error][index % 4], "m", file: file)
        }
        #expect(TextReporter.countsByFile(report.findings) == ["a.json": 3, "b.json": 1, "c.json": 2])
        #expect(TextReporter.countsByFile([]).isEmpty)
        #expect(report.count(.error) == 3 && report.count(.warning) == 2 && report.count(.note) == 1)
    }
}
