import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraCLI

/// The repository's root directory, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The output of one in-process run of the command line.
struct CLIRun {
    let code: Int32
    let stdout: String
    let stderr: String
}

/// Runs `infractl ARGS` in-process from `directory` (the repository root by default).
func runCLI(_ arguments: [String], stdin: String = "", directory: String = repositoryRoot,
            environment: [String: String] = [:]) -> CLIRun {
    let out = CapturedText()
    let err = CapturedText()
    let context = CommandContext(stdout: out, stderr: err, readStandardInput: { limit, _ in Array(stdin.utf8.prefix(limit)) },
                                 environment: environment, currentDirectory: directory)
    let code = CLI.run(["infractl"] + arguments, context: context)
    return CLIRun(code: code, stdout: out.text, stderr: err.text)
}

/// Text with `↓` markers: the markers are removed and their positions kept, so a test can say
/// "the finding is here" inside the JSON it is about.
struct MarkedText {
    let text: String
    let markers: [(line: Int, column: Int)]

    init(_ marked: String) {
        var text = ""
        var markers: [(line: Int, column: Int)] = []
        var line = 1
        var column = 1
        for character in marked {
            if character == "↓" {
                markers.append((line, column))
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.markers = markers
    }
}

/// Parses and decodes `text`; the JSON must be well-formed.
func decode(_ text: String, path: String = "test.json") throws -> (inventory: Inventory, findings: [Finding]) {
    let document = try JSONReader().read(path: path, text: text)
    let result = InventoryDecoder().decode(document)
    return (result.inventory, result.findings.sorted(by: Finding.reportOrder))
}

/// A temporary directory removed when the value is dropped.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "infractl-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A small valid inventory to build test cases from.
let minimalInventory = """
{
  "infractl": 2,
  "name": "shop",
  "environments": [{"id": "prod", "kind": "production"}],
  "providers": [{"id": "linode-london", "kind": "linode", "region": "london"}],
  "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
  "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1"]}]
}
"""

/// Compares `output` with the golden file at `relativePath` (from the repository root).
/// `INFRACTL_RECORD=1 swift test` rewrites the golden instead; review the diff before committing.
func expectGolden(_ output: String, at relativePath: String) throws {
    let path = repositoryRoot + "/" + relativePath
    if ProcessInfo.processInfo.environment["INFRACTL_RECORD"] == "1" {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try output.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let golden = try String(contentsOfFile: path, encoding: .utf8)
    #expect(golden == output, "output differs from \(relativePath); rerun with INFRACTL_RECORD=1 and review the diff")
}

/// A small deterministic generator for varied test inventories.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ mixed >> 30) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ mixed >> 27) &* 0x94D0_49BB_1331_11EB
        return Int((mixed ^ mixed >> 31) % UInt64(bound))
    }
}
