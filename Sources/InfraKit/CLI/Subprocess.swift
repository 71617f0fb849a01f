#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs another program (`git show`, Graphviz's `dot`) with posix_spawn: feeds it standard input and
/// collects its standard output and error, all three through one poll loop, so no pipe can fill up
/// and stall either side. Written on the C library rather than Foundation's `Process`, which would
/// cost every run of infractl the start-up of all of Foundation.
enum Subprocess {
    struct Outcome {
        /// The exit status, or 128 + the signal number when a signal ended the program.
        var status: Int32
        var output: [UInt8]
        var errors: [UInt8]
    }

    /// Why a program could not be started.
    struct LaunchError: Error {
        let reason: String
    }

    /// Runs `executable` (a path) with `arguments`, the caller's environment and `input` on its
    /// standard input; fails with a reason when the program cannot be started.
    static func run(_ executable: String, _ arguments: [String], input: [UInt8] = []) -> Result<Outcome, LaunchError> {
        // A child that exits before reading all its input must give EPIPE, not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var pipes: [Int32] = []
        defer { pipes.forEach { _ = close($0) } }
        func makePipe() -> (read: Int32, write: Int32)? {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { return nil }
            pipes += ends
            // Not inherited: the child gets only the ends dup2'ed onto 0, 1 and 2.
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            return (ends[0], ends[1])
        }
        guard let stdinPipe = makePipe(), let stdoutPipe = makePipe(), let stderrPipe = makePipe() else {
            return .failure(LaunchError(reason: String(cString: strerror(errno))))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe.write, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { return .failure(LaunchError(reason: String(cString: strerror(spawned)))) }
        // The child holds its own copies now; closing ours lets end of file reach each side.
        for end in [stdinPipe.read, stdoutPipe.write, stderrPipe.write] {
            close(end)
            pipes.removeAll { $0 == end }
        }

        var outcome = Outcome(status: 0, output: [], errors: [])
        exchange(input: input, with: stdinPipe.write, output: stdoutPipe.read, errors: stderrPipe.read,
                 into: &outcome, closing: &pipes)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        outcome.status = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + status & 0x7F
        return .success(outcome)
    }

    /// Writes `input` and reads both outputs until the child closes them.
    private static func exchange(input: [UInt8], with stdin: Int32, output: Int32, errors: Int32,
                                 into outcome: inout Outcome, closing pipes: inout [Int32]) {
        var written = 0
        var writing = true
        if input.isEmpty {
            close(stdin)
            pipes.removeAll { $0 == stdin }
            writing = false
        }
        var open: Set<Int32> = [output, errors]
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while writing || !open.isEmpty {
            var watched: [pollfd] = open.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if writing { watched.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            guard poll(&watched, nfds_t(watched.count), -1) >= 0 || errno == EINTR else { return }
            for entry in watched where entry.revents != 0 {
                if entry.fd == stdin {
                    let count = input.withUnsafeBytes { bytes in
                        Glibc.write(stdin, bytes.baseAddress! + written, min(input.count - written, 1 << 16))
                    }
                    if count > 0 { written += count }
                    if written == input.count || (count < 0 && errno != EINTR && errno != EAGAIN) {
                        close(stdin)
                        pipes.removeAll { $0 == stdin }
                        writing = false
                    }
                    continue
                }
                let count = chunk.withUnsafeMutableBytes { Glibc.read(entry.fd, $0.baseAddress!, $0.count) }
                if count > 0 {
                    if entry.fd == output {
                        outcome.output += chunk[0..<count]
                    } else {
                        outcome.errors += chunk[0..<count]
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.remove(entry.fd)
                }
            }
        }
    }
}
