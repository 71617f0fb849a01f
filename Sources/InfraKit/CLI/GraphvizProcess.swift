import Foundation

/// Runs Graphviz's `dot -Tsvg` for `infractl docs --format html`: the only place docs start a process.
enum GraphvizProcess {
    /// The `dot` executable on the context's `PATH`, if Graphviz is installed.
    static func executable(_ context: CommandContext) -> String? {
        guard let path = context.environment["PATH"] else { return nil }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = directory.hasSuffix("/") ? "\(directory)dot" : "\(directory)/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    enum Failure: Error {
        case notInstalled
        case failed(String)
    }

    /// The SVG `dot -Tsvg` draws for `dot`, or why there is none.
    static func svg(_ dot: String, context: CommandContext) -> Result<String, Failure> {
        guard let executable = executable(context) else { return .failure(.notInstalled) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(.failed("cannot run \(executable): \(error.localizedDescription)"))
        }
        // dot reads the whole graph before it writes anything, so the input can be written first;
        // its warnings are read on another thread so a full stderr pipe cannot stall it.
        let collected = ErrorText()
        let reading = DispatchGroup()
        let errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async(group: reading) {
            collected.set(errorHandle.readDataToEndOfFile())
        }
        input.fileHandleForWriting.write(Data(dot.utf8))
        try? input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        reading.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: collected.data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            return .failure(.failed("dot -Tsvg exited with status \(process.terminationStatus)\(message.isEmpty ? "" : ": \(message)")"))
        }
        return .success(String(decoding: svg, as: UTF8.self))
    }

    /// Standard error of the process, filled by the reader thread.
    private final class ErrorText: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Data?

        func set(_ data: Data) {
            lock.lock()
            stored = data
            lock.unlock()
        }

        var data: Data {
            lock.lock()
            defer { lock.unlock() }
            return stored ?? Data()
        }
    }
}
