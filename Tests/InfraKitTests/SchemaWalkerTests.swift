import Testing
@testable import InfraJSON
@testable import InfraModel

/// The schema walk: a value its field's `FieldCheck` accepts gets the findings the full walk of the
/// field's type gives (none), keys are found at their predicted position or by lookup, and an
/// entity's id is found as its first key.
@Suite("Schema walker")
struct SchemaWalkerTests {
    /// Values of every JSON kind and near misses of valid ones: words' prefixes and extensions,
    /// escapes, other cases, non-ASCII look-alikes, numbers at and past their limits.
    static let probes: [String] = [
        "null", "true", "false", "0", "-0", "1", "-1", "7", "1.5", "-2.5", "1e3", "65535", "65536", "1000000", "1000001",
        "123456789012345", "1234567890123456", "123456789012345678", "1234567890123456789", "99999999999999999999999",
        #""""#, #""x""#, #""prod""#, #""pr""#, #""prodx""#, #""PROD""#, #""pr\u006fd""#, #""host-1""#, #""Host-1""#,
        #""svc-1""#, #""db-1""#, #""h\u006fst-1""#, #""hôst-1""#, #""aws""#, #""manual""#, #""manua""#, #""manualx""#,
        #""m\u0061nual""#, #""ｍanual""#, #""web""#, #""load-balancer""#, #""load""#, #""vault""#, #""pager""#, #""voter""#,
        #""4h""#, #""4H""#, #""h""#, #""4""#, #""12345678901w""#, #""123456789012w""#, #""٤h""#, #""4h\u0301""#,
        #""2024-02-29""#, #""2023-02-29""#, #""2024-13-01""#, #""２０２４-01-01""#, #""20 3 * * *""#, #""every 2h""#,
        "[]", "[1]", #"["x"]"#, #"["host-1", "nope", 3, "svc-1", "prod"]"#, "[{}]", "[[]]", "{}", #"{"name": "x"}"#,
        #"{"x": 1, "x": 2}"#,
    ]

    /// Values for a field of `type`: every probe, and for objects and lists of objects each probe at
    /// each of the nested fields.
    static func values(for type: FieldType) -> [String] {
        var values = probes
        var nested: ObjectSchema?
        switch type {
        case .object(let schema), .durationOrObject(let schema): nested = schema
        case .list(.object(let schema)): nested = schema
        default: break
        }
        guard let nested else { return values + probes.map { "[\($0)]" } }
        for field in nested.fields {
            for probe in probes {
                values.append(#"{"\#(field.name)": \#(probe)}"#)
                values.append(#"[{"\#(field.name)": \#(probe)}, {"\#(field.name)": \#(probe), "\#(field.name)": 1}]"#)
            }
        }
        return values
    }

    static let validHost = #"""
    {"id": "host-1", "environment": "prod", "provider": "aws", "zone": "a", "roles": ["app"], "os": {"name": "ubuntu", "version": "22.04"},
     "size": {"cpus": 4, "memoryGiB": 16, "diskGiB": 100}, "addresses": {"private": "10.0.0.1"},
     "accounts": [{"name": "deploy", "privileged": false, "purpose": "deploys"}], "managedBy": "manual", "logRotation": false,
     "description": "d", "tags": ["t"]}
    """#

    /// An inventory with an entity per field and value of every kind, and hosts whose keys come in
    /// unusual orders, repeated, unknown or escaped.
    static func inventory() -> String {
        var arrays: [EntityKind: [String]] = [
            .environment: [#"{"id": "prod", "kind": "production"}"#],
            .provider: [#"{"id": "aws", "kind": "aws"}"#],
            .host: [validHost],
            .service: [#"{"id": "svc-1", "environment": "prod", "kind": "web", "runsOn": ["host-1"]}"#],
            .datastore: [#"{"id": "db-1", "environment": "prod", "engine": "mysql"}"#],
        ]
        var number = 0
        for kind in EntityKind.allCases {
            for field in kind.schema.fields {
                for value in values(for: field.type) {
                    number += 1
                    let entity = field.name == "id" ? #"{"id": \#(value)}"# : #"{"id": "e-\#(number)", "\#(field.name)": \#(value)}"#
                    arrays[kind, default: []].append(entity)
                }
            }
        }
        let keys = ["\"id\": \"host-2\"", "\"environment\": \"prod\"", "\"provider\": \"aws\"", "\"zone\": \"a\"",
                    "\"roles\": [\"app\"]", "\"managedBy\": \"chef\"", "\"logRotation\": true", "\"tags\": [\"t\"]"]
        arrays[.host, default: []] += [
            "{" + keys.reversed().joined(separator: ", ") + "}",
            "{" + (keys + ["\"zone\": \"b\"", "\"managedBy\": \"nope\"", "\"environment\": 3"]).joined(separator: ", ") + "}",
            "{" + (keys[..<3] + ["\"zonee\": 1", "\"Zone\": 2"] + keys[3...] + ["\"zonee\": 3"]).joined(separator: ", ") + "}",
            #"{"\u0069d": "host-3", "environment": "prod", "pr\u006fvider": "aws", "zone": "a", "m\u0061nagedBy": "chef", "managedBy": "x"}"#,
            #"{"environment": "prod", "id": "host-4", "id": "host-5", "provider": "aws"}"#,
            #"{"id": "h\u006fst-6", "environment": "prod", "provider": "aws"}"#,
        ]
        let body = EntityKind.allCases.compactMap { kind in
            arrays[kind].map { "\"\(kind.arrayKey)\": [\n" + $0.joined(separator: ",\n") + "]" }
        }
        return "{\"infractl\": 2, \"name\": \"probes\",\n" + body.joined(separator: ",\n") + "}"
    }

    static func line(_ finding: Finding) -> String {
        "\(finding.location) \(finding.ruleID) \(finding.entityID ?? "-") \(finding.fieldPath ?? "-") \(finding.message)"
    }

    @Test func fieldChecksGiveTheFindingsOfTheFullWalk() throws {
        let document = try JSONReader().read(path: "probes.json", text: Self.inventory())
        var full = InventoryDecoder()
        full.usesFieldChecks = false
        let checked = InventoryDecoder().decode(document)
        let walked = full.decode(document)
        #expect(checked.findings.map(Self.line) == walked.findings.map(Self.line))
        #expect(checked.findings.count > 10_000)
        let rules = Set(checked.findings.map(\.ruleID))
        #expect(rules.isSuperset(of: ["wrong-type", "invalid-enum", "invalid-value", "invalid-id", "invalid-duration", "invalid-date",
                                      "dangling-reference", "wrong-reference-kind", "duplicate-key", "unknown-key", "missing-field"]))
        // The model too: every entity and field read the same.
        #expect(checked.inventory.hosts.map { "\($0.id) \($0.managedBy.map(\.rawValue) ?? "-") \($0.zone ?? "-")" }
                == walked.inventory.hosts.map { "\($0.id) \($0.managedBy.map(\.rawValue) ?? "-") \($0.zone ?? "-")" })
        #expect(checked.inventory.services.map(\.id) == walked.inventory.services.map(\.id))
        // Near misses of an enum word are reported, not let through by the byte comparison.
        for word in ["manua", "manualx", "ｍanual", "PROD"] {
            #expect(checked.findings.contains { $0.fieldPath == "managedBy" && $0.message.contains("is '\(word)', which is not one of") }, "\(word)")
        }
        #expect(!checked.findings.contains { $0.fieldPath == "managedBy" && $0.message.contains("'manual',") })
    }

    @Test func keysFoundAtTheirPredictedPositionMatchTheLookup() throws {
        let names = ["", "i", "id", "di", "idd", "zone", "zonf", "environment", "environmenT", "managedBy", "é",
                     "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz"]
        for schema in EntityKind.allCases.map(\.schema) + [ObjectSchema("long", [.optional("abcdefghijklmnopqrstuvwxyz", "a long key", .text), .optional("a", "a short key", .text)])] {
            for name in names + schema.fields.map(\.name) {
                var name = name
                let plain = schema.fields.firstIndex { $0.name == name }
                for expected in 0...schema.fields.count + 1 {
                    #expect(name.withUTF8 { schema.fieldIndex(ofBytes: $0, expected: expected) } == plain, "\(name) at \(expected) in \(schema.name)")
                }
            }
        }
    }

    @Test func leadingIDIsTheFirstMemberNamedID() throws {
        let document = try JSONReader().read(path: "ids.json", text: #"""
        [{"id": "a", "id": "b"}, {"name": "x", "id": "c"}, {"\u0069d": "d"}, {"i": "e"}, {"idx": "f"}, {}, ["id"], "id", {"id": 3}]
        """#)
        for element in document.root.elements {
            let leading = document.leadingIDIndex(ofObjectAt: element.index)
            let plain = element.memberIndex(named: "id")
            // Either found where the search finds it, or left to the search.
            #expect(leading == nil || leading == plain)
        }
        let found = document.root.elements.map { document.leadingIDIndex(ofObjectAt: $0.index) != nil }
        #expect(found == [true, false, false, false, false, false, false, false, true])
    }
}
