#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The options every command that lints takes: configuration, rule selection, the reference day,
/// the exit threshold and the input limits. Parsed once, shared by `validate` and later commands.
struct LintingArguments {
    static let options: [OptionSpec] = [
        .option("--fail-on", "severity", "Lowest severity that makes the exit code 1 (default: error)",
                allowed: FailOn.allCases.map(\.rawValue)),
        .option("--config", "file", "Configuration file (default: .infractl.json in the current directory, if present)"),
        .option("--rule", "id", "Run only this rule (repeatable)", repeatable: true),
        .option("--skip", "id", "Do not run this rule (repeatable)", repeatable: true),
        .option("--as-of", "date", "The day age checks are made against, YYYY-MM-DD (default: the configuration's, else today)"),
    ] + InputLimits.options + [
        .option("--max-findings", "n", "Most findings reported per file, the most severe first (default: \(InventoryLoader.defaultMaxFindings))"),
    ]

    let failOn: FailOn
    let configPath: String?
    let only: [String]
    let skip: [String]
    let asOf: Day?
    let limits: InputLimits
    let maxFindings: Int

    var maxDepth: Int { limits.maxDepth }
    var maxFileSize: Int { limits.maxFileSize }

    init(_ arguments: ParsedArguments, usage: String) throws(ToolError) {
        failOn = arguments.value("--fail-on").flatMap(FailOn.init(rawValue:)) ?? .error
        configPath = arguments.value("--config")
        only = arguments.all("--rule")
        skip = arguments.all("--skip")
        let known = RuleCatalog.identifiers
        for id in only + skip where !known.contains(id) {
            throw .usage("unknown rule '\(id)'\(Suggestion.clause(for: id, among: known)); see 'infractl rules'", usage: usage)
        }
        if let text = arguments.value("--as-of") {
            guard let day = Day(parsing: text) else {
                throw .usage("'--as-of' needs a date written YYYY-MM-DD, found '\(text)'", usage: usage)
            }
            asOf = day
        } else {
            asOf = nil
        }
        limits = try InputLimits(arguments, usage: usage)
        maxFindings = try InputLimits.positiveInteger(arguments, "--max-findings", usage: usage) ?? InventoryLoader.defaultMaxFindings
    }

    /// The JSON reader these limits describe.
    var reader: JSONReader { limits.reader }

    /// The inventory loader these limits describe.
    var loader: InventoryLoader {
        InventoryLoader(reader: reader, maxFindings: maxFindings)
    }

    /// One warning line on standard error for each file whose findings went over `--max-findings`.
    func reportOmittedFindings(_ report: ValidationReport, _ context: CommandContext) {
        for file in report.files where file.omittedFindings > 0 {
            context.stderr.write(TerminalText.path("\(file.path): warning: \(file.omittedFindings) more findings not reported: at most \(maxFindings) per file, the most severe first (--max-findings)") + "\n")
        }
    }

    /// The linter these options describe, and the configuration file's own findings.
    /// Throws when the configuration file cannot be read or is not JSON.
    func makeLinter(_ context: CommandContext) throws(ToolError) -> (Linter, [Finding]) {
        var configuration = Configuration()
        var findings: [Finding] = []
        if let path = configPath ?? defaultConfigPath(context) {
            let document = try InputFiles.readDocument(path, context: context, maxSize: maxFileSize, reader: reader)
            (configuration, findings) = Configuration.decode(document)
        }
        let asOf = self.asOf ?? configuration.asOf ?? Self.today()
        var options = LintOptions(settings: RuleSettings(asOf: asOf))
        configuration.apply(to: &options)
        options.disabled.formUnion(skip)
        if !only.isEmpty { options.only = Set(only) }
        return (Linter(options: options), findings)
    }

    private func defaultConfigPath(_ context: CommandContext) -> String? {
        let candidate = ".infractl.json"
        return access(context.currentDirectory + "/" + candidate, F_OK) == 0 ? candidate : nil
    }

    /// Today in UTC.
    static func today() -> Day {
        let days = Int(time(nil) / 86_400)
        guard let day = Day(daysSinceEpoch: days) else { preconditionFailure("the clock is outside years 1-9999") }
        return day
    }
}
