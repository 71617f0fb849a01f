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

    /// Notes, unmapped types and a summary on standard error; each line starts with our words.
    func report(_ result: ImportResult, _ context: CommandContext) {
        for note in result.notes { context.stderr.write("note: " + TerminalText.escape(note) + "\n") }
        for (type, addresses) in result.unmapped {
            let shown = addresses.prefix(5).joined(separator: ", ") + (addresses.count > 5 ? ", ..." : "")
            context.stderr.write("note: not imported (no mapping): \(addresses.count) \(TerminalText.escape(type)): \(TerminalText.escape(shown))\n")
        }
        let counts = EntityKind.allCases.compactMap { kind -> String? in
            let count = result.entities.filter { $0.kind == kind }.count
            return count == 0 ? nil : "\(count) \(count == 1 ? kind.noun : kind.pluralNoun)"
        }
        let unmapped = result.unmapped.reduce(0) { $0 + $1.addresses.count }
        context.stderr.write("imported from \(source.rawValue): \(counts.isEmpty ? "nothing" : counts.joined(separator: ", ")); \(unmapped) resource(s) of \(result.unmapped.count) type(s) not imported\n")
    }

    /// The new inventory, or the merge into `--into`.
    func inventoryText(_ result: ImportResult, _ context: CommandContext) throws(ToolError) -> String {
        guard let into else { return fresh(result, context).rendered() }
        let root = try readInventory(into, context)
        var merge = InventoryMerge(source: source, imported: result)
        let merged = merge.merge(into: root)
        for note in merge.notes { context.stderr.write("note: " + TerminalText.escape(note) + "\n") }
        return merged.rendered()
    }

    private func fresh(_ result: ImportResult, _ context: CommandContext) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("infractl", .int(InventoryDecoder.formatVersion)), ("name", .string(systemName))]
        for kind in EntityKind.allCases {
            let entities = result.entities.filter { $0.kind == kind }
            if !entities.isEmpty || kind == .environment { members.append((kind.arrayKey, .array(entities.map(\.output)))) }
        }
        return .object(members)
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
        for drift in drifts { context.stdout.write("\(drift.kind.rawValue): \(TerminalText.escape(drift.text))\n") }
        let place = TerminalText.escape(inventory)
        if drifts.isEmpty {
            context.stdout.write("in step: '\(place)' holds what the \(source.rawValue) input says\n")
            return 0
        }
        context.stdout.write("\(drifts.count) difference(s) between '\(place)' and the \(source.rawValue) input; 'infractl import \(source.rawValue) --into \(place) ...' writes the input's side\n")
        return 1
    }

    /// Reads the written inventory back: an import that gives structural findings is our bug, said
    /// on standard error rather than left for `validate` to puzzle over.
    func selfCheck(_ text: String, _ context: CommandContext) {
        let file = SourceFile(path: output ?? into ?? "<import>", text: text)
        guard case .success(let (_, findings)) = InventoryLoader(reader: limits.reader).load(file), !findings.isEmpty else { return }
        context.stderr.write("warning: the written inventory has \(findings.count) structural finding(s), the first: \(TerminalText.escape(findings[0].message)); run 'infractl validate' on it\n")
    }
}
