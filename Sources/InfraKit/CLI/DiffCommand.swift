import InfraJSON
import InfraModel
import InfraOutput
import InfraRules

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
        entity and field path, not by file or line. Every finding of each version is matched
        (up to 1,000,000, or --max-findings when given): keeping only the most severe of each would
        let a change push a finding out of one version's list, which would then read as introduced.

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
        // OLD is read, linted and summarised first, and let go before NEW is read (a mapped file's
        // pages come in as it is read), so the two versions are never in memory together; each
        // lint uses every core on its own.
        var loader = linting.loader
        loader.maxFindings = linting.maxFindingsGiven ? linting.maxFindings : Self.matchingLimit
        func summarised(_ source: Result<SourceFile, ToolError>) -> Result<SummarisedVersion, ToolError> {
            source.flatMap { source in Self.lint(source, loader: loader, linter: linter, warn: context.stderr.write).map { SummarisedVersion($0, loader: loader) } }
        }
        let old: Result<SummarisedVersion, ToolError>, new: Result<InventoryDiff.Side, ToolError>
        switch inputs {
        case .files(let oldPath, let newPath):
            old = summarised(read(oldPath, context))
            new = read(newPath, context).flatMap { Self.lint($0, loader: loader, linter: linter, warn: context.stderr.write) }
        case .git(let revision, let path):
            // The working tree first: when the file is missing, that is the one error worth reporting.
            let source = read(path, context)
            guard case .success(let working) = source else {
                if case .failure(let error) = source { context.stderr.write(error.message + "\n") }
                return ToolError.exitCode
            }
            // Its pages can wait outside the resident set while OLD is linted.
            working.releaseResidentPages()
            old = summarised(readFromGit(revision: revision, path: path, context))
            new = Self.lint(working, loader: loader, linter: linter, warn: context.stderr.write)
        }
        var failed = false
        for case .failure(let error) in [old.map { _ in () }, new.map { _ in () }] {
            context.stderr.write(error.message + "\n")
            failed = true
        }
        guard !failed, case .success(let before) = old, case .success(let after) = new else { return ToolError.exitCode }
        let diff = InventoryDiff(old: before, new: after)
        switch format {
        case .text: context.stdout.write(DiffRenderer.text(diff, old: before, new: after))
        case .json: DiffRenderer.json(diff, old: before, new: after).write(inPieces: context.stdout.write)
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

    /// The findings each version matches at most when `--max-findings` is not given: more than any
    /// real inventory has (100,000 hosts give a few hundred thousand), a bound only hostile input reaches.
    static let matchingLimit = 1_000_000

    private static func lint(_ source: SourceFile, loader: InventoryLoader, linter: Linter,
                             warn: (String) -> Void) -> Result<InventoryDiff.Side, ToolError> {
        let report = loader.validate([source], linter: linter)
        guard let file = report.files.first else { return .failure(.unreadable(path: source.path, reason: "not loaded")) }
        if file.omittedFindings > 0 {
            warn(TerminalText.path("\(source.path): warning: \(file.omittedFindings) findings over the limit of \(loader.maxFindings) were not "
                                   + "matched: the findings introduced and resolved may be incomplete (--max-findings)") + "\n")
        }
        switch file.status {
        case .failed(let error): return .failure(error)
        case .loaded(let inventory): return .success(InventoryDiff.Side(inventory: inventory, findings: report.findings, suppressed: report.suppressed))
        }
    }
}
