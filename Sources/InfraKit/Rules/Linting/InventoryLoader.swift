import InfraJSON
import InfraModel

/// What became of one input file.
public struct FileResult: Sendable {
    public enum Status: Sendable {
        /// Read and decoded; its findings are in the report.
        case loaded(Inventory)
        /// Could not be read as JSON at all: the reason stops this file.
        case failed(ToolError)
    }

    public let path: String
    public let status: Status
    /// Findings not reported because the file had more than `InventoryLoader.maxFindings`.
    public var omittedFindings = 0

    public var inventory: Inventory? {
        if case .loaded(let inventory) = status { return inventory }
        return nil
    }
}

/// The result of loading and checking a set of inputs.
public struct ValidationReport: Sendable {
    public var files: [FileResult] = []
    /// Every finding, in report order.
    public var findings: [Finding] = []
    /// Findings silenced by waivers, in report order.
    public var suppressed: [SuppressedFinding] = []
    /// Set when a baseline was applied.
    public var baseline: BaselineSummary?

    public init() {}

    public var toolErrors: [ToolError] {
        files.compactMap { file in
            if case .failed(let error) = file.status { return error }
            return nil
        }
    }

    public var entityCount: Int { files.compactMap(\.inventory).map(\.entityCount).reduce(0, +) }

    public func count(_ severity: Severity) -> Int {
        // By index: filtering copied every finding of that severity into a new array (13.6M
        // instructions for the three severities of a 10,000-finding report).
        var count = 0
        for index in findings.indices where findings[index].severity == severity { count += 1 }
        return count
    }
}

/// Parses and decodes inventory sources. Touches no files: the CLI hands it bytes.
public struct InventoryLoader: Sendable {
    public static let defaultMaxFindings = 10_000

    public var reader: JSONReader
    /// Most findings reported per file (`--max-findings`): beyond it the most severe are kept and the
    /// rest only counted, so hostile input (a million empty entities) gives bounded output.
    public var maxFindings: Int

    public init(reader: JSONReader = JSONReader(), maxFindings: Int = InventoryLoader.defaultMaxFindings) {
        self.reader = reader
        self.maxFindings = maxFindings
    }

    /// Reads one source: the decoded inventory and its structural findings, or why it is not JSON.
    public func load(_ source: SourceFile) -> Result<(Inventory, [Finding]), ToolError> {
        loadCounting(source).map { ($0.inventory, $0.findings) }
    }

    /// `load`, keeping at most `maxFindings` structural findings and counting the others.
    private func loadCounting(_ source: SourceFile) -> Result<(inventory: Inventory, findings: [Finding], omitted: Int), ToolError> {
        let document: JSONDocument
        do {
            document = try reader.read(source)
        } catch {
            return .failure(.malformedJSON(source.location(at: error.offset), error.message))
        }
        var decoder = InventoryDecoder()
        decoder.maxFindings = maxFindings
        let decoded = decoder.decodeLimited(document)
        return .success((decoded.inventory, decoded.findings, decoded.omitted))
    }

    /// One source loaded and linted.
    private struct Checked: Sendable {
        var file: FileResult
        var findings: [Finding] = []
        var suppressed: [SuppressedFinding] = []
    }

    private func check(_ source: SourceFile, linter: Linter) -> Checked {
        switch loadCounting(source) {
        case .success(let (inventory, structural, omittedStructural)):
            let result = linter.lint(inventory, structural: structural, keeping: maxFindings)
            // Parsing, decoding and the rules have read the whole file; what comes next reads a few
            // of its pages (an excerpt, a location), so the rest need not count in our memory.
            source.releaseResidentPages()
            return Checked(file: FileResult(path: source.path, status: .loaded(inventory), omittedFindings: omittedStructural + result.omitted),
                           findings: result.findings, suppressed: result.suppressed)
        case .failure(let error):
            return Checked(file: FileResult(path: source.path, status: .failed(error)))
        }
    }

    /// Every source loaded and linted, in the order given. Several sources are checked side by side
    /// on every core (a large one still splits its own work); each result goes to its own slot, so
    /// the report is the same as checking them one after another.
    private func check(_ sources: [SourceFile], linters: [Linter]) -> [Checked] {
        Array(sources.indices).mapSideBySide { check(sources[$0], linter: linters[$0]) }
    }

    /// Loads and lints every source into one report; findings sorted for output.
    /// `extraFindings` (from the configuration file) are reported with the rest.
    public func validate(
        _ sources: [SourceFile], failures: [(path: String, error: ToolError)] = [],
        linter: Linter, extraFindings: [Finding] = []
    ) -> ValidationReport {
        validate(sources, failures: failures, linters: Array(repeating: linter, count: sources.count), extraFindings: extraFindings)
    }

    /// `validate`, each source checked by its own linter (`linters[i]` for `sources[i]`): inputs
    /// under different configuration files.
    public func validate(
        _ sources: [SourceFile], failures: [(path: String, error: ToolError)] = [],
        linters: [Linter], extraFindings: [Finding] = []
    ) -> ValidationReport {
        precondition(linters.count == sources.count, "one linter for each source")
        var report = ValidationReport()
        report.findings = extraFindings
        for checked in check(sources, linters: linters) {
            report.files.append(checked.file)
            report.findings += checked.findings
            report.suppressed += checked.suppressed
        }
        for failure in failures {
            report.files.append(FileResult(path: failure.path, status: .failed(failure.error)))
        }
        report.files.sort { $0.path < $1.path }
        report.findings.sortInReportOrder()
        report.suppressed.sort { Finding.reportOrder($0.finding, $1.finding) }
        // Suppressed findings are numbered with the rest, so waiving one does not renumber another:
        // both lists are sorted, so merging them gives the report order (a finding before an equal
        // suppressed one).
        var slots: [(suppressed: Bool, index: Int)] = []
        slots.reserveCapacity(report.findings.count + report.suppressed.count)
        var (nextFinding, nextSuppressed) = (0, 0)
        while nextFinding < report.findings.count || nextSuppressed < report.suppressed.count {
            if nextFinding == report.findings.count
                || (nextSuppressed < report.suppressed.count
                    && Finding.reportOrder(report.suppressed[nextSuppressed].finding, report.findings[nextFinding])) {
                slots.append((true, nextSuppressed))
                nextSuppressed += 1
            } else {
                slots.append((false, nextFinding))
                nextFinding += 1
            }
        }
        func finding(_ slot: (suppressed: Bool, index: Int)) -> Finding {
            slot.suppressed ? report.suppressed[slot.index].finding : report.findings[slot.index]
        }
        var occurrences = Fingerprint.Occurrences()
        for slot in slots {
            let fingerprint = Fingerprint.next(for: finding(slot), occurrences: &occurrences)
            if slot.suppressed {
                report.suppressed[slot.index].finding.fingerprint = fingerprint
            } else {
                report.findings[slot.index].fingerprint = fingerprint
            }
        }
        return report
    }
}
