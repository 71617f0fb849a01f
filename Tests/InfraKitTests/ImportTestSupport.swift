import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraImport

/// The path of an import fixture, relative to the repository root.
func importFixture(_ name: String) -> String { "Tests/InfraKitTests/Fixtures/import/" + name }

/// One import run: the command's output and the inventory it wrote, read back.
struct ImportRun {
    let run: CLIRun
    let root: JSONValue

    /// The entity with this id, in any array.
    func entity(_ id: String) -> JSONValue? {
        InventoryMerge.entities(of: root).first { $0.value.text("id") == id }?.value
    }

    /// The entity's field as compact JSON text ("" when absent).
    func field(_ id: String, _ path: String...) -> String {
        var value = entity(id)
        for key in path { value = value?[key] }
        return value.map { InventoryMerge.output($0).rendered(pretty: false) } ?? ""
    }

    func ids(_ kind: EntityKind) -> [String] {
        InventoryMerge.entities(of: root).filter { $0.kind == kind }.compactMap { $0.value.text("id") }
    }
}

/// Runs `infractl import SOURCE FILE ARGS` to standard output and reads the inventory back.
func runImport(_ source: String, _ file: String, _ arguments: [String] = []) throws -> ImportRun {
    let run = runCLI(["import", source, importFixture(file)] + arguments)
    #expect(run.code == 0, "stderr: \(run.stderr)")
    let document = try JSONReader().read(path: "import.json", text: run.stdout)
    return ImportRun(run: run, root: document.root)
}
