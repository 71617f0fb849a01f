import InfraJSON
import InfraModel
import InfraTopology
import InfraRules

/// What `infractl diff` prints: a change to an inventory, as text or as JSON. The command reads and
/// lints the two versions; this type only renders the `InventoryDiff` between them, with the
/// topology consequences of the entities it touches.
package enum DiffRenderer {
    /// Version of the JSON output's shape; removing or renaming a key bumps it.
    static let shapeVersion = 1

    // MARK: Text

    package static func text(_ diff: InventoryDiff, old: SummarisedVersion, new: InventoryDiff.Side) -> String {
        var output = ""
        // Each line starts with a location (a path) or with `!`/`~`, and quotes inventory text:
        // `TerminalText.path` keeps the whole line on one line and its start ours.
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            output += "\(title):\n" + lines.map { "\(TerminalText.path($0))\n" }.joined()
        }
        section("entities added", diff.added.map { "\($0.location): + \($0.kind.noun) '\($0.id)'" })
        section("entities removed", diff.removed.map { "\($0.location): - \($0.kind.noun) '\($0.id)'" })
        var changes = diff.inventoryChanges.map { "\($0.location): ~ inventory \(changeText($0))" }
        for entity in diff.changed {
            changes += entity.changes.map { "\($0.location): ~ \(entity.kind.noun) '\(entity.id)' \(changeText($0))" }
        }
        section("entities changed", changes)
        let topology = TopologyDelta(before: old.topology, new: new.inventory, touched: diff.touchedIDs)
        section("topology consequences", topology.failures.map { change in
            let listed = { (ids: [String]) in ids.isEmpty ? "nothing" : ids.joined(separator: ", ") }
            return "\(change.isWorse ? "!" : "~") if \(change.failure) fails, production services down or impaired: \(listed(change.after)) (before: \(listed(change.before)))"
        } + topology.quorum.map { change in
            let margin = { (value: (voters: Int, tolerance: Int)?) in
                value.map { "\($0.voters) voters tolerate \($0.tolerance)" } ?? "absent"
            }
            let worse = (change.after?.tolerance ?? 0) < (change.before?.tolerance ?? 0)
            return "\(worse ? "!" : "~") cluster '\(change.cluster)' quorum: \(margin(change.before)) -> \(margin(change.after))"
        })
        section("findings introduced", diff.introduced.map(findingText))
        section("findings resolved", diff.resolved.map { resolved in
            findingText(resolved.finding) + (resolved.waivedBecause.map { " (now waived: \($0))" } ?? "")
        })
        output += TerminalText.path(summary(diff, old: old, new: new)) + "\n"
        return output
    }

    private static func plural(_ count: Int, _ singular: String, _ plural: String?) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    private static func changeText(_ change: InventoryDiff.FieldChange) -> String {
        "\(change.path): \(change.old ?? "(absent)") -> \(change.new ?? "(absent)")"
    }

    private static func findingText(_ finding: Finding) -> String {
        "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]"
    }

    private static func summary(_ diff: InventoryDiff, old: SummarisedVersion, new: InventoryDiff.Side) -> String {
        var line = "\(old.path) -> \(new.inventory.path): "
        if diff.isEmpty { return line + "no differences" }
        line += "\(plural(diff.added.count, "entity", "entities")) added, \(diff.removed.count) removed, \(diff.changed.count) changed"
        line += " (\(plural(diff.fieldChangeCount, "field change", nil)))"
        line += "; \(plural(diff.introduced.count, "finding", nil)) introduced"
        if !diff.introduced.isEmpty {
            let counts = Severity.allCases.reversed().map { severity in
                plural(diff.introduced.filter { $0.severity == severity }.count, severity.rawValue, nil)
            }
            line += " (\(counts.joined(separator: ", ")))"
        }
        line += ", \(diff.resolved.count) resolved"
        return line
    }

    // MARK: JSON

    /// `{version, tool, old, new, inventory, entities {added, removed, changed}, topology {failures, quorum}, findings {introduced, resolved}, summary}`;
    /// documented in README.md ("infractl diff").
    package static func json(_ diff: InventoryDiff, old: SummarisedVersion, new: InventoryDiff.Side) -> JSONOutput {
        func side(path: String, name: String?) -> JSONOutput {
            .object([("path", .string(path)), ("name", name.map(JSONOutput.string) ?? .null)])
        }
        func entity(_ entity: InventoryDiff.EntityReference) -> JSONOutput {
            .object([("id", .string(entity.id)), ("kind", .string(entity.kind.rawValue)), ("location", location(entity.location))])
        }
        let introducedBySeverity = Severity.allCases.reversed().map { severity in
            (severity.rawValue, JSONOutput.int(diff.introduced.filter { $0.severity == severity }.count))
        }
        return .object([
            ("version", .int(shapeVersion)),
            ("tool", .object([("name", .string("infractl")), ("version", .string(InfraKitVersion.current))])),
            ("old", side(path: old.path, name: old.name)),
            ("new", side(path: new.inventory.path, name: new.inventory.name)),
            ("inventory", .array(diff.inventoryChanges.map(change))),
            ("entities", .object([
                ("added", .array(diff.added.map(entity))),
                ("removed", .array(diff.removed.map(entity))),
                ("changed", .array(diff.changed.map { changed in
                    .object([
                        ("id", .string(changed.id)), ("kind", .string(changed.kind.rawValue)),
                        ("location", location(changed.location)),
                        ("changes", .array(changed.changes.map(change))),
                    ])
                })),
            ])),
            ("topology", topologyJSON(TopologyDelta(before: old.topology, new: new.inventory, touched: diff.touchedIDs))),
            ("findings", .object([
                ("introduced", .array(diff.introduced.map { finding($0) })),
                ("resolved", .array(diff.resolved.map { finding($0.finding, waived: .some($0.waivedBecause)) })),
            ])),
            ("summary", .object([
                ("added", .int(diff.added.count)),
                ("removed", .int(diff.removed.count)),
                ("changed", .int(diff.changed.count)),
                ("fieldChanges", .int(diff.fieldChangeCount)),
                ("introduced", .int(diff.introduced.count)),
                ("resolved", .int(diff.resolved.count)),
                ("introducedBySeverity", .object(introducedBySeverity)),
            ])),
        ])
    }

    private static func topologyJSON(_ delta: TopologyDelta) -> JSONOutput {
        let margin = { (value: (voters: Int, tolerance: Int)?) -> JSONOutput in
            value.map { .object([("voters", .int($0.voters)), ("tolerates", .int($0.tolerance))]) } ?? .null
        }
        return .object([
            ("failures", .array(delta.failures.map { change in
                .object([
                    ("failure", .string(change.failure)),
                    ("worse", .bool(change.isWorse)),
                    ("before", .array(change.before.map(JSONOutput.string))),
                    ("after", .array(change.after.map(JSONOutput.string))),
                ])
            })),
            ("quorum", .array(delta.quorum.map { change in
                .object([("cluster", .string(change.cluster)), ("before", margin(change.before)), ("after", margin(change.after))])
            })),
        ])
    }

    private static func change(_ change: InventoryDiff.FieldChange) -> JSONOutput {
        .object([
            ("path", .string(change.path)),
            ("old", change.old.map(JSONOutput.string) ?? .null),
            ("new", change.new.map(JSONOutput.string) ?? .null),
            ("location", location(change.location)),
        ])
    }

    private static func location(_ location: Location) -> JSONOutput {
        .object([("file", .string(location.file)), ("line", .int(location.line)), ("column", .int(location.column))])
    }

    /// A finding as `validate --format json` writes it; resolved ones add `waived` (the reason, or null).
    private static func finding(_ finding: Finding, waived: String?? = nil) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("ruleId", .string(finding.ruleID)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("entity", finding.entityID.map(JSONOutput.string) ?? .null),
            ("field", finding.fieldPath.map(JSONOutput.string) ?? .null),
            ("location", location(finding.location)),
        ]
        if let waived { members.append(("waived", waived.map(JSONOutput.string) ?? .null)) }
        return .object(members)
    }
}
