#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs Graphviz's `dot -Tsvg` for `infractl docs --format html`: the only place docs start a process.
enum GraphvizProcess {
    /// The `dot` executable on the context's `PATH`, if Graphviz is installed.
    static func executable(_ context: CommandContext) -> String? {
        guard let path = context.environment["PATH"] else { return nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = directory.hasSuffix("/") ? "\(directory)dot" : "\(directory)/dot"
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }

    enum Failure: Error {
        case notInstalled
        case failed(String)
    }

    /// The SVG `dot -Tsvg` draws for `dot`, or why there is none.
    static func svg(_ dot: String, context: CommandContext) -> Result<String, Failure> {
        guard let executable = executable(context) else { return .failure(.notInstalled) }
        switch Subprocess.run(executable, ["-Tsvg"], input: Array(dot.utf8)) {
        case .failure(let error):
            return .failure(.failed("cannot run \(executable): \(error.reason)"))
        case .success(let outcome):
            guard outcome.status == 0 else {
                let message = String(decoding: outcome.errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
                return .failure(.failed("dot -Tsvg exited with status \(outcome.status)\(message.isEmpty ? "" : ": \(message)")"))
            }
            return .success(String(decoding: outcome.output, as: UTF8.self))
        }
    }
}
