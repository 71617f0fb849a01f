import InfraModel
import InfraRules

/// `infractl report`: the operational health of each inventory at a glance, and a roll-up row per
/// inventory to compare systems. Built from a `ValidationReport` (the model and the findings) and
/// the lint options in force; pure. `HealthReportFormat` renders it as text, JSON or Markdown.
public struct HealthReport: Sendable {
    /// Version of the JSON shape (documented in README.md, "Health report").
    public static let shapeVersion = 1

    /// A file that could not be read as JSON, with the one-line reason.
    public struct Unreadable: Sendable, Equatable {
        public let path: String
        public let message: String
    }

    /// The day age checks used.
    public let asOf: Day
    /// A restore test older than this does not count as tested.
    public let restoreTestMaxAge: Duration
    /// Rules enabled in this run, operational ones (catalog order).
    public let enabledRules: [String]
    /// One per loaded file, sorted by path.
    public let inventories: [InventoryHealth]
    /// Sorted by path.
    public let unreadable: [Unreadable]

    public init(_ report: ValidationReport, options: LintOptions) {
        asOf = options.settings.asOf
        restoreTestMaxAge = options.settings.restoreTestMaxAge
        enabledRules = RuleCatalog.all.map { $0.description.identifier }.filter(options.isEnabled)
        let findings = Dictionary(grouping: report.findings, by: \.location.file)
        let suppressed = Dictionary(grouping: report.suppressed, by: \.finding.location.file)
        inventories = report.files.compactMap { file in
            file.inventory.map {
                InventoryHealth($0, findings: findings[$0.path] ?? [], suppressed: suppressed[$0.path] ?? [], options: options)
            }
        }
        unreadable = report.files.compactMap { file in
            if case .failed(let error) = file.status { return Unreadable(path: file.path, message: error.message) }
            return nil
        }
    }

    /// The coverage figures compared across inventories, in roll-up column order.
    public static let rollUpMeasures = CoverageMeasure.allCases
}
