import Foundation
import Testing
@testable import InfraModel
@testable import InfraOutput

/// The credential corpus (`Fixtures/credentials`): every synthetic credential of a real shape is
/// found, in every field kind, and never printed; no look-alike is reported.
///
/// The files hold one value a line under `# shape` headers. `«…»` marks the secret part of a value
/// (the whole value when unmarked), `§` splits a provider's prefix so that no whole token is
/// written in the repository, and `\n` stands for a line break.
@Suite("Credential corpus: real shapes found, look-alikes left alone, nothing printed")
struct CredentialCorpusTests {
    struct Entry: CustomStringConvertible {
        let text: String
        let secret: String
        let shape: String
        var description: String { "\(shape): \(text.debugDescription)" }
    }

    static let credentials = load("credentials.txt")
    static let lookalikes = load("lookalikes.txt")

    static func load(_ name: String) -> [Entry] {
        let path = "\(repositoryRoot)/Tests/InfraKitTests/Fixtures/credentials/\(name)"
        let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
        var shape = ""
        var entries: [Entry] = []
        for line in lines {
            if line.hasPrefix("# ") {
                shape = String(line.dropFirst(2))
                continue
            }
            let value = line.replacingOccurrences(of: "§", with: "").replacingOccurrences(of: "\\n", with: "\n")
            var secret = value.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "")
            if let open = value.firstIndex(of: "«"), let close = value.firstIndex(of: "»"), open < close {
                secret = String(value[value.index(after: open)..<close])
            }
            entries.append(Entry(text: value.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: ""),
                                 secret: secret, shape: shape))
        }
        return entries
    }

    @Test func theCorpusHasEightyOfEach() {
        #expect(Self.credentials.count >= 80)
        #expect(Self.lookalikes.count >= 80)
    }

    @Test func theScannerFindsEveryCredentialAndRedactsItsSecret() {
        for entry in Self.credentials {
            var text = entry.text
            let admitted = text.withUTF8 { CredentialScanner.mayContainCredential($0) }
            #expect(admitted, "prefilter turns away \(entry)")
            #expect(!CredentialScanner.scan(entry.text).isEmpty, "not found: \(entry)")
            let redacted = CredentialScanner.redact(entry.text)
            #expect(Self.leaks([entry], in: redacted).isEmpty, "\(entry) redacted as \(redacted)")
            #expect(CredentialScanner.redact(redacted) == redacted, "\(entry)")
        }
    }

    @Test func theScannerLeavesEveryLookAlikeAlone() {
        for entry in Self.lookalikes {
            #expect(CredentialScanner.scan(entry.text).isEmpty, "\(entry): \(CredentialScanner.scan(entry.text))")
        }
    }

    @Test func everyCredentialIsReportedInEveryFieldKind() throws {
        let run = runCLI(["validate", "--rule", "credential-literal", "--as-of", "2026-11-23", "-"], stdin: Self.inventory(Self.credentials))
        #expect(run.code == 1)
        let lines = run.stdout.split(separator: "\n").filter { $0.hasSuffix("[credential-literal]") }
        for (index, entry) in Self.credentials.enumerated() {
            for place in ["'description' of 'h-\(index)'", "'alerts[0].target' of 'm-\(index)'", "'purpose' of 'j-\(index)'"] {
                #expect(lines.contains { $0.contains(" \(place) holds ") }, "\(place) not reported: \(entry)")
            }
        }
    }

    @Test func noLookAlikeIsReported() {
        let run = runCLI(["validate", "--rule", "credential-literal", "--as-of", "2026-11-23", "-"], stdin: Self.inventory(Self.lookalikes))
        #expect(run.code == 0, "\(run.stdout)")
    }

    @Test func noCommandOrFormatPrintsACredential() throws {
        let directory = try TemporaryDirectory()
        try directory.write("creds.json", Self.inventory(Self.credentials))
        try directory.write("clean.json", Self.inventory(Self.credentials.map { Entry(text: "plain text", secret: "", shape: $0.shape) }))
        var outputs: [(String, String)] = []
        func run(_ arguments: [String]) {
            let result = runCLI(arguments, directory: directory.path)
            let name = arguments.joined(separator: " ")
            #expect(result.code != 2, "\(name) could not run: \(result.stderr.prefix(300))")
            outputs += [("\(name) (stdout)", result.stdout), ("\(name) (stderr)", result.stderr)]
        }
        let asOf = ["--as-of", "2026-11-23"]
        for format in ReportFormat.allCases { run(["validate", "--format", format.rawValue] + asOf + ["creds.json"]) }
        for format in HealthReportFormat.allCases { run(["report", "--format", format.rawValue] + asOf + ["creds.json"]) }
        run(["diff"] + asOf + ["clean.json", "creds.json"])
        run(["diff"] + asOf + ["creds.json", "clean.json"])
        run(["diff", "--format", "json"] + asOf + ["clean.json", "creds.json"])
        run(["simulate", "creds.json", "--each", "host"])
        run(["simulate", "creds.json", "--each", "host", "--format", "json"])
        run(["blast-radius", "creds.json", "web"])
        run(["blast-radius", "creds.json", "h-0", "--format", "json"])
        for format in DocsFormat.allCases { run(["docs", "creds.json", "--format", format.rawValue] + asOf) }

        let found = outputs.flatMap { name, output in Self.leaks(Self.credentials, in: output).map { "\(name): \($0)" } }
        #expect(found.isEmpty, "credentials printed:\n\(found.prefix(40).joined(separator: "\n"))")
    }

    /// The entries whose secret shows in `output`: any 8 characters of it in a row (the whole secret
    /// when shorter).
    static func leaks(_ entries: [Entry], in output: String) -> [String] {
        var windows: [UInt64: Int] = [:]
        var found: Set<Int> = []
        for (index, entry) in entries.enumerated() {
            let bytes = Array(entry.secret.utf8)
            if bytes.count < 8 {
                if !bytes.isEmpty, output.contains(entry.secret) { found.insert(index) }
                continue
            }
            for start in 0...(bytes.count - 8) { windows[pack(bytes[start..<start + 8])] = index }
        }
        let text = Array(output.utf8)
        if text.count >= 8 {
            for start in 0...(text.count - 8) {
                if let index = windows[pack(text[start..<start + 8])] { found.insert(index) }
            }
        }
        return found.sorted().map { "\(entries[$0])" }
    }

    private static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// An inventory holding each entry three times: in a host's description, a monitor's alert
    /// target (a URL field) and a job's purpose (a command field).
    static func inventory(_ entries: [Entry]) -> String {
        let hosts = entries.indices.map { #"{"id": "h-\#($0)", "environment": "prod", "provider": "cloud", "description": \#(quoted(entries[$0].text))}"# }
        let monitors = entries.indices.map {
            #"{"id": "m-\#($0)", "tool": "uptime-robot", "kind": "uptime", "watches": ["app"], "alerts": [{"channel": "webhook", "target": \#(quoted(entries[$0].text))}]}"#
        }
        let jobs = entries.indices.map {
            #"{"id": "j-\#($0)", "environment": "prod", "schedule": "@daily", "runsOn": ["web"], "purpose": \#(quoted(entries[$0].text))}"#
        }
        return """
        {"infractl": 2, "name": "corpus", "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "cloud", "kind": "aws", "region": "us-east-1"}],
         "hosts": [{"id": "web", "environment": "prod", "provider": "cloud"},
          \(hosts.joined(separator: ",\n  "))],
         "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web"]}],
         "monitors": [\(monitors.joined(separator: ",\n  "))],
         "jobs": [\(jobs.joined(separator: ",\n  "))]}
        """
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
