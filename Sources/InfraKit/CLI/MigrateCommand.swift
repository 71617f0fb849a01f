#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import InfraJSON
import InfraModel
import InfraOutput

/// `infractl migrate PATH...`: rewrites inventories of an earlier format version as the current
/// one, in place and atomically, every byte but the version number kept.
struct MigrateCommand: Command {
    static let configuration = CommandConfiguration(
        name: "migrate",
        abstract: "Rewrite inventories of format version 1 as version 2, in place",
        usage: "infractl migrate [--check] [options] PATH...",
        discussion: """
        Version 2 only adds keys and values (a datastore's purpose, derivedFrom, replication and
        failover; a pipeline's artifact; a secret's host-file storage and file), so a version 1
        inventory becomes version 2 by its version number alone: migrate changes that number and
        keeps every other byte, key order and layout included. Each file is replaced
        atomically (a temporary file, then a rename) and keeps its mode; a file already at
        version 2 is left untouched. PATH is a file, a directory (every *.json below it) or '-'
        (standard input, written migrated to standard output).

        Exit codes: 0 every file is (now) current; 1 with --check, a file needs migrating; 2 a file
        could not be read, parsed or written (the others are still migrated).
        """,
        arguments: [("PATH", "Inventory files or directories, or '-' for standard input")],
        options: [
            .flag("--check", "Write nothing; list the files that need migrating and exit 1 if there are any"),
        ] + InputLimits.options
    )

    let paths: [String]
    let check: Bool
    let limits: InputLimits

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        guard !arguments.positionals.isEmpty else { throw .usage("migrate needs at least one PATH", usage: usage) }
        paths = arguments.positionals
        check = arguments.has("--check")
        limits = try InputLimits(arguments, usage: usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        var files = InputFiles(context: context, maxFileSize: limits.maxFileSize)
        files.maxDepth = limits.maxDepth
        let collected = files.collect(paths)
        var failed = !collected.failures.isEmpty
        var outdated = false
        collected.notes.forEach { context.stderr.write($0 + "\n") }
        collected.failures.forEach { context.stderr.write($0.error.message + "\n") }
        for source in collected.sources {
            switch migrate(source, context) {
            case .success(let step?):
                if case .wouldMigrate = step { outdated = true }
                context.stdout.write(MigrationRenderer.line(step))
            case .success(nil): break
            case .failure(let error):
                context.stderr.write(error.message + "\n")
                failed = true
            }
        }
        if failed { return ToolError.exitCode }
        return outdated ? 1 : 0
    }

    /// Migrates one file; standard input is written to standard output, with no line of its own (nil).
    private func migrate(_ source: SourceFile, _ context: CommandContext) -> Result<MigrationRenderer.Step?, ToolError> {
        let document: JSONDocument
        do {
            document = try limits.reader.read(source)
        } catch {
            return .failure(.malformedJSON(source.location(at: error.offset), error.message))
        }
        // Standard input is written to standard output, migrated, unless --check says to write nothing.
        let isStandardInput = !check && paths.contains("-") && source.path == InputFiles.standardInputName
        switch FormatMigration.migrate(document) {
        case .failure(let problem):
            return .failure(.notMigrated(source.location(at: problem.offset), problem.message))
        case .success(.current):
            if isStandardInput { context.stdout.write(String(decoding: source.bytes, as: UTF8.self)); return .success(nil) }
            return .success(.current(path: source.path))
        case .success(.migrated(let bytes, let from)):
            if isStandardInput { context.stdout.write(String(decoding: bytes, as: UTF8.self)); return .success(nil) }
            if check { return .success(.wouldMigrate(path: source.path, from: from)) }
            return write(bytes, to: source.path, context).map { .migrated(path: source.path, from: from) }
        }
    }

    /// Replaces a regular file atomically; anything else (a device, a pipe) is refused.
    private func write(_ bytes: [UInt8], to path: String, _ context: CommandContext) -> Result<Void, ToolError> {
        let target = context.absolute(path)
        var info = stat()
        guard stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .failure(.unwritable(path: path, reason: "not a regular file; migrate rewrites files only"))
        }
        return AtomicFile.write(bytes, to: target).mapError { .unwritable(path: path, reason: $0.reason) }
    }
}
