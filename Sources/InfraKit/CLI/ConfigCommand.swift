import InfraJSON
import InfraModel
import InfraRules
import InfraOutput

/// `infractl config [PATH]`: the effective configuration, and where each value came from (a
/// configuration file, an option, or the default).
struct ConfigCommand: Command {
    static let configuration = CommandConfiguration(
        name: "config",
        abstract: "Print the effective configuration and where each value came from",
        usage: "infractl config [--config FILE] [--exclude GLOB] [--rule ID] [--skip ID] [--as-of DATE] [PATH]",
        discussion: """
        The project root is the directory of the configuration file (--config, else the nearest
        .infractl.json at or above the working directory, up to the git top-level), else the git
        top-level, else the working directory. Paths are shown relative to it.

        With PATH (an inventory file or a directory), the configuration shown is the one that file
        is checked with: --config when given, else the nearest .infractl.json from its directory up
        to the project root.
        """,
        arguments: [("PATH", "An input whose configuration to show (default: the working directory's)")],
        options: LintingArguments.options.filter { !["--fail-on", "--max-findings", "--follow-symlinks", "--stdin-name"].contains($0.name) }
            .filter { !InputLimits.options.map(\.name).contains($0.name) }
    )

    let path: String?
    let linting: LintingArguments

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard arguments.positionals.count <= 1 else {
            throw .usage("config takes at most one PATH", usage: Self.configuration.usage)
        }
        path = arguments.positionals.first
        linting = try LintingArguments(arguments, usage: Self.configuration.usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        let text: String
        do {
            var configured = try ConfiguredLinting(linting, context)
            var file = configured.fallback
            if let path {
                let shown = configured.root.shown(path, currentDirectory: context.currentDirectory)
                // A file stands for itself; a directory for a file in it.
                let probe = shown.hasSuffix(".json") ? shown : (shown == "." ? "" : shown + "/") + "inventory.json"
                file = try configured.configuration(for: probe)
            }
            text = describe(configured, file, context)
            context.stderr.write(TextReporter().findingLines(configured.findings.sorted(by: Finding.reportOrder)))
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        context.stdout.write(text)
        return 0
    }

    /// The configuration in force for `file` and where each value came from, for `ConfigurationRenderer`.
    private func describe(_ configured: ConfiguredLinting, _ file: ConfiguredLinting.ConfigurationFile?, _ context: CommandContext) -> String {
        let root = configured.root
        let source = file?.shown ?? "default"
        let options = (file?.linter ?? configured.plainLinter).options
        let config = file?.configuration ?? Configuration()
        let rules = RuleCatalog.identifiers.sorted().map { rule in
            var disabledBy: String?
            if !options.isEnabled(rule) {
                disabledBy = linting.skip.contains(rule) ? "--skip" : !linting.only.isEmpty && !linting.only.contains(rule) ? "not in --rule" : source
            }
            return ConfigurationRenderer.RuleState(
                rule: rule, disabledBy: disabledBy, enabledBy: config.enabled.contains(rule) ? source : nil,
                severity: options.severityOverrides[rule].map { ($0, source) })
        }
        var excludes = linting.exclude.map { (pattern: $0, origin: "--exclude") }
        if let file {
            excludes += ConfiguredLinting.patterns(file, root: root).map { pattern in
                (pattern: "\(pattern.base.isEmpty ? "" : pattern.base + "/")\(pattern.glob)", origin: pattern.origin)
            }
        }
        return ConfigurationRenderer(
            projectRoot: (Self.relative(root.path, from: FileIdentity.normalized(context.currentDirectory)), Self.rootReason(root)),
            configurationFile: file?.shown,
            settings: options.settings,
            asOfOrigin: linting.asOf != nil ? "--as-of" : config.asOf != nil ? source : "today",
            thresholdOrigins: ConfigurationRenderer.ThresholdOrigins(
                restoreTestMaxAge: config.restoreTestMaxAge != nil ? source : "default",
                failoverTTL: config.failoverTTLSeconds != nil ? source : "default",
                storageLimitPercent: config.storageLimitPercent != nil ? source : "default"),
            rules: rules,
            excludes: excludes
        ).text()
    }

    static func rootReason(_ root: ProjectRoot) -> String {
        switch root.reason {
        case "--config": "the directory of --config"
        case ProjectRoot.configurationName: "holds \(ProjectRoot.configurationName)"
        case "git": "the git top-level"
        default: "the working directory"
        }
    }

    /// `path` relative to `directory`, both absolute and normalised: `.`, `sub`, `..`, `../other`.
    static func relative(_ path: String, from directory: String) -> String {
        let target = path.split(separator: "/")
        let base = directory.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
