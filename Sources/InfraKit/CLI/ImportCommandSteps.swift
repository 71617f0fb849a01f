import InfraJSON
import InfraModel
import InfraRules
import InfraOutput
import InfraImport

/// The steps of `ImportCommand.run`: read the inputs, report, write or compare.
extension ImportCommand {
    /// Every FILE read with the input limits and the located reader, into one import.
    func importFiles(_ context: CommandContext) throws(ToolError) -> ImportResult {
        var inputFiles = InputFiles(context: context, maxFileSize: limits.maxFileSize)
        inputFiles.maxDepth = limits.maxDepth
        let collected = inputFiles.collect(files)
        if let failure = collected.failures.first { throw failure.error }
        var builder = ImportBuilder(source: source, environment: environment, defaultProvider: provider)
        for file in collected.sources {
            source.read(try read(file), into: &builder)
        }
        return builder.result
    }

    func read(_ file: SourceFile) throws(ToolError) -> JSONValue {
        do {
            return try limits.reader.read(file).root
        } catch {
            throw .malformedJSON(file.location(at: error.offset), error.message)
        }
    }

    var renderer: ImportReportRenderer { ImportReportRenderer(source: source.rawValue) }

    /// The new inventory, or the merge into `--into`.
    func inventoryText(_ result: ImportResult, _ context: CommandContext) throws(ToolError) -> String {
        guard let into else { return result.inventory(named: systemName).rendered() }
        let root = try readInventory(into, context)
        var merge = InventoryMerge(source: source, imported: result)
        let merged = merge.merge(into: root)
        context.stderr.write(renderer.notes(merge.notes))
        return merged.rendered()
    }

    /// `--name`, else the first FILE's name without its directory and extension, as an id.
    private var systemName: String {
        if let name { return name }
        let file = files[0] == "-" ? source.rawValue : String(files[0].split(separator: "/").last ?? "")
        return ImportID.make(file.hasSuffix(".json") ? String(file.dropLast(5)) : file)
    }

    func readInventory(_ path: String, _ context: CommandContext) throws(ToolError) -> JSONValue {
        var inputFiles = InputFiles(context: context, maxFileSize: limits.maxFileSize)
        inputFiles.maxDepth = limits.maxDepth
        let collected = inputFiles.collect([path])
        if let failure = collected.failures.first { throw failure.error }
        guard let file = collected.sources.first else { throw .noInventories(path: path) }
        let root = try read(file)
        guard root.kind == .object else { throw .malformedJSON(root.location, "an inventory is a JSON object") }
        return root
    }

    /// `--check`: the differences, one a line on standard output; exit 1 when there are any.
    func drift(_ result: ImportResult, inventory: String, _ context: CommandContext) throws(ToolError) -> Int32 {
        let root = try readInventory(inventory, context)
        let drifts = DriftCheck(source: source, imported: result).compare(with: root)
        context.stdout.write(renderer.drift(drifts.map { ($0.kind.rawValue, $0.text) }, inventory: inventory))
        return drifts.isEmpty ? 0 : 1
    }

    /// Reads the written inventory back: an import that gives structural findings is our bug, said
    /// on standard error rather than left for `validate` to puzzle over.
    func selfCheck(_ text: String, _ context: CommandContext) {
        let file = SourceFile(path: output ?? into ?? "<import>", text: text)
        guard case .success(let (_, findings)) = InventoryLoader(reader: limits.reader).load(file), !findings.isEmpty else { return }
        context.stderr.write(renderer.selfCheckWarning(count: findings.count, first: findings[0].message))
    }
}
