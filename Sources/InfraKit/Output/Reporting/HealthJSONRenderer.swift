import InfraJSON
import InfraTopology

/// The health report as JSON, shape version 1 (documented in README.md, "Health report"). Keys
/// keep their order; lists are sorted as the figures are (by id, path, or the order of a fixed list).
public struct HealthJSONRenderer: Sendable {
    public init() {}

    public func render(_ report: HealthReport) -> String {
        document(report).rendered() + "\n"
    }

    public func document(_ report: HealthReport) -> JSONOutput {
        .object([
            ("version", .int(HealthReport.shapeVersion)),
            ("tool", .object([("name", .string("infractl")), ("version", .string(InfraKitVersion.current))])),
            ("asOf", .string(report.asOf.description)),
            ("restoreTestMaxAge", .string(ReportDuration.text(report.restoreTestMaxAge))),
            ("enabledRules", .array(report.enabledRules.map(JSONOutput.string))),
            ("inventories", .array(report.inventories.map { inventory($0) })),
            ("rollUp", .array(report.inventories.map { rollUp($0) })),
            ("unreadable", .array(report.unreadable.map { .object([("path", .string($0.path)), ("error", .string($0.message))]) })),
        ])
    }

    private func inventory(_ health: InventoryHealth) -> JSONOutput {
        .object([
            ("path", .string(health.path)),
            ("name", optional(health.name)),
            ("entities", .int(health.entityCount)),
            ("environments", .array(health.environments.map { .object([("id", .string($0.id)), ("kind", .string($0.kind.rawValue))]) })),
            ("scopes", .array(health.scopes.map { scope($0) })),
            ("unusedProviders", .array(health.unusedProviders.map(JSONOutput.string))),
            ("recoveryPoints", .array(health.recoveryPoints.map { recoveryPoint($0) })),
            ("clusters", .array(health.clusters.map { cluster($0) })),
            ("singlePointsOfFailure", .array(health.singlePointsOfFailure.map { point in
                .object([("host", .string(point.hostID)), ("services", .array(point.serviceIDs.map(JSONOutput.string)))])
            })),
            ("failoverCovered", .array(health.failoverCovered.map { covered in
                .object([("service", .string(covered.serviceID)), ("host", .string(covered.hostID)),
                         ("partners", .array(covered.partners.map(JSONOutput.string)))])
            })),
            ("findingsByFamily", .object(health.findingsByFamily.map { ($0.family.rawValue, counts($0.counts)) })),
            ("waivers", .array(health.waivers.map { waiver in
                .object([
                    ("rule", .string(waiver.rule)), ("target", .string(waiver.target)), ("reason", .string(waiver.reason)),
                    ("owner", optional(waiver.owner)), ("expires", optional(waiver.expires?.description)),
                    ("status", .string(waiver.status.rawValue)), ("suppresses", .int(waiver.suppresses)),
                ])
            })),
            ("ruleCoverage", .object([
                ("kinds", .array(health.ruleCoverage.kinds.map { row in
                    .object([("kind", .string(row.kind.rawValue)), ("entities", .int(row.entityIDs.count)),
                             ("rules", .array(row.rules.map(JSONOutput.string)))])
                })),
                ("unexamined", .array(health.ruleCoverage.unexamined.map { .object([("kind", .string($0.kind.rawValue)), ("id", .string($0.id))]) })),
                ("kindsWithoutRules", .array(health.ruleCoverage.kindsWithoutRules.map { .string($0.rawValue) })),
            ])),
        ])
    }

    private func scope(_ scope: InventoryHealth.Scope) -> JSONOutput {
        .object([
            ("environment", optional(scope.environment?.id)),
            ("counts", .object(scope.counts.map { ($0.kind.arrayKey, $0.count.map(JSONOutput.int) ?? .null) })),
            ("providersInUse", .array(scope.providersInUse.map { use in
                .object([("id", .string(use.id)), ("kind", .string(use.kind)), ("region", optional(use.region))])
            })),
            ("regionsInUse", .int(scope.regionsInUse)),
            ("coverage", .object(scope.coverage.map { ($0.measure.rawValue, figure($0.figure)) })),
            ("findings", counts(scope.findings)),
        ])
    }

    private func figure(_ figure: CoverageFigure) -> JSONOutput {
        let entries = { (entries: [CoverageFigure.Entry]) in
            JSONOutput.array(entries.map { .object([("id", .string($0.id)), ("detail", .string($0.detail))]) })
        }
        var members: [(String, JSONOutput)] = [
            ("covered", .int(figure.covered)), ("total", .int(figure.total)),
            ("percent", figure.percent.map(JSONOutput.int) ?? .null), ("ratio", .string(figure.ratio)),
            ("missing", entries(figure.missing)), ("unknown", entries(figure.unknown)),
        ]
        // Only where a measure left something out, so figures that count everything keep their shape.
        if figure.leftOut > 0 { members.append(("leftOut", .int(figure.leftOut))) }
        return .object(members)
    }

    private func recoveryPoint(_ point: RecoveryPoint) -> JSONOutput {
        .object([
            ("datastore", .string(point.datastoreID)),
            ("environment", .string(point.environment)),
            ("engine", .string(point.engine)),
            ("backups", .array(point.backupIDs.map(JSONOutput.string))),
            ("worstCase", optional(point.worstCase.map(ReportDuration.text))),
            ("worstCaseSeconds", point.worstCase.map { .int($0.seconds) } ?? .null),
            ("from", point.source.map { source in
                .object([("backup", .string(source.backupID)), ("method", optional(source.method)), ("schedule", .string(source.schedule))])
            } ?? .null),
            ("objective", optional(point.objective.map(ReportDuration.text))),
            ("objectiveSeconds", point.objective.map { .int($0.seconds) } ?? .null),
            ("status", .string(point.status.rawValue)),
        ])
    }

    private func cluster(_ margin: QuorumMargin) -> JSONOutput {
        .object([
            ("cluster", .string(margin.clusterID)),
            ("environment", .string(margin.environment)),
            ("kind", .string(margin.kind)),
            ("consensus", optional(margin.consensus?.rawValue)),
            ("members", .int(margin.members)),
            ("voters", .int(margin.voters)),
            ("quorum", margin.quorum.map(JSONOutput.int) ?? .null),
            ("tolerated", margin.tolerated.map(JSONOutput.int) ?? .null),
            ("declared", margin.declared.map(JSONOutput.int) ?? .null),
            ("majorityDomain", optional(margin.majorityDomain)),
            ("majorityVotes", .int(margin.majorityVotes)),
        ])
    }

    private func rollUp(_ health: InventoryHealth) -> JSONOutput {
        let all = health.scopes.first
        return .object([
            ("path", .string(health.path)),
            ("name", optional(health.name)),
            ("entities", .int(health.entityCount)),
            ("findings", counts(all?.findings ?? InventoryHealth.SeverityCounts())),
            ("coverage", .object(HealthReport.rollUpMeasures.map { measure in
                let figure = all?.figure(measure) ?? CoverageFigure(covered: 0, missing: [], unknown: [])
                return (measure.rawValue, .object([("covered", .int(figure.covered)), ("total", .int(figure.total)),
                                                   ("percent", figure.percent.map(JSONOutput.int) ?? .null)]))
            })),
            ("singlePointOfFailureHosts", .int(health.singlePointsOfFailure.count)),
            ("unexamined", .int(health.ruleCoverage.unexamined.count)),
        ])
    }

    private func counts(_ counts: InventoryHealth.SeverityCounts) -> JSONOutput {
        .object([("error", .int(counts.error)), ("warning", .int(counts.warning)), ("note", .int(counts.note)),
                 ("suppressed", .int(counts.suppressed))])
    }

    private func optional(_ text: String?) -> JSONOutput {
        text.map(JSONOutput.string) ?? .null
    }
}
