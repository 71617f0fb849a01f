import Testing
@testable import InfraCLI

/// The process runner (Graphviz, importers' tools): large streams both ways, signals, missing programs.
@Suite("Subprocess")
struct SubprocessTests {
    @Test func feedsAndDrainsLargeStreams() throws {
        let input = [UInt8]((0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let copied = try Subprocess.run("/bin/cat", [], input: input).get()
        #expect(copied.status == 0)
        #expect(copied.output == input)
        // Both outputs well over a pipe's buffer, with no input read: neither may stall the other.
        let script = "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2; exit 3"
        let noisy = try Subprocess.run("/bin/sh", ["-c", script], input: input).get()
        #expect(noisy.status == 3)
        #expect(noisy.output.count == 300_000)
        #expect(noisy.errors.count == 300_000)
    }

    @Test func reportsSignalsAndMissingPrograms() throws {
        let killed = try Subprocess.run("/bin/sh", ["-c", "kill -9 $$"]).get()
        #expect(killed.status == 128 + 9)
        let said = try Subprocess.run("/bin/sh", ["-c", "echo out; echo err >&2"]).get()
        #expect(String(decoding: said.output, as: UTF8.self) == "out\n")
        #expect(String(decoding: said.errors, as: UTF8.self) == "err\n")
        switch Subprocess.run("/no/such/program", []) {
        case .success: Issue.record("a missing program must not run")
        case .failure(let error): #expect(!error.reason.isEmpty)
        }
    }
}
