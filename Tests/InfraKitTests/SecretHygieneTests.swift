import Foundation
import Testing
@testable import InfraModel
@testable import InfraOutput
@testable import InfraCLI

/// No credential planted in an inventory may come out of any command, in any format: every free-text
/// field (and every value a message quotes) holds a credential-looking value, and every output —
/// standard output, standard error and the files written — is searched for it.
@Suite("Secret hygiene: no planted credential appears in any output")
struct SecretHygieneTests {
    /// One planted credential: what the inventory holds and the part that must never be printed.
    struct Planted {
        let text: String
        let sensitive: String
    }

    /// Twelve uppercase letters, different for every `seed`.
    static func code(_ seed: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed &* 2_654_435_761 &+ 97)
        return String((0..<12).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Character(UnicodeScalar(UInt8(65 + (state >> 33) % 26)))
        })
    }

    /// The credential planted in field `index`: in turn an access key id, a private key block, a
    /// password assignment and a high-entropy token, each unique.
    static func planted(_ index: Int) -> Planted {
        let code = code(index)
        switch index % 4 {
        case 0:
            let key = "AKIA" + String(code.prefix(4)) + code
            return Planted(text: "key \(key) in use", sensitive: key)
        case 1:
            let body = "MIIEpQIBAAKCAQEA" + code + "x7Qz"
            return Planted(text: "-----BEGIN RSA PRIVATE KEY-----\n\(body)\n-----END RSA PRIVATE KEY-----", sensitive: body)
        case 2:
            let value = "Hunter2x" + code.lowercased() + "9"
            return Planted(text: "db password=\(value) for now", sensitive: value)
        default:
            // 32 letters and digits: upper, lower and digits, well above 4 bits of entropy per character.
            let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
            var state = UInt64(index &* 40_503 &+ 11)
            var token = ""
            for position in 0..<32 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let pick: Character = switch position % 3 {
                case 0: alphabet[Int((state >> 33) % 24)]
                case 1: alphabet[24 + Int((state >> 33) % 25)]
                default: alphabet[49 + Int((state >> 33) % 8)]
                }
                token.append(pick)
            }
            return Planted(text: "token \(token)", sensitive: token)
        }
    }

    /// A plain value under a credential-named key: only the key says it is a credential.
    static func namedValue(_ index: Int) -> Planted {
        let value = "plainvalue" + code(index + 50_000).lowercased()
        return Planted(text: value, sensitive: value)
    }

    /// The inventory: `@S` marks a free-text field (a planted credential), `@V` the value of a
    /// credential-named unknown key. `offset` makes every value of the changed copy different.
    static func inventory(offset: Int = 0, extraHost: Bool = false) -> (text: String, planted: [Planted]) {
        let template = """
        {
          "infractl": 2,
          "name": "@S",
          "description": "@S",
          "owner": {"team": "@S", "contact": "@S"},
          "environments": [
            {"id": "prod", "kind": "production", "domain": "@S", "description": "@S", "tags": ["@S"], "apiToken": "@V"},
            {"id": "stage", "kind": "staging", "domain": "@S"},
            {"id": "bad-env", "kind": "@S"}
          ],
          "providers": [
            {"id": "cloud-a", "kind": "@S", "region": "@S", "description": "@S", "tags": ["@S"], "secretKey": "@V"},
            {"id": "cloud-b", "kind": "aws", "region": "@S"}
          ],
          "hosts": [
            {"id": "web-1", "environment": "prod", "provider": "cloud-a", "zone": "@S", "roles": ["@S", "@S"],
             "os": {"name": "@S", "version": "@S"}, "addresses": {"public": "@S", "private": "@S"},
             "accounts": [{"name": "@S", "privileged": true, "purpose": "@S"}],
             "managedBy": "@S", "description": "@S", "tags": ["@S"], "password": "@V"},
            {"id": "web-2", "environment": "prod", "provider": "cloud-b", "zone": "@S",
             "accounts": [{"name": "@S", "privileged": true, "purpose": "@S"}]},
            {"id": "@S", "environment": "prod", "provider": "cloud-a"}\(extraHost ? ",\n    {\"id\": \"web-3\", \"environment\": \"prod\", \"provider\": \"cloud-a\", \"description\": \"@S\"}" : "")
          ],
          "clusters": [
            {"id": "etcd", "environment": "prod", "kind": "@S", "members": [{"host": "web-1"}, {"host": "web-2"}, {"host": "@S"}],
             "consensus": "majority", "tolerates": 1, "description": "@S", "tags": ["@S"], "db_password": "@V"}
          ],
          "services": [
            {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1", "@S"],
             "runtime": {"name": "@S", "version": "@S"}, "framework": {"name": "@S", "version": "@S"},
             "processes": {"manager": "@S", "count": 2}, "supervisor": "@S",
             "ports": [{"port": 443, "protocol": "@S"}], "public": true, "tls": {"terminates": false},
             "healthCheck": {"kind": "@S", "path": "@S", "interval": "@S"},
             "dependsOn": [{"target": "db", "protocol": "@S", "tls": false, "purpose": "@S"}, {"target": "@S"}],
             "description": "@S", "tags": ["@S"], "accessKey": "@V"},
            {"id": "lb", "environment": "prod", "kind": "load-balancer", "runsOn": ["web-2"], "balances": ["app", "@S"],
             "healthCheck": {"kind": "@S", "path": "@S"}, "description": "@S"},
            {"id": "worker", "environment": "prod", "kind": "@S", "runsOn": ["web-1"]}
          ],
          "datastores": [
            {"id": "db", "environment": "prod", "engine": "@S", "version": "@S", "hosting": {"host": "web-1"},
             "databases": [{"name": "@S", "environment": "prod"}, {"name": "@S", "environment": "stage"}],
             "storage": {"model": "append-only", "compaction": "manual", "sizeGiB": 9, "limitGiB": 10},
             "objectives": {"rpo": "@S", "rto": "1h"}, "public": true,
             "description": "@S", "tags": ["@S"], "privateKey": "@V"}
          ],
          "backups": [
            {"id": "db-dump", "of": ["db", "@S"], "schedule": "0 2 * * *", "method": "@S",
             "target": {"provider": "cloud-a", "location": "@S"}, "retention": "@S", "notify": ["@S"],
             "restore": {"procedure": "@S", "testedOn": "@S"}, "description": "@S", "tags": ["@S"], "token": "@V"},
            {"id": "db-dump-2", "of": ["db"], "schedule": "@S", "target": {"provider": "cloud-b", "location": "@S"}}
          ],
          "monitors": [
            {"id": "mon", "tool": "@S", "kind": "uptime", "watches": ["app", "@S"],
             "checks": [{"metric": "@S", "condition": "@S"}],
             "alerts": [{"channel": "email", "target": "@S", "severity": "@S"}, {"channel": "@S", "target": "@S"}],
             "description": "@S", "tags": ["@S"], "apikey": "@V"}
          ],
          "pipelines": [
            {"id": "deploy", "deploys": ["app", "@S"], "trigger": {"branch": "@S", "tag": "@S"}, "tool": "@S",
             "stages": [{"name": "@S", "kind": "deploy", "environment": "prod"}, {"name": "@S", "kind": "@S"}],
             "strategy": "@S", "rollback": {"procedure": "@S"}, "description": "@S", "tags": ["@S"], "passwd": "@V"}
          ],
          "jobs": [
            {"id": "nightly", "environment": "prod", "schedule": "@daily", "runsOn": ["web-1", "@S"], "purpose": "@S",
             "notify": ["email"], "description": "@S", "tags": ["@S"], "secret": "@V"}
          ],
          "secrets": [
            {"id": "db-secret", "storage": "source-code", "usedBy": ["app", "@S"], "environment": "prod",
             "rotation": {"every": "@S", "lastRotated": "@S"}, "description": "@S", "tags": ["@S"], "pwd": "@V"},
            {"id": "other-secret", "storage": "@S"}
          ],
          "dns": [
            {"id": "zone", "zone": "@S", "provider": "cloud-a",
             "records": [{"name": "@S", "type": "@S", "ttl": 3600, "targets": ["lb", "@S"]}],
             "trafficManager": {"pools": [{"name": "@S", "members": ["app", "@S"], "monitored": true}], "failover": true},
             "description": "@S", "tags": ["@S"], "api_key": "@V"}
          ],
          "waivers": [
            {"rule": "public-datastore", "target": "db", "reason": "@S", "owner": "@S"},
            {"rule": "@S", "target": "app", "reason": "@S", "owner": "@S", "expires": "@S"},
            {"rule": "public-datastore", "target": "@S", "reason": "@S"}
          ],
          "@S": "@S"
        }
        """
        var text = ""
        var planted: [Planted] = []
        var rest = Substring(template)
        while let marker = rest.firstIndex(of: "@") {
            text += rest[..<marker]
            let kind = rest[rest.index(after: marker)]
            rest = rest[rest.index(marker, offsetBy: 2)...]
            guard kind == "S" || kind == "V" else {
                text += "@" + String(kind)
                continue
            }
            let index = planted.count + offset
            let secret = kind == "S" ? Self.planted(index) : Self.namedValue(index)
            planted.append(secret)
            text += secret.text.replacingOccurrences(of: "\n", with: "\\n")
        }
        text += rest
        return (text, planted)
    }

    /// Every planted value is one the scanner recognises (else "not printed" would prove nothing).
    @Test func everyPlantedValueLooksLikeACredential() {
        for index in 0..<8 {
            let secret = Self.planted(index)
            #expect(CredentialScanner.redact(secret.text) != secret.text, "not recognised: \(secret.text)")
            #expect(!CredentialScanner.redact(secret.text).contains(secret.sensitive))
        }
    }

    /// Where a planted value shows, as `output: ...excerpt...`.
    static func leaks(_ outputs: [(String, String)], planted: [Planted]) -> [String] {
        var found: [String] = []
        for (name, output) in outputs {
            for secret in planted {
                // Any 12 characters of the secret count: a truncated or wrapped value leaks too.
                let characters = Array(secret.sensitive)
                let windows = stride(from: 0, through: max(0, characters.count - 12), by: 4).map {
                    String(characters[$0..<min(characters.count, $0 + 12)])
                }
                if let window = windows.first(where: output.contains), let range = output.range(of: window) {
                    let start = output.index(range.lowerBound, offsetBy: -60, limitedBy: output.startIndex) ?? output.startIndex
                    let end = output.index(range.upperBound, offsetBy: 60, limitedBy: output.endIndex) ?? output.endIndex
                    found.append("\(name): …\(output[start..<end])…")
                }
            }
        }
        return found
    }

    @Test func noCommandOrFormatPrintsAPlantedCredential() throws {
        let directory = try TemporaryDirectory()
        let (text, planted) = Self.inventory()
        let (changed, plantedInChange) = Self.inventory(offset: 1_000, extraHost: true)
        let all = planted + plantedInChange
        try directory.write("inv.json", text)
        try directory.write("changed.json", changed)
        try directory.write("page.md", "# Docs\n\n<!-- infractl:begin -->\n<!-- infractl:end -->\n")
        #expect(Set(all.map(\.sensitive)).count == all.count, "every planted value is unique")

        var outputs: [(String, String)] = []
        func run(_ arguments: [String], files: [String] = []) {
            let result = runCLI(arguments, directory: directory.path)
            let name = arguments.joined(separator: " ")
            #expect(result.code != 2 || arguments.first == "diff", "\(name) could not run: \(result.stderr)")
            outputs.append(("\(name) (stdout)", result.stdout))
            outputs.append(("\(name) (stderr)", result.stderr))
            for file in files {
                let written = (try? String(contentsOfFile: directory.path + "/" + file, encoding: .utf8)) ?? ""
                #expect(!written.isEmpty, "\(name) wrote \(file)")
                outputs.append(("\(name) (\(file))", written))
            }
        }
        let asOf = ["--as-of", "2026-11-23"]
        var validateOutputs: [String] = []
        for format in ReportFormat.allCases {
            run(["validate", "--format", format.rawValue] + asOf + ["inv.json"])
            validateOutputs.append(outputs[outputs.count - 2].1)
        }
        run(["validate", "--format", "sarif", "--output", "out.sarif", "--format", "text", "--write-baseline", "baseline.json"] + asOf + ["inv.json"],
            files: ["out.sarif", "baseline.json"])
        run(["validate", "--baseline", "baseline.json"] + asOf + ["changed.json"])
        for format in HealthReportFormat.allCases {
            run(["report", "--format", format.rawValue] + asOf + ["inv.json", "changed.json"])
        }
        run(["report", "--output", "report.txt"] + asOf + ["inv.json"], files: ["report.txt"])
        for format in DocsFormat.allCases {
            run(["docs", "inv.json", "--format", format.rawValue] + asOf)
        }
        run(["docs", "inv.json", "--output", "docs.html", "--format", "html"] + asOf, files: ["docs.html"])
        run(["docs", "inv.json", "--inject", "page.md"] + asOf, files: ["page.md"])
        for format in ["text", "json"] {
            run(["diff", "--format", format] + asOf + ["inv.json", "changed.json"])
            run(["simulate", "inv.json", "--fail", "web-1", "--format", format])
            run(["simulate", "inv.json", "--fail", "cloud-a", "--fail", "web-2", "--summary", "--format", format])
            for domain in SimulateCommand.EachDomain.allCases {
                run(["simulate", "inv.json", "--each", domain.rawValue, "--format", format])
            }
            run(["blast-radius", "inv.json", "web-1", "--format", format])
            run(["blast-radius", "inv.json", "db", "--format", format])
        }
        run(["simulate", "inv.json", "--fail", "cloud-a", "--fail", "web-2", "--format", "markdown"])
        run(["simulate", "inv.json", "--fail", "cloud-a", "--fail", "web-2", "--format", "html"])
        run(["simulate", "inv.json", "--each", "host", "--format", "markdown"])

        let found = Self.leaks(outputs, planted: all)
        #expect(found.isEmpty, "planted credentials printed:\n\(found.joined(separator: "\n"))")
        // validate does report them, redacted with a fingerprint.
        for output in validateOutputs {
            #expect(output.contains("…(redacted, sha256:"))
            #expect(output.contains("credential-literal"))
        }
    }

    /// A value that is not JSON at all is quoted by the reader's error; it is not printed whole.
    @Test func aMalformedFileDoesNotQuoteACredential() throws {
        let directory = try TemporaryDirectory()
        let key = "AKIA" + Self.code(7) + "QRST"
        try directory.write("bad.json", "{\"infractl\": 2, \"name\": \(key)}")
        try directory.write("bad-token.json", "{\"infractl\": 2, \"name\": q8Zr2LmX7vTn4KpW9sYb3HcJ6fDg1AeU}")
        for file in ["bad.json", "bad-token.json"] {
            for command in [["validate", file], ["report", file], ["docs", file], ["simulate", file, "--fail", "x"], ["diff", file, file]] {
                let result = runCLI(command, directory: directory.path)
                #expect(result.code == 2)
                let found = Self.leaks([(command.joined(separator: " "), result.stdout + result.stderr)],
                                       planted: [Planted(text: key, sensitive: key),
                                                 Planted(text: "", sensitive: "q8Zr2LmX7vTn4KpW9sYb3HcJ6fDg1AeU")])
                #expect(found.isEmpty, "\(found)")
            }
        }
    }
}
