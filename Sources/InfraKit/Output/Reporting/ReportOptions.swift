import InfraModel

/// What the machine-readable formats need to know beyond the report: the exit threshold (JUnit
/// fails only what fails the run), SARIF's category and what it does with silenced findings, and
/// the JUnit flavour.
public struct ReportOptions: Sendable {
    /// The lowest severity that fails the run (`--fail-on`); nil when nothing does (`never`).
    public var failingSeverity: Severity? = .error
    /// `runs[].automationDetails.id` (`--sarif-category`): code scanning keeps one set of alerts per category.
    public var sarifCategory: String?
    /// Whether SARIF lists waived findings as suppressed results (`--sarif-suppressed mark`); by
    /// default they are left out, which is what closes their code scanning alerts.
    public var sarifMarksSuppressed = false
    /// JUnit's dialect (`--junit-flavor`).
    public var junitFlavor: JUnitReporter.Flavor = .ant
    /// The day the run is checked as of: JUnit's required `timestamp`, so the file is the same on every run.
    public var asOf: Day?

    public init() {}
}
