import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules
@testable import InfraOutput

/// `infractl explain format` and `infractl explain field`: every key of the format has a meaning,
/// every key can be explained, and docs/format.md's key tables and the JSON Schema's descriptions
/// are the same text (`FieldSchema.description`, printed by `FormatReference`).
@Suite("Format reference")
struct FormatReferenceTests {
    static let reference = FormatReference()

    /// Every key `explain field` can print, as `KIND.PATH` (top-level keys without a kind).
    static let explainableNames: [String] = {
        let entityKeys = EntityKind.allCases.flatMap { kind in reference.rows(kind).map { "\(kind.arrayKey).\($0.path)" } }
        return reference.headerRows().map(\.path) + entityKeys
    }()

    // MARK: One source

    @Test func everyKeyHasAMeaning() {
        var rows = Self.reference.headerRows()
        for kind in EntityKind.allCases { rows += Self.reference.rows(kind) }
        #expect(rows.count > 150)
        for row in rows {
            let text = row.field.description
            #expect(!text.isEmpty, "\(row.path) has no description")
            #expect(text == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(row.path): description has outer spaces")
            #expect(!text.hasSuffix("."), "\(row.path): a meaning is a phrase, without a final period")
            #expect(!text.contains("\n"), "\(row.path): one line")
        }
    }

    @Test func configurationKeysHaveAMeaningToo() {
        for field in Configuration.schema.fields + Configuration.ruleSettingsSchema.fields {
            #expect(!field.description.isEmpty, "\(field.name)")
        }
    }

    /// docs/format.md's tables of keys are generated: `INFRACTL_RECORD=1` rewrites them in place.
    @Test func docsFormatTablesAreTheReferencesTables() throws {
        let path = repositoryRoot + "/docs/format.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var tables = ["top-level": Self.reference.topLevelTable(), "common": Self.reference.commonTable()]
        for kind in EntityKind.allCases { tables[kind.rawValue] = Self.reference.markdownTable(kind) }
        let (regenerated, replaced) = Self.replacingGeneratedBlocks(text, with: tables)
        #expect(replaced.sorted() == tables.keys.sorted(), "docs/format.md has one generated block per table")
        try expectGolden(regenerated, at: "docs/format.md")
    }

    /// `text` with each `<!-- generated: NAME ... -->` ... `<!-- end generated -->` block's body
    /// replaced by `tables[NAME]`, and the names replaced.
    static func replacingGeneratedBlocks(_ text: String, with tables: [String: String]) -> (String, [String]) {
        var output: [Substring] = []
        var replaced: [String] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("<!-- generated: ") {
                let name = String(line.dropFirst("<!-- generated: ".count).prefix { $0 != " " })
                output.append(line)
                output += (tables[name] ?? "").split(separator: "\n")
                replaced.append(name)
                skipping = true
            } else if line == "<!-- end generated -->" {
                output.append(line)
                skipping = false
            } else if !skipping {
                output.append(line)
            }
        }
        return (output.joined(separator: "\n"), replaced)
    }

    @Test func jsonSchemaDescriptionsAreTheFieldMeanings() throws {
        let schema = try JSONReader().read(path: "schema.json", text: JSONSchemaGenerator().rendered())
        let retention = schema.root["$defs"]?["backup"]?["properties"]?["retention"]?["description"]?.string
        #expect(retention?.hasPrefix(Backup.fields.first { $0.name == "retention" }?.description ?? "?") == true)
        let target = schema.root["$defs"]?["backup"]?["properties"]?["target"]?["properties"]?["provider"]?["description"]?.string
        #expect(target == "the failure domain that holds the copies; the id of a provider; JSON Schema cannot check that it exists")
        let team = schema.root["properties"]?["owner"]?["properties"]?["team"]?["description"]?.string
        #expect(team == "the owning team")
    }

    // MARK: explain field

    @Test func explainsBackupRetention() {
        let run = runCLI(["explain", "field", "backups.retention"])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("backups.retention\n"))
        #expect(run.stdout.contains("  in:       backup (top-level key 'backups')\n"))
        #expect(run.stdout.contains("  required: no\n"))
        #expect(run.stdout.contains("  type:     duration, or object\n"))
        #expect(run.stdout.contains("how long copies are kept"))
        #expect(run.stdout.contains("A duration is a whole number and one unit"))
        for key in ["retention.daily", "retention.weekly", "retention.monthly"] {
            #expect(run.stdout.contains("  \(key)  "), "lists \(key)")
        }
    }

    @Test func everyKeyCanBeExplained() {
        for name in Self.explainableNames {
            let run = runCLI(["explain", "field", name])
            #expect(run.code == 0, "\(name): \(run.stderr)")
            #expect(run.stdout.hasPrefix(name + "\n"), "\(name)")
        }
    }

    @Test(arguments: [
        ("backup.retention.daily", "backups.retention.daily", "  required: no\n"),
        ("clusters.members[].host", "clusters.members[].host", "  required: yes, in each element of 'members'\n"),
        ("clusters.members.host", "clusters.members[].host", "  type:     id of a host\n"),
        ("dns.trafficManager.pools[0].members", "dns.trafficManager.pools[].members", "  type:     array of ids of services or hosts\n"),
        ("owner.team", "owner.team", "  in:       the inventory's top level, inside 'owner'\n"),
        ("infractl", "infractl", "  type:     the integer `2` (or an earlier version)\n"),
        ("datastores.hosting", "datastores.hosting", "  type:     object with exactly one of `host`, `cluster`, `provider`\n"),
    ])
    func namesAKeyInSeveralSpellings(name: String, heading: String, line: String) {
        let run = runCLI(["explain", "field", name])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix(heading + "\n"))
        #expect(run.stdout.contains(line), "\(run.stdout)")
    }

    @Test func aKindAloneListsItsKeys() {
        let run = runCLI(["explain", "field", "backups"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("BACKUPS: a scheduled copy of datastores or hosts\n"))
        for row in Self.reference.rows(.backup) { #expect(run.stdout.contains("  \(row.path) "), "\(row.path)") }
    }

    @Test func unknownFieldIsAUsageErrorWithASuggestion() {
        let run = runCLI(["explain", "field", "backups.retension"])
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: unknown field 'backups.retension'"))
        #expect(run.stderr.contains("did you mean 'backups.retention'?"))
        #expect(run.stderr.contains("'infractl explain field backups' lists its keys"))
    }

    @Test func unknownKindIsAUsageErrorWithASuggestion() {
        let run = runCLI(["explain", "field", "hots.os"])
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: unknown kind 'hots'; did you mean 'hosts'?"))
    }

    @Test(arguments: [["explain", "field"], ["explain", "field", "a", "b"], ["explain", "format", "x"],
                      ["explain", "field", ""], ["explain", "field", "backups."], ["explain", "field", ".retention"],
                      ["explain", "field", "backups.retention.daily.more"], ["explain"]])
    func badUsageExitsTwo(arguments: [String]) {
        let run = runCLI(arguments)
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.contains("USAGE: infractl explain RULE-ID | severity | format | field KIND.FIELD"))
    }

    @Test func aHostileNameIsShownEscaped() {
        let run = runCLI(["explain", "field", "hosts.\u{1B}]0;owned\u{07}\u{202E}x"])
        #expect(run.code == 2)
        #expect(!run.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" })
    }

    // MARK: explain format

    @Test func explainFormatPrintsEveryKindAndKey() {
        let run = runCLI(["explain", "format"])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("THE INVENTORY FORMAT, VERSION 2\n"))
        #expect(run.stdout.contains("\nVALUE FORMATS\n"))
        for kind in EntityKind.allCases {
            #expect(run.stdout.contains("\n\(kind.arrayKey.uppercased()): \(kind.summary)\n"), "\(kind)")
            for row in Self.reference.rows(kind) {
                #expect(run.stdout.contains("  \(row.path) "), "\(kind).\(row.path)")
            }
        }
        #expect(run.stdout == runCLI(["explain", "format"]).stdout)
    }

    @Test func helpDescribesBothForms() {
        for arguments in [["explain", "--help"], ["explain", "format", "--help"], ["explain", "field", "--help"], ["help", "explain"]] {
            let run = runCLI(arguments)
            #expect(run.code == 0, "\(arguments)")
            #expect(run.stdout.contains("USAGE: infractl explain RULE-ID | severity | format | field KIND.FIELD"))
            #expect(run.stdout.contains("'infractl explain format' prints every key"))
            #expect(run.stdout.contains("'infractl explain field KIND.FIELD' prints one key"))
        }
    }

    @Test func severityExplainsEachLevelAndListsEveryOperationalRuleOnce() {
        let run = runCLI(["explain", "severity"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("SEVERITY BY CONSEQUENCE\n  error    data can be lost or exposed, or production goes down without warning\n"))
        #expect(run.stdout.contains("\n  warning  a risk that needs another failure first\n  note     hygiene\n"))
        let operational = RuleCatalog.descriptions.filter { $0.family != .structure }
        for rule in operational {
            let listed = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  \(rule.identifier):") || $0.hasPrefix("  \(rule.identifier) (always):") }
            #expect(listed.count == 1, "\(rule.identifier)")
        }
        let warnings = run.stdout.components(separatedBy: "\nWARNING\n")[1].components(separatedBy: "\nNOTE\n")[0]
        #expect(warnings.contains("  restore-untested: "))
        #expect(warnings.contains("  shared-datastore-across-environments (always): "))
    }

    @Test func rulesAreStillExplained() {
        let run = runCLI(["explain", "backup-exceeds-rpo"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("backup-exceeds-rpo — "))
        let unknown = runCLI(["explain", "formta"])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("did you mean 'format'?"))
    }
}
