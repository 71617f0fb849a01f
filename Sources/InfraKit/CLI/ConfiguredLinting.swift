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

/// One linting run over the inputs of a command line, each input checked with its configuration:
/// `--config` when given; else the nearest `.infractl.json` from the input's directory up to the
/// project root; else none. `validate` and `report` run through it; `infractl config` shows it.
struct ConfiguredLinting {
    /// One configuration file read by the run.
    struct ConfigurationFile {
        /// Absolute path, and the path as shown (relative to the project root).
        let absolute: String
        let shown: String
        let configuration: Configuration
        let linter: Linter
    }

    let root: ProjectRoot
    /// The configuration inputs fall back on (`--config`, else the one at or above the working directory).
    let fallback: ConfigurationFile?
    /// Every configuration read, the fallback first, then by path.
    private(set) var files: [ConfigurationFile] = []
    /// The linter with no configuration file.
    let plainLinter: Linter
    /// The configurations' own findings (mistakes in them).
    private(set) var findings: [Finding] = []

    private let arguments: LintingArguments
    private let context: CommandContext

    init(_ arguments: LintingArguments, _ context: CommandContext) throws(ToolError) {
        self.arguments = arguments
        self.context = context
        root = arguments.projectRoot(context)
        plainLinter = arguments.linter(Configuration())
        if let path = root.configuration {
            let (configuration, findings) = try arguments.readConfiguration(path, root: root, context)
            let file = ConfigurationFile(absolute: path, shown: root.shown(path, currentDirectory: context.currentDirectory),
                                         configuration: configuration, linter: arguments.linter(configuration))
            fallback = file
            files = [file]
            self.findings = findings
        } else {
            fallback = nil
        }
    }

    /// The linter of the configuration the fallback is, or none.
    var linter: Linter { fallback?.linter ?? plainLinter }

    /// Reads the inputs (leaving out what `--exclude` and the configurations exclude) and checks each
    /// with its configuration. The configurations' findings join the report's unless
    /// `withConfigurationFindings` is false (the caller shows them apart).
    mutating func validate(_ paths: [String], outputs: OutputTargets?,
                           withConfigurationFindings: Bool = true) throws(ToolError) -> (ValidationReport, InputFiles.Collected) {
        var files = arguments.inputFiles(context, outputs: outputs)
        if let fallback { files.exclusions.patterns += Self.patterns(fallback, root: root) }
        var inputs = files.collect(paths)
        // A file named on the command line is always read; only what walks found is excluded.
        let named = Set(paths.map(files.shown))
        var linters: [Linter] = []
        var kept: [SourceFile] = []
        for source in inputs.sources {
            let file = try configuration(for: source.path)
            if let file, file.absolute != fallback?.absolute, !named.contains(source.path),
               Exclusions(patterns: Self.patterns(file, root: root)).excludes(source.path) { continue }
            kept.append(source)
            linters.append(file?.linter ?? plainLinter)
        }
        inputs.sources = kept
        let report = arguments.loader.validate(inputs.sources, failures: inputs.failures, linters: linters,
                                                  extraFindings: withConfigurationFindings ? findings : [])
        return (report, inputs)
    }

    /// The configuration of the input shown as `path`: `--config`; else the nearest `.infractl.json`
    /// from its directory up to the root; else the fallback.
    mutating func configuration(for path: String) throws(ToolError) -> ConfigurationFile? {
        if arguments.configPath != nil || path.hasPrefix("/") || path == arguments.standardInputName { return fallback }
        var directory = ProjectRoot.parent(of: FileIdentity.normalized(root.absolute(path)))
        while directory.hasPrefix(root.path), directory != root.path {
            let candidate = ProjectRoot.join(directory, ProjectRoot.configurationName)
            if let known = files.first(where: { $0.absolute == candidate }) { return known }
            if access(candidate, F_OK) == 0 {
                let (configuration, findings) = try arguments.readConfiguration(candidate, root: root, context)
                let file = ConfigurationFile(absolute: candidate, shown: root.shown(candidate, currentDirectory: context.currentDirectory),
                                             configuration: configuration, linter: arguments.linter(configuration))
                files.append(file)
                self.findings += findings
                return file
            }
            directory = ProjectRoot.parent(of: directory)
        }
        return fallback
    }

    /// A configuration's `exclude` patterns, relative to its directory.
    static func patterns(_ file: ConfigurationFile, root: ProjectRoot) -> [Exclusions.Pattern] {
        let directory = ProjectRoot.parent(of: file.shown)
        let base = file.shown.contains("/") ? directory : ""
        return file.configuration.exclude.map { Exclusions.Pattern(glob: $0, base: base, origin: file.shown) }
    }
}
