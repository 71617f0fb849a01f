import InfraModel
import InfraTopology
import InfraRules

/// The health report laid out for reading — parts (one per inventory, then the roll-up) made of
/// sections of tables, lists and lines — shared by the text and Markdown renderers, so both say
/// the same thing in the same order.
struct HealthLayout {
    /// One entry of a list: an id (code in Markdown) and what is said about it.
    struct Item {
        let name: String
        let detail: String?
    }

    enum Block {
        case table(HealthTable)
        case list(heading: String, items: [Item])
        case line(String)

        var isTable: Bool {
            if case .table = self { return true }
            return false
        }
    }

    struct Section {
        let title: String
        var blocks: [Block] = []
    }

    struct Part {
        let title: String
        /// The inventory's path, when the part is one inventory.
        let path: String?
        let sections: [Section]
    }

    let title = "Health report"
    let preamble: String
    let parts: [Part]

    init(_ report: HealthReport) {
        preamble = "as of \(report.asOf); a restore counts as tested within \(ReportDuration.text(report.restoreTestMaxAge)) of it; "
            + "\(report.enabledRules.count) of \(RuleCatalog.all.count) operational rules enabled"
        var parts = report.inventories.map { Self.part($0, report) }
        if report.inventories.count > 1 { parts.append(Self.rollUp(report)) }
        if !report.unreadable.isEmpty {
            let items = report.unreadable.map { Item(name: $0.path, detail: $0.message) }
            parts.append(Part(title: "Unreadable files", path: nil,
                              sections: [Section(title: "Not reported", blocks: [.list(heading: "files that are not JSON or could not be read", items: items)])]))
        }
        self.parts = parts
    }

    // MARK: One inventory

    private static func part(_ health: InventoryHealth, _ report: HealthReport) -> Part {
        Part(title: health.name ?? health.path, path: health.path, sections: [
            inventory(health), coverage(health, report), recoveryPoints(health), clusters(health),
            singlePointsOfFailure(health), findings(health), waivers(health, report), ruleCoverage(health, report),
        ])
    }

    /// Column headings for the scopes: `all`, then each environment (with its kind when the id differs).
    private static func scopeHeadings(_ health: InventoryHealth) -> [String] {
        ["all"] + health.environments.map { $0.id == $0.kind.rawValue ? $0.id : "\($0.id) (\($0.kind.rawValue))" }
    }

    private static func inventory(_ health: InventoryHealth) -> Section {
        var table = HealthTable(["kind"] + scopeHeadings(health))
        for (offset, kind) in EntityKind.allCases.enumerated() {
            table.add([kind.pluralNoun] + health.scopes.map { $0.counts[offset].count.map(String.init) ?? "-" })
        }
        table.add(["providers in use"] + health.scopes.map { String($0.providersInUse.count) })
        table.add(["regions in use"] + health.scopes.map { String($0.regionsInUse) })
        let headings = scopeHeadings(health)
        let domains = zip(headings, health.scopes).map { heading, scope in
            Item(name: heading, detail: scope.providersInUse.isEmpty ? "none" : scope.providersInUse.map(providerText).joined(separator: ", "))
        }
        var section = Section(title: "Inventory", blocks: [.table(table), .list(heading: "failure domains in use (provider: kind, region)", items: domains)])
        if !health.unusedProviders.isEmpty {
            section.blocks.append(.line("declared providers nothing uses: " + health.unusedProviders.joined(separator: ", ")))
        }
        return section
    }

    private static func providerText(_ use: InventoryHealth.ProviderUse) -> String {
        "\(use.id) (\(use.kind)\(use.region.map { ", \($0)" } ?? ""))"
    }

    private static func coverage(_ health: InventoryHealth, _ report: HealthReport) -> Section {
        var table = HealthTable(["measure"] + scopeHeadings(health))
        for measure in CoverageMeasure.allCases {
            let label = measure == .restoresTested ? "\(measure.label) (within \(ReportDuration.text(report.restoreTestMaxAge)))" : measure.label
            table.add([HealthTable.Cell(label)] + health.scopes.map { scope in
                let figure = scope.figure(measure) ?? CoverageFigure(covered: 0, missing: [], unknown: [])
                return HealthTable.Cell(figure.summary, HealthTable.style(of: figure))
            })
        }
        var section = Section(title: "Coverage", blocks: [.table(table)])
        guard let all = health.scopes.first else { return section }
        for (measure, figure) in all.coverage {
            if !figure.missing.isEmpty {
                section.blocks.append(.list(heading: measure.missingLabel, items: figure.missing.map { Item(name: $0.id, detail: $0.detail) }))
            }
            if !figure.unknown.isEmpty {
                section.blocks.append(.list(heading: measure.unknownLabel, items: figure.unknown.map { Item(name: $0.id, detail: $0.detail) }))
            }
            if figure.leftOut > 0, let leftOut = measure.leftOutLabel {
                section.blocks.append(.line("\(leftOut): \(figure.leftOut)"))
            }
        }
        return section
    }

    private static func recoveryPoints(_ health: InventoryHealth) -> Section {
        var section = Section(title: "Recovery points (worst case: the longest gap between runs of the most frequent backup)")
        guard !health.recoveryPoints.isEmpty else {
            section.blocks.append(.line("no datastores"))
            return section
        }
        var table = HealthTable(["datastore", "environment", "worst case", "objective", "status", "from"])
        for point in health.recoveryPoints {
            let style: HealthTable.Style
            switch point.status {
            case .withinObjective: style = .green
            case .noObjective: style = .yellow
            case .exceedsObjective, .noBackup, .neverRepeats: style = .red
            }
            let from = point.source.map { source in
                "\(source.backupID) (\([source.method, source.schedule].compactMap { $0 }.joined(separator: ", ")))"
            } ?? "-"
            table.add([
                HealthTable.Cell(point.datastoreID), HealthTable.Cell(point.environment),
                HealthTable.Cell(point.worstCase.map(ReportDuration.text) ?? "-"),
                HealthTable.Cell(point.objective.map(ReportDuration.text) ?? "-"),
                HealthTable.Cell(point.status.label, style), HealthTable.Cell(from),
            ])
        }
        section.blocks.append(.table(table))
        return section
    }

    private static func clusters(_ health: InventoryHealth) -> Section {
        var section = Section(title: "Clusters")
        guard !health.clusters.isEmpty else {
            section.blocks.append(.line("no clusters"))
            return section
        }
        var table = HealthTable(["cluster", "environment", "kind", "consensus", "members", "voters", "quorum", "tolerates",
                                 "declared", "majority in one failure domain"])
        for margin in health.clusters {
            let majority: HealthTable.Cell
            if margin.quorum == nil {
                majority = HealthTable.Cell("-")
            } else if let domain = margin.majorityDomain {
                majority = HealthTable.Cell("\(domain) (\(margin.majorityVotes) of \(margin.voters) votes)", margin.majorityDomain?.hasPrefix("host") == true ? .red : .yellow)
            } else {
                majority = HealthTable.Cell("no", .green)
            }
            table.add([
                HealthTable.Cell(margin.clusterID), HealthTable.Cell(margin.environment), HealthTable.Cell(margin.kind),
                HealthTable.Cell(margin.consensus?.rawValue ?? "not stated"), HealthTable.Cell(String(margin.members)),
                HealthTable.Cell(String(margin.voters)), HealthTable.Cell(margin.quorum.map(String.init) ?? "-"),
                HealthTable.Cell(margin.tolerated.map(String.init) ?? "-", margin.tolerated == 0 ? .red : nil),
                HealthTable.Cell(margin.declared.map(String.init) ?? "-"), majority,
            ])
        }
        section.blocks.append(.table(table))
        return section
    }

    private static func singlePointsOfFailure(_ health: InventoryHealth) -> Section {
        var section = Section(title: "Single points of failure (production services whose instances share one host)")
        if health.singlePointsOfFailure.isEmpty {
            section.blocks.append(.line("none"))
        } else {
            var table = HealthTable(["host", "production services only on it"])
            for point in health.singlePointsOfFailure {
                table.add([HealthTable.Cell(point.hostID, .red), HealthTable.Cell(point.serviceIDs.joined(separator: ", "))])
            }
            section.blocks.append(.table(table))
        }
        if !health.failoverCovered.isEmpty {
            section.blocks.append(.list(heading: "on one host, but a DNS traffic manager routes around it", items: health.failoverCovered.map {
                Item(name: $0.serviceID, detail: "on host '\($0.hostID)', fails over to " + $0.partners.map { "'\($0)'" }.joined(separator: ", "))
            }))
        }
        return section
    }

    private static func findings(_ health: InventoryHealth) -> Section {
        var severities = HealthTable(["severity"] + scopeHeadings(health))
        for severity in Severity.allCases.reversed() {
            let style: HealthTable.Style = severity == .error ? .red : severity == .warning ? .yellow : .dim
            severities.add([HealthTable.Cell(severity.rawValue)] + health.scopes.map { scope in
                let count = scope.findings.count(severity)
                return HealthTable.Cell(String(count), count > 0 ? style : nil)
            })
        }
        severities.add(["suppressed"] + health.scopes.map { String($0.findings.suppressed) })
        var families = HealthTable(["family", "error", "warning", "note", "suppressed"])
        var total = InventoryHealth.SeverityCounts()
        for (family, counts) in health.findingsByFamily {
            families.add([family.rawValue, String(counts.error), String(counts.warning), String(counts.note), String(counts.suppressed)])
            total.error += counts.error
            total.warning += counts.warning
            total.note += counts.note
            total.suppressed += counts.suppressed
        }
        families.add(["total", String(total.error), String(total.warning), String(total.note), String(total.suppressed)])
        return Section(title: "Findings", blocks: [.table(severities), .table(families)])
    }

    private static func waivers(_ health: InventoryHealth, _ report: HealthReport) -> Section {
        var section = Section(title: "Waivers")
        guard !health.waivers.isEmpty else {
            section.blocks.append(.line("none"))
            return section
        }
        let inForce = health.waivers.filter { $0.status == .inForce || $0.status == .expiring }.count
        let expiring = health.waivers.filter { $0.status == .expiring }.count
        let expired = health.waivers.count - inForce
        section.blocks.append(.line("\(inForce) in force (\(expiring) expiring within \(InventoryHealth.expiryWarningDays) days of \(report.asOf)), \(expired) expired"))
        var table = HealthTable(["rule", "target", "expires", "status", "silences", "owner", "reason"])
        for waiver in health.waivers {
            let style: HealthTable.Style? = waiver.status == .expired || waiver.status == .invalidExpiry ? .red : waiver.status == .expiring ? .yellow : nil
            table.add([
                HealthTable.Cell(waiver.rule), HealthTable.Cell(waiver.target), HealthTable.Cell(waiver.expires?.description ?? "never"),
                HealthTable.Cell(waiver.status.rawValue, style), HealthTable.Cell(String(waiver.suppresses)),
                HealthTable.Cell(waiver.owner ?? "-"), HealthTable.Cell(waiver.reason),
            ])
        }
        section.blocks.append(.table(table))
        return section
    }

    private static func ruleCoverage(_ health: InventoryHealth, _ report: HealthReport) -> Section {
        var table = HealthTable(["kind", "entities", "rules", "enabled rules examining it"])
        for row in health.ruleCoverage.kinds {
            table.add([
                HealthTable.Cell(row.kind.pluralNoun), HealthTable.Cell(String(row.entityIDs.count)),
                HealthTable.Cell(String(row.rules.count), row.rules.isEmpty ? .red : nil),
                HealthTable.Cell(row.rules.isEmpty ? "none" : row.rules.joined(separator: ", ")),
            ])
        }
        var section = Section(title: "Rule coverage (which enabled rules examine each kind present; structural checks not counted)",
                              blocks: [.table(table)])
        let unexamined = health.ruleCoverage.unexamined
        if unexamined.isEmpty {
            section.blocks.append(.line("entities no enabled rule examined: none"))
        } else {
            let items = health.ruleCoverage.kinds.filter { $0.rules.isEmpty }.map {
                Item(name: $0.kind.pluralNoun, detail: $0.entityIDs.joined(separator: ", "))
            }
            section.blocks.append(.list(heading: "entities no enabled rule examined (\(unexamined.count))", items: items))
        }
        let kinds = health.ruleCoverage.kindsWithoutRules
        section.blocks.append(.line("kinds present with no enabled rule: " + (kinds.isEmpty ? "none" : kinds.map(\.pluralNoun).joined(separator: ", "))))
        let scanOnly = health.ruleCoverage.kinds.filter { $0.rules == [Self.textScanRule] }.map(\.kind.pluralNoun)
        if !scanOnly.isEmpty {
            section.blocks.append(.line("kinds only scanned for credential literals (\(Self.textScanRule)): " + scanOnly.joined(separator: ", ")))
        }
        return section
    }

    /// The rule that reads every string of every entity: it examines every kind, but only for credentials.
    static var textScanRule: String { CredentialLiteralRule.description.identifier }

    // MARK: Across inventories

    private static func rollUp(_ report: HealthReport) -> Part {
        var table = HealthTable(["inventory", "entities", "errors", "warnings", "notes"] + HealthReport.rollUpMeasures.map(\.shortLabel)
            + ["single-point hosts", "unexamined"])
        for health in report.inventories {
            let all = health.scopes.first
            let findings = all?.findings ?? InventoryHealth.SeverityCounts()
            var cells = [health.name ?? health.path, String(health.entityCount), String(findings.error), String(findings.warning),
                         String(findings.note)].map { HealthTable.Cell($0) }
            cells += HealthReport.rollUpMeasures.map { measure in
                let figure = all?.figure(measure) ?? CoverageFigure(covered: 0, missing: [], unknown: [])
                return HealthTable.Cell(figure.summary, HealthTable.style(of: figure))
            }
            cells.append(HealthTable.Cell(String(health.singlePointsOfFailure.count), health.singlePointsOfFailure.isEmpty ? nil : .red))
            cells.append(HealthTable.Cell(String(health.ruleCoverage.unexamined.count), health.ruleCoverage.unexamined.isEmpty ? nil : .red))
            table.add(cells)
        }
        return Part(title: "Roll-up", path: nil, sections: [Section(title: "One row per inventory (whole inventory, all environments)", blocks: [.table(table)])])
    }
}
