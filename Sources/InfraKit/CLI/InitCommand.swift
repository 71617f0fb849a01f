#if canImport(Glibc)
import Glibc
#endif
import InfraJSON
import InfraModel
import InfraOutput
import InfraImport

/// `infractl init [DIRECTORY]`: a starter inventory, the configuration and CI snippets, each
/// written atomically; a file that exists is left alone unless `--force`.
struct InitCommand: Command {
    static let configuration = CommandConfiguration(
        name: "init",
        abstract: "Write a starter inventory, .infractl.json and CI snippets (GitHub, GitLab, pre-commit) that pass validate",
        usage: "infractl init [--name NAME] [--infractl-git URL] [--as-of DATE] [--force] [DIRECTORY]",
        discussion: """
        Writes, below DIRECTORY (default: the current directory):
          inventories/NAME.json              an example of every kind of entity, each description
                                             saying what the kind is for; it passes validate as written
          schema/inventory.schema.json       the JSON Schema the inventory names, for editors
          .infractl.json                     the configuration, with the default thresholds
          .github/workflows/infractl.yml     GitHub Actions: validate with annotations
          .gitlab/infractl.gitlab-ci.yml     a GitLab job to include: validate with a JUnit report
          .pre-commit-config.yaml            the infractl-validate pre-commit hook
        The snippets build infractl from the git repository --infractl-git names. Existing files are
        kept (each is listed) unless --force. Then: 'infractl import' writes entities from what you
        already have.

        Exit codes: 0 written; 2 the command could not do its job.
        """,
        arguments: [("DIRECTORY", "Where to write (default: the current directory)")],
        options: [
            .option("--name", "name", "The system's name (default: the directory's name)"),
            .option("--infractl-git", "url", "The git URL the CI snippets build infractl from"),
            .option("--as-of", "date", "The day the example restore test and rotation are dated, YYYY-MM-DD (default: today)"),
            .flag("--force", "Replace files that exist"),
        ]
    )

    let directory: String
    let name: String?
    let infractlGit: String?
    let asOf: Day?
    let force: Bool

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        guard arguments.positionals.count <= 1 else { throw .usage("init takes at most one DIRECTORY", usage: usage) }
        directory = arguments.positionals.first ?? "."
        name = arguments.value("--name")
        infractlGit = arguments.value("--infractl-git")
        if let text = arguments.value("--as-of") {
            guard let day = Day(parsing: text) else { throw .usage("'--as-of' needs a date written YYYY-MM-DD, found '\(text)'", usage: usage) }
            asOf = day
        } else {
            asOf = nil
        }
        force = arguments.has("--force")
    }

    func run(_ context: CommandContext) -> Int32 {
        let root = context.absolute(directory)
        let systemName = name ?? Self.defaultName(root)
        let starter = StarterFiles(name: systemName, inventoryID: ImportID.make(systemName), today: asOf ?? LintingArguments.today(),
                                   infractlGit: infractlGit)
        if infractlGit == nil { context.stderr.write(InitReportRenderer.placeholderGitNote) }
        let report = InitReportRenderer(directory: directory)
        for (path, text) in starter.files {
            let target = root + "/" + path
            if !force, access(target, F_OK) == 0 {
                context.stdout.write(report.kept(path))
                continue
            }
            if case .failure(let failure) = Self.write(text, to: target) {
                context.stderr.write(ToolError.unwritable(path: report.shown(path), reason: failure.reason).message + "\n")
                return ToolError.exitCode
            }
            context.stdout.write(report.wrote(path))
        }
        context.stdout.write(report.next)
        return 0
    }

    /// The directory's last component as a name, `example` when it gives none.
    static func defaultName(_ path: String) -> String {
        let last = path.split(separator: "/").last { $0 != "." && $0 != ".." }.map(String.init) ?? ""
        let id = ImportID.make(last)
        return id == "unnamed" ? "example" : id
    }

    /// Creates the file's directories, then writes it atomically.
    private static func write(_ text: String, to path: String) -> Result<Void, AtomicFile.Failure> {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += "/" + component
            if mkdir(prefix, 0o777) != 0, errno != EEXIST { return .failure(.system("\(prefix): \(InputFiles.errorText(errno))")) }
        }
        return AtomicFile.write(text, to: path)
    }
}
