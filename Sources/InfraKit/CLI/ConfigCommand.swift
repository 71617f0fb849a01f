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
            for finding in configured.findings.sorted(by: Finding.reportOrder) {
                context.stderr.write(TerminalText.path("\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]") + "\n")
            }
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        context.stdout.write(text)
        return 0
    }

    private func describe(_ configured: ConfiguredLinting, _ file: ConfiguredLinting.ConfigurationFile?, _ context: CommandContext) -> String {
        let root = configured.root
        let fromHere = Self.relative(root.path, from: FileIdentity.normalized(context.currentDirectory))
        var lines: [(String, String)] = [("project root", "\(fromHere) (\(Self.rootReason(root)))")]
        let source = file?.shown ?? "default"
        lines.append(("configuration file", file?.shown ?? "none"))
        let settings = (file?.linter ?? configured.plainLinter).options
        let config = file?.configuration ?? Configuration()
        let asOfOrigin = linting.asOf != nil ? "--as-of" : config.asOf != nil ? source : "today"
        lines.append(("asOf", "\(settings.settings.asOf) (\(asOfOrigin))"))
        lines.append(("thresholds.restoreTestMaxAge", "\(settings.settings.restoreTestMaxAge) (\(config.restoreTestMaxAge != nil ? source : "default"))"))
        lines.append(("thresholds.failoverTTL", "\(settings.settings.failoverTTLSeconds) (\(config.failoverTTLSeconds != nil ? source : "default"))"))
        lines.append(("thresholds.storageLimitPercent", "\(Self.number(settings.settings.storageLimitPercent)) (\(config.storageLimitPercent != nil ? source : "default"))"))
        for rule in RuleCatalog.identifiers.sorted() {
            var states: [String] = []
            if !settings.isEnabled(rule) {
                let origin = linting.skip.contains(rule) ? "--skip" : !linting.only.isEmpty && !linting.only.contains(rule) ? "not in --rule" : source
                states.append("disabled (\(origin))")
            } else if config.enabled.contains(rule) {
                states.append("enabled (\(source))")
            }
            if let severity = settings.severityOverrides[rule] { states.append("severity \(severity.rawValue) (\(source))") }
            if !states.isEmpty { lines.append(("rules.\(rule)", states.joined(separator: ", "))) }
        }
        for pattern in linting.exclude { lines.append(("exclude", "\(pattern) (--exclude)")) }
        if let file {
            for pattern in ConfiguredLinting.patterns(file, root: root) {
                lines.append(("exclude", "\(pattern.base.isEmpty ? "" : pattern.base + "/")\(pattern.glob) (\(pattern.origin))"))
            }
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { key, value in
            TerminalText.path(key + String(repeating: " ", count: width - key.count) + "  " + value)
        }.joined(separator: "\n") + "\n"
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

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
