import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraOutput

/// `infractl schema`: the committed schema is the generator's output, the generator covers every
/// field the decoder knows, its value patterns agree with the decoder's parsers, and the broken
/// fixtures that `scripts/check-schema.py` feeds to jsonschema are rejected by the decoder too.
@Suite("JSON Schema")
struct JSONSchemaTests {
    static let fixtures = repositoryRoot + "/Tests/InfraKitTests/Fixtures"

    static func fixtureNames(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/" + folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    static let brokenFixtures = fixtureNames("broken")
    static let validFixtures = fixtureNames("valid")

    static func generated() throws -> JSONDocument {
        try JSONReader().read(path: "inventory.schema.json", text: JSONSchemaGenerator().rendered())
    }

    // MARK: The committed schema

    @Test func committedSchemaIsTheGeneratorsOutput() throws {
        try expectGolden(JSONSchemaGenerator().rendered(), at: "schema/inventory.schema.json")
    }

    /// Every property anywhere in the schema says what it is, for the editors that show it.
    @Test func everyPropertyHasADescription() throws {
        var properties = 0
        var undescribed: [String] = []
        func walk(_ value: JSONValue, _ path: String) {
            switch value.kind {
            case .object:
                for member in value.members {
                    if member.name == "properties", member.value.kind == .object {
                        for property in member.value.members {
                            properties += 1
                            if property.value.kind != .object || !property.value.members.contains(where: { $0.name == "description" }) {
                                undescribed.append(path + "/" + property.name)
                            }
                        }
                    }
                    walk(member.value, path + "/" + member.name)
                }
            case .array: value.elements.forEach { walk($0, path) }
            default: break
            }
        }
        walk(try Self.generated().root, "")
        #expect(properties > 230)
        #expect(undescribed.isEmpty, "\(undescribed)")
    }

    @Test func generationIsDeterministic() {
        #expect(JSONSchemaGenerator().rendered() == JSONSchemaGenerator().rendered())
    }

    // MARK: The command

    @Test func schemaPrintsTheGeneratedSchema() {
        let run = runCLI(["schema"])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == JSONSchemaGenerator().rendered())
    }

    @Test func outputWritesTheFile() throws {
        let directory = try TemporaryDirectory()
        let run = runCLI(["schema", "--output", "inventory.schema.json"], directory: directory.path)
        #expect(run.code == 0)
        #expect(run.stdout.isEmpty)
        let written = try String(contentsOfFile: directory.path + "/inventory.schema.json", encoding: .utf8)
        #expect(written == JSONSchemaGenerator().rendered())
    }

    @Test func anUnwritableOutputExitsTwo() throws {
        let directory = try TemporaryDirectory()
        let run = runCLI(["schema", "--output", "missing/inventory.schema.json"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("missing/inventory.schema.json: error: cannot write: "))
    }

    @Test func argumentsAreAUsageError() {
        let run = runCLI(["schema", "inventories/classroom7.json"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("error: schema takes no arguments"))
        #expect(run.stderr.contains("USAGE: infractl schema [--output FILE]"))
    }

    @Test func helpDescribesTheCommand() {
        let run = runCLI(["schema", "--help"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("USAGE: infractl schema [--output FILE]"))
        #expect(run.stdout.contains("--output <file>"))
        #expect(runCLI(["--help"]).stdout.contains("  schema "))
    }

    // MARK: Coverage of the decoder's definitions

    @Test func topLevelPropertiesAreTheDecodersKeys() throws {
        let root = try Self.generated().root
        #expect(root["$id"]?.string == "https://infractl.dev/schema/inventory-2.json")
        #expect(root.members.map(\.name) == ["$schema", "$id", "title", "description", "type", "required", "properties", "additionalProperties", "$defs"])
        #expect(root["properties"]?.members.map(\.name) == InventoryDecoder.topLevelKeys)
        #expect(root["required"]?.elements.compactMap(\.string) == ["infractl", "name", "environments"])
        #expect(root["additionalProperties"]?.bool == false)
    }

    @Test(arguments: EntityKind.allCases)
    func everyFieldOfAnEntityIsDefined(_ kind: EntityKind) throws {
        let definition = try #require(try Self.generated().root["$defs"]?[kind.rawValue])
        let schema = kind.schema
        #expect(definition["properties"]?.members.map(\.name) == schema.fields.map(\.name))
        #expect(definition["required"]?.elements.compactMap(\.string) == schema.fields.filter(\.isRequired).map(\.name))
        #expect(definition["additionalProperties"]?.bool == false)
    }

    /// Every object, at any depth, rejects unknown keys, as the decoder does.
    @Test func everyObjectForbidsUnknownKeys() throws {
        var objects = 0
        func walk(_ value: JSONValue) {
            if value.kind == .object {
                // `if`/`then` carry property bags without a type; they add conditions, not objects.
                if value["type"]?.string == "object" {
                    objects += 1
                    #expect(value["additionalProperties"]?.bool == false, "an object schema at \(value.location) allows unknown keys")
                }
                value.members.forEach { walk($0.value) }
            } else if value.kind == .array {
                value.elements.forEach(walk)
            }
        }
        walk(try Self.generated().root)
        #expect(objects > EntityKind.allCases.count)
    }

    @Test func theDecoderAcceptsASchemaKey() throws {
        let text = minimalInventory.replacingOccurrences(of: "{\n  \"infractl\"", with: "{\n  \"$schema\": \"./schema/inventory.schema.json\",\n  \"infractl\"")
        #expect(text.contains("$schema"))
        #expect(try decode(text).findings.isEmpty)
    }

    // MARK: Value formats agree with the parsers

    static func matches(_ pattern: String, _ text: String) throws -> Bool {
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test(arguments: ["a", "web-1", "postgres.main", "2fa_secret", String(repeating: "x", count: 128),
                      "", "Web", "web 1", "wéb", "web/1", String(repeating: "x", count: 129)])
    func idPatternIsTheIdentifierRule(_ text: String) throws {
        #expect(try Self.matches(JSONSchemaGenerator.idPattern, text) == Identifier.isValid(text))
    }

    @Test(arguments: ["0s", "30s", "15m", "4h", "7d", "12w", "99999999999w",
                      "", "4", "h", "1h30m", "4 h", "-1s", "+1s", "4H", "1.5h", "4y", "999999999999w", " 4h"])
    func durationPatternAndLengthAreTheDurationRule(_ text: String) throws {
        let schemaAccepts = try Self.matches(JSONSchemaGenerator.durationPattern, text) && text.count <= JSONSchemaGenerator.durationMaxLength
        #expect(schemaAccepts == (Duration(parsing: text) != nil))
    }

    @Test(arguments: ["2024-02-29", "0001-01-01", "9999-12-31", "2024-4-1", "2024-13-01", "2024-00-10", "2024-01-32", "24-01-01", "2024/01/01", "2024-01-01T00:00"])
    func datePatternIsTheDayRule(_ text: String) throws {
        #expect(try Self.matches(JSONSchemaGenerator.datePattern, text) == (Day(parsing: text) != nil))
    }

    /// Days of the right shape that do not exist: the pattern leaves them to `format: date`.
    @Test(arguments: ["2023-02-29", "2024-04-31", "0000-01-01"])
    func datePatternLeavesTheCalendarToTheFormat(_ text: String) throws {
        #expect(try Self.matches(JSONSchemaGenerator.datePattern, text))
        #expect(Day(parsing: text) == nil)
    }

    @Test(arguments: ["0 2 * * *", " 0 2 * * * ", "0  2 * * *", "*/15 9-17 * * mon-fri", "5/15 * * * *", "0 0 1,15 * *", "30 3 * * SUN",
                      "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "every 4h", "every  30m", "every 1w",
                      "", "0 2 * *", "0 2 * * * *", "@yearly", "@reboot", "@Daily", "every 0h", "every 4", "every4h", "Every 4h",
                      "0 2 ? * *", "0 2 L * *", "0 2 * * 1#2", "0\t2 * * *", "*/0 * * * *", "0 2 * * mon-"])
    func schedulePatternIsTheScheduleRule(_ text: String) throws {
        let parses = if case .success = Schedule.parse(text) { true } else { false }
        #expect(try Self.matches(JSONSchemaGenerator.schedulePattern, text) == parses)
    }

    /// What the schedule pattern does not check, as its description says: field ranges and names.
    @Test(arguments: ["60 * * * *", "0 24 * * *", "0 0 * foo *", "0 0 * * 9", "0 0 5-1 * *"])
    func schedulePatternDoesNotCheckCronRanges(_ text: String) throws {
        #expect(try Self.matches(JSONSchemaGenerator.schedulePattern, text))
        let parses = if case .success = Schedule.parse(text) { true } else { false }
        #expect(!parses)
    }

    // MARK: Fixtures shared with scripts/check-schema.py

    @Test func thereAreBrokenAndValidFixtures() {
        #expect(Self.brokenFixtures.count >= 12)
        #expect(!Self.validFixtures.isEmpty)
    }

    /// `RULE.WHAT.json` has one mistake, and the decoder reports it under RULE and nothing else.
    @Test(arguments: brokenFixtures)
    func brokenFixtureHasItsStructuralFinding(_ name: String) throws {
        let text = try String(contentsOfFile: Self.fixtures + "/broken/" + name, encoding: .utf8)
        let findings = try decode(text, path: name).findings
        let rule = try #require(StructuralRule(rawValue: String(name.prefix { $0 != "." })), "\(name) does not start with a structural rule id")
        #expect(!findings.isEmpty)
        #expect(Set(findings.map(\.ruleID)) == [rule.identifier], "\(name): \(findings.map(\.message))")
    }

    @Test(arguments: validFixtures)
    func validFixtureHasNoStructuralFinding(_ name: String) throws {
        let text = try String(contentsOfFile: Self.fixtures + "/valid/" + name, encoding: .utf8)
        let findings = try decode(text, path: name).findings
        #expect(findings.isEmpty, "\(name): \(findings.map(\.message))")
    }
}
