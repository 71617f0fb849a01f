import InfraJSON
import InfraModel
import InfraTopology
import InfraRules
import InfraOutput


/// `infractl diff OLD NEW` and `infractl diff --git REV PATH`: what a change to an inventory does —
/// entities added, removed and changed, findings introduced and resolved.
struct DiffCommand: Command {
    static let configuration = CommandConfiguration(
        name: "diff",
        abstract: "Compare two versions of an inventory: entities added, removed and changed, findings introduced and resolved",
        usage: "infractl diff [--format text|json] [--fail-on SEVERITY] [--config FILE] [--rule ID] [--skip ID] [--as-of DATE] (OLD NEW | --git REV PATH)",
        discussion: """
        OLD and NEW are inventory files (either may be - for standard input). With --git REV,
        the one PATH is compared as it is in the working tree (NEW) with the same file at
        revision REV (OLD), read with 'git show REV:PATH' from the current directory.

        Changed entities are listed field by field, each change at its value in NEW (in OLD for
        a removed field). Array elements with an identifying key are matched by it and written
        'dependsOn[target=couchdb-cloudant].tls'; other elements by index, 'roles[0]'. Both
        versions are linted with the same options; findings are matched by rule, severity,
        entity and field path, not by file or line.

        Exit codes: 0 the change introduces nothing at or above --fail-on; 1 it introduces
        findings at or above it; 2 the command could not do its job (bad usage, unreadable file,
        malformed JSON, git failed).
        """,
        arguments: [
            ("OLD", "The inventory before the change"),
            ("NEW", "The inventory after the change"),
            ("PATH", "With --git: the working-tree inventory, compared with its version at REV"),
        ],
        options: [
            .option("--format", "format", "Output format (default: text)", allowed: Format.allCases.map(\.rawValue), short: "-f"),
            .option("--git", "rev", "Compare PATH at git revision REV (OLD) with the working tree (NEW)"),
        ] + LintingArguments.options
    )

    /// The output formats of `diff`.
    enum Format: String, CaseIterable {
        case text, json
    }

    /// Version of the JSON output's shape; removing or renaming a key bumps it.
    static let shapeVersion = 1

    /// Where the two versions come from.
    enum Inputs {
        case files(old: String, new: String)
        case git(revision: String, path: String)
    }

    let inputs: Inputs
    let format: Format
    let linting: LintingArguments

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        if let revision = arguments.value("--git") {
            guard arguments.positionals.count == 1 else {
                throw .usage("diff --git needs exactly one PATH, found \(arguments.positionals.count)", usage: usage)
            }
            guard !revision.isEmpty, !revision.hasPrefix("-") else {
                throw .usage("'--git' needs a revision such as HEAD or main, found '\(revision)'", usage: usage)
            }
            guard arguments.positionals[0] != "-" else {
                throw .usage("diff --git compares a working-tree file, not standard input", usage: usage)
            }
            inputs = .git(revision: revision, path: arguments.positionals[0])
        } else {
            guard arguments.positionals.count == 2 else {
                throw .usage("diff needs two inventories, OLD and NEW (or --git REV PATH), found \(arguments.positionals.count)", usage: usage)
            }
            guard arguments.positionals != ["-", "-"] else {
                throw .usage("only one of OLD and NEW can be standard input", usage: usage)
            }
            inputs = .files(old: arguments.positionals[0], new: arguments.positionals[1])
        }
        format = arguments.value("--format").flatMap(Format.init(rawValue:)) ?? .text
        linting = try LintingArguments(arguments, usage: usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        let linter: Linter
        do {
            (linter, _) = try linting.makeLinter(context)
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        let sources: (old: Result<SourceFile, ToolError>, new: Result<SourceFile, ToolError>)
        switch inputs {
        case .files(let old, let new):
            sources = (read(old, context), read(new, context))
        case .git(let revision, let path):
            // The working tree first: when the file is missing, that is the one error worth reporting.
            let new = read(path, context)
            if case .failure(let error) = new {
                context.stderr.write(error.message + "\n")
                return ToolError.exitCode
            }
            sources = (readFromGit(revision: revision, path: path, context), new)
        }
        let loader = linting.loader
        let old = sources.old.flatMap { lint($0, loader: loader, linter: linter) }
        let new = sources.new.flatMap { lint($0, loader: loader, linter: linter) }
        var failed = false
        for case .failure(let error) in [old, new] {
            context.stderr.write(error.message + "\n")
            failed = true
        }
        guard !failed, case .success(let before) = old, case .success(let after) = new else { return ToolError.exitCode }
        let diff = InventoryDiff(old: before, new: after)
        switch format {
        case .text: context.stdout.write(Self.text(diff, old: before, new: after))
        case .json: context.stdout.write(Self.json(diff, old: before, new: after).rendered() + "\n")
        }
        return linting.failOn.fails(diff.introduced) ? 1 : 0
    }

    // MARK: Input

    /// The file at `path`, named relative to the project root like every input (`ProjectRoot`).
    private func read(_ path: String, _ context: CommandContext) -> Result<SourceFile, ToolError> {
        let files = linting.inputFiles(context)
        if path == "-" {
            return Result { () throws(ToolError) in
                try InputFiles.readStandardInput(context, maxSize: linting.maxFileSize, maxDepth: linting.maxDepth, name: files.standardInputName)
            }
        }
        return Result { () throws(ToolError) in
            try InputFiles.readSource(files.shown(path), opening: context.absolute(path), context: context,
                                      maxSize: linting.maxFileSize, maxDepth: linting.maxDepth)
        }
    }

    /// The file at `path` as it is in `revision`: `git show REV:./NAME` (raw, no textconv) run in the file's directory,
    /// so `path` is taken relative to the current directory as everywhere else. Shown as `REV:PATH`.
    private func readFromGit(revision: String, path: String, _ context: CommandContext) -> Result<SourceFile, ToolError> {
        let display = "\(revision):\(linting.inputFiles(context).shown(path))"
        let absolute = context.absolute(path)
        let slash = absolute.lastIndex(of: "/")
        let directory = slash.map { $0 == absolute.startIndex ? "/" : String(absolute[..<$0]) } ?? "."
        let name = slash.map { String(absolute[absolute.index(after: $0)...]) } ?? absolute
        let arguments = ["git", "-C", directory, "--no-pager", "show", "--no-textconv", "\(revision):./\(name)"]
        let outcome: Subprocess.Outcome
        switch Subprocess.run("/usr/bin/env", arguments) {
        case .failure(let error): return .failure(.unreadable(path: display, reason: "cannot run git: \(error.reason)"))
        case .success(let result): outcome = result
        }
        let bytes = outcome.output
        guard outcome.status == 0 else {
            let message = String(decoding: outcome.errors, as: UTF8.self)
            let reason = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(outcome.status)"
            return .failure(.unreadable(path: display, reason: "git show failed: \(reason)"))
        }
        guard bytes.count <= linting.maxFileSize else {
            return .failure(.tooLarge(path: display, bytes: bytes.count, limit: linting.maxFileSize))
        }
        return .success(SourceFile(path: display, bytes: bytes))
    }

    private func lint(_ source: SourceFile, loader: InventoryLoader, linter: Linter) -> Result<InventoryDiff.Side, ToolError> {
        let report = loader.validate([source], linter: linter)
        guard let file = report.files.first else { return .failure(.unreadable(path: source.path, reason: "not loaded")) }
        switch file.status {
        case .failed(let error): return .failure(error)
        case .loaded(let inventory): return .success(InventoryDiff.Side(inventory: inventory, findings: report.findings, suppressed: report.suppressed))
        }
    }

    // MARK: Text

    static func text(_ diff: InventoryDiff, old: InventoryDiff.Side, new: InventoryDiff.Side) -> String {
        var output = ""
        // Each line starts with a location (a path) or with `!`/`~`, and quotes inventory text:
        // `TerminalText.path` keeps the whole line on one line and its start ours.
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            output += "\(title):\n" + lines.map { "\(TerminalText.path($0))\n" }.joined()
        }
        section("entities added", diff.added.map { "\($0.location): + \($0.kind.noun) '\($0.id)'" })
        section("entities removed", diff.removed.map { "\($0.location): - \($0.kind.noun) '\($0.id)'" })
        var changes = diff.inventoryChanges.map { "\($0.location): ~ inventory \(changeText($0))" }
        for entity in diff.changed {
            changes += entity.changes.map { "\($0.location): ~ \(entity.kind.noun) '\(entity.id)' \(changeText($0))" }
        }
        section("entities changed", changes)
        let topology = TopologyDelta(old: old.inventory, new: new.inventory, touched: diff.touchedIDs)
        section("topology consequences", topology.failures.map { change in
            let listed = { (ids: [String]) in ids.isEmpty ? "nothing" : ids.joined(separator: ", ") }
            return "\(change.isWorse ? "!" : "~") if \(change.failure) fails, production services down or impaired: \(listed(change.after)) (before: \(listed(change.before)))"
        } + topology.quorum.map { change in
            let margin = { (value: (voters: Int, tolerance: Int)?) in
                value.map { "\($0.voters) voters tolerate \($0.tolerance)" } ?? "absent"
            }
            let worse = (change.after?.tolerance ?? 0) < (change.before?.tolerance ?? 0)
            return "\(worse ? "!" : "~") cluster '\(change.cluster)' quorum: \(margin(change.before)) -> \(margin(change.after))"
        })
        section("findings introduced", diff.introduced.map(findingText))
        section("findings resolved", diff.resolved.map { resolved in
            findingText(resolved.finding) + (resolved.waivedBecause.map { " (now waived: \($0))" } ?? "")
        })
        output += TerminalText.path(summary(diff, old: old, new: new)) + "\n"
        return output
    }

    private static func plural(_ count: Int, _ singular: String, _ plural: String?) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    private static func changeText(_ change: InventoryDiff.FieldChange) -> String {
        "\(change.path): \(change.old ?? "(absent)") -> \(change.new ?? "(absent)")"
    }

    private static func findingText(_ finding: Finding) -> String {
        "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]"
    }

    private static func summary(_ diff: InventoryDiff, old: InventoryDiff.Side, new: InventoryDiff.Side) -> String {
        var line = "\(old.inventory.path) -> \(new.inventory.path): "
        if diff.isEmpty { return line + "no differences" }
        line += "\(plural(diff.added.count, "entity", "entities")) added, \(diff.removed.count) removed, \(diff.changed.count) changed"
        line += " (\(plural(diff.fieldChangeCount, "field change", nil)))"
        line += "; \(plural(diff.introduced.count, "finding", nil)) introduced"
        if !diff.introduced.isEmpty {
            let counts = Severity.allCases.reversed().map { severity in
                plural(diff.introduced.filter { $0.severity == severity }.count, severity.rawValue, nil)
            }
            line += " (\(counts.joined(separator: ", ")))"
        }
        line += ", \(diff.resolved.count) resolved"
        return line
    }

    // MARK: JSON

    /// `{version, tool, old, new, inventory, entities {added, removed, changed}, topology {failures, quorum}, findings {introduced, resolved}, summary}`;
    /// documented in README.md ("infractl diff").
    static func json(_ diff: InventoryDiff, old: InventoryDiff.Side, new: InventoryDiff.Side) -> JSONOutput {
        func side(_ side: InventoryDiff.Side) -> JSONOutput {
            .object([("path", .string(side.inventory.path)), ("name", side.inventory.name.map(JSONOutput.string) ?? .null)])
        }
        func entity(_ entity: InventoryDiff.EntityReference) -> JSONOutput {
            .object([("id", .string(entity.id)), ("kind", .string(entity.kind.rawValue)), ("location", location(entity.location))])
        }
        let introducedBySeverity = Severity.allCases.reversed().map { severity in
            (severity.rawValue, JSONOutput.int(diff.introduced.filter { $0.severity == severity }.count))
        }
        return .object([
            ("version", .int(shapeVersion)),
            ("tool", .object([("name", .string("infractl")), ("version", .string(InfraKitVersion.current))])),
            ("old", side(old)),
            ("new", side(new)),
            ("inventory", .array(diff.inventoryChanges.map(change))),
            ("entities", .object([
                ("added", .array(diff.added.map(entity))),
                ("removed", .array(diff.removed.map(entity))),
                ("changed", .array(diff.changed.map { changed in
                    .object([
                        ("id", .string(changed.id)), ("kind", .string(changed.kind.rawValue)),
                        ("location", location(changed.location)),
                        ("changes", .array(changed.changes.map(change))),
                    ])
                })),
            ])),
            ("topology", topologyJSON(TopologyDelta(old: old.inventory, new: new.inventory, touched: diff.touchedIDs))),
            ("findings", .object([
                ("introduced", .array(diff.introduced.map { finding($0) })),
                ("resolved", .array(diff.resolved.map { finding($0.finding, waived: .some($0.waivedBecause)) })),
            ])),
            ("summary", .object([
                ("added", .int(diff.added.count)),
                ("removed", .int(diff.removed.count)),
                ("changed", .int(diff.changed.count)),
                ("fieldChanges", .int(diff.fieldChangeCount)),
                ("introduced", .int(diff.introduced.count)),
                ("resolved", .int(diff.resolved.count)),
                ("introducedBySeverity", .object(introducedBySeverity)),
            ])),
        ])
    }

    private static func topologyJSON(_ delta: TopologyDelta) -> JSONOutput {
        let margin = { (value: (voters: Int, tolerance: Int)?) -> JSONOutput in
            value.map { .object([("voters", .int($0.voters)), ("tolerates", .int($0.tolerance))]) } ?? .null
        }
        return .object([
            ("failures", .array(delta.failures.map { change in
                .object([
                    ("failure", .string(change.failure)),
                    ("worse", .bool(change.isWorse)),
                    ("before", .array(change.before.map(JSONOutput.string))),
                    ("after", .array(change.after.map(JSONOutput.string))),
                ])
            })),
            ("quorum", .array(delta.quorum.map { change in
                .object([("cluster", .string(change.cluster)), ("before", margin(change.before)), ("after", margin(change.after))])
            })),
        ])
    }

    private static func change(_ change: InventoryDiff.FieldChange) -> JSONOutput {
        .object([
            ("path", .string(change.path)),
            ("old", change.old.map(JSONOutput.string) ?? .null),
            ("new", change.new.map(JSONOutput.string) ?? .null),
            ("location", location(change.location)),
        ])
    }

    private static func location(_ location: Location) -> JSONOutput {
        .object([("file", .string(location.file)), ("line", .int(location.line)), ("column", .int(location.column))])
    }

    /// A finding as `validate --format json` writes it; resolved ones add `waived` (the reason, or null).
    private static func finding(_ finding: Finding, waived: String?? = nil) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("ruleId", .string(finding.ruleID)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("entity", finding.entityID.map(JSONOutput.string) ?? .null),
            ("field", finding.fieldPath.map(JSONOutput.string) ?? .null),
            ("location", location(finding.location)),
        ]
        if let waived { members.append(("waived", waived.map(JSONOutput.string) ?? .null)) }
        return .object(members)
    }
}
