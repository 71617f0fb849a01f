#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import InfraJSON
import InfraModel
import InfraRules
import InfraOutput

/// The options every command that lints takes: configuration, rule selection, the reference day,
/// the exit threshold and the input limits. Parsed once, shared by `validate` and later commands.
struct LintingArguments {
    static let options: [OptionSpec] = [
        .option("--fail-on", "severity", "Lowest severity that makes the exit code 1 (default: error)",
                allowed: FailOn.allCases.map(\.rawValue)),
        .option("--config", "file", "Configuration file (default: the nearest .infractl.json from each input's directory up to the project root)"),
        .option("--exclude", "glob", "Leave out of directory walks the files and directories matching GLOB (repeatable)", repeatable: true),
        .option("--stdin-name", "name", "The path standard input (-) is reported, fingerprinted and baselined as (default: <stdin>)"),
        .option("--rule", "id", "Run only this rule (repeatable)", repeatable: true),
        .option("--skip", "id", "Do not run this rule (repeatable)", repeatable: true),
        .option("--as-of", "date", "The day age checks are made against, YYYY-MM-DD (default: the configuration's, else today)"),
    ] + InputLimits.options + [
        .option("--max-findings", "n", "Most findings reported per file, the most severe first (default: \(InventoryLoader.defaultMaxFindings))"),
        .flag("--follow-symlinks", "In a directory, follow symbolic links that lead outside it (default: leave them out, with a note)"),
    ]

    let failOn: FailOn
    let configPath: String?
    let only: [String]
    let skip: [String]
    let asOf: Day?
    let limits: InputLimits
    let maxFindings: Int
    /// Whether `--max-findings` was given (diff matches every finding unless it was).
    let maxFindingsGiven: Bool
    let followsSymlinks: Bool
    let exclude: [String]
    let standardInputName: String
    /// The command's positional arguments: where to look for the project root when the working
    /// directory is in no project.
    let inputPaths: [String]

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
        let givenMaxFindings = try InputLimits.positiveInteger(arguments, "--max-findings", usage: usage)
        maxFindings = givenMaxFindings ?? InventoryLoader.defaultMaxFindings
        maxFindingsGiven = givenMaxFindings != nil
        followsSymlinks = arguments.has("--follow-symlinks")
        inputPaths = arguments.positionals
        exclude = arguments.all("--exclude")
        if exclude.contains("") { throw .usage("'--exclude' needs a glob pattern", usage: usage) }
        let name = arguments.value("--stdin-name") ?? InputFiles.standardInputName
        guard !name.isEmpty, !name.hasSuffix("/") else {
            throw .usage("'--stdin-name' needs a file name, found '\(name)'", usage: usage)
        }
        standardInputName = name
    }

    /// Refuses input paths that cannot mean anything: an empty one, and standard input named more
    /// than once (it can be read only once).
    static func checkInputPaths(_ paths: [String], usage: String) throws(ToolError) {
        if paths.contains("") { throw .usage("an input PATH is empty; name a file or a directory, or - for standard input", usage: usage) }
        if paths.filter({ $0 == "-" }).count > 1 { throw .usage("standard input (-) is named more than once; it can be read only once", usage: usage) }
    }

    /// The reader of the inputs these options describe; `outputs` are left out of directory walks.
    func inputFiles(_ context: CommandContext, outputs: OutputTargets? = nil) -> InputFiles {
        var files = InputFiles(context: context, maxFileSize: maxFileSize)
        files.maxDepth = maxDepth
        files.outputs = outputs
        files.followsSymlinks = followsSymlinks
        files.root = projectRoot(context)
        files.standardInputName = standardInputName == InputFiles.standardInputName
            ? standardInputName : files.root?.shown(standardInputName, currentDirectory: context.currentDirectory) ?? standardInputName
        files.exclusions.patterns = exclude.map { Exclusions.Pattern(glob: $0, base: "", origin: "--exclude") }
        return files
    }

    /// The project root of this run (`ProjectRoot`).
    func projectRoot(_ context: CommandContext) -> ProjectRoot {
        ProjectRoot.find(context, configPath: configPath, inputs: inputPaths)
    }

    /// The configuration file every input falls back on, if any: `--config`, else the nearest
    /// `.infractl.json` at or above the working directory (up to the git top-level).
    func configFile(_ context: CommandContext) -> String? {
        configPath ?? projectRoot(context).configuration
    }

    /// Notes of a walk (links left out, outputs not read), one line each on standard error.
    static func reportNotes(_ inputs: InputFiles.Collected, _ context: CommandContext) {
        for note in inputs.notes { context.stderr.write(TerminalText.path(note) + "\n") }
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
        let root = projectRoot(context)
        var configuration = Configuration()
        var findings: [Finding] = []
        if let path = root.configuration {
            (configuration, findings) = try readConfiguration(path, root: root, context)
        }
        return (linter(configuration), findings)
    }

    /// Reads the configuration at `absolute`, named in findings relative to the project root.
    func readConfiguration(_ absolute: String, root: ProjectRoot, _ context: CommandContext) throws(ToolError) -> (Configuration, [Finding]) {
        let shown = root.shown(absolute, currentDirectory: context.currentDirectory)
        let source = try InputFiles.readSource(shown, opening: absolute, context: context, maxSize: maxFileSize, maxDepth: reader.maxDepth)
        let document: JSONDocument
        do {
            document = try reader.read(source)
        } catch {
            throw .malformedJSON(source.location(at: error.offset), error.message)
        }
        let (configuration, findings) = Configuration.decode(document)
        // Fail closed: with a key given twice nobody can say which value was meant.
        if let repeated = findings.first(where: { $0.ruleID == StructuralRule.duplicateKey.rawValue }) {
            throw .invalidConfiguration(repeated.location, "the configuration gives '\(repeated.fieldPath ?? "")' twice")
        }
        return (configuration, capped(findings, file: shown, context))
    }

    /// The linter of one configuration with this command line's `--as-of`, `--rule` and `--skip`.
    func linter(_ configuration: Configuration) -> Linter {
        let asOf = self.asOf ?? configuration.asOf ?? Self.today()
        var options = LintOptions(settings: RuleSettings(asOf: asOf))
        configuration.apply(to: &options)
        options.disabled.formUnion(skip)
        if !only.isEmpty { options.only = Set(only) }
        return Linter(options: options)
    }

    /// The configuration's findings, at most `--max-findings` of them (the most severe first), with
    /// a warning for the rest: a configuration cannot flood the output any more than an inventory.
    private func capped(_ findings: [Finding], file: String, _ context: CommandContext) -> [Finding] {
        guard findings.count > maxFindings else { return findings }
        context.stderr.write(TerminalText.path("\(file): warning: \(findings.count - maxFindings) more configuration findings not reported: at most \(maxFindings), the most severe first (--max-findings)") + "\n")
        return findings.sortedInReportOrder(mostSevereFirst: true, keeping: maxFindings)
    }

    /// Today in UTC.
    static func today() -> Day {
        let days = Int(time(nil) / 86_400)
        guard let day = Day(daysSinceEpoch: days) else { preconditionFailure("the clock is outside years 1-9999") }
        return day
    }
}
