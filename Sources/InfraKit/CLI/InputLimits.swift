import InfraJSON
import InfraModel
import InfraRules
import InfraOutput

/// The limits on what a command reads — nesting depth, file size, string length — as options,
/// checked once and shared by every command that loads inventories.
struct InputLimits {
    static let options: [OptionSpec] = [
        .option("--max-depth", "n", "Deepest JSON nesting accepted (default: \(JSONReader.defaultMaxDepth))"),
        .option("--max-file-size", "bytes", "Largest file read (default: \(InputFiles.defaultMaxFileSize))"),
        .option("--max-string-length", "bytes", "Longest JSON string accepted, in bytes as written (default: \(JSONReader.defaultMaxStringLength))"),
    ]

    let maxDepth: Int
    let maxFileSize: Int
    let maxStringLength: Int

    init(_ arguments: ParsedArguments, usage: String) throws(ToolError) {
        maxDepth = try Self.positiveInteger(arguments, "--max-depth", usage: usage) ?? JSONReader.defaultMaxDepth
        maxFileSize = try Self.positiveInteger(arguments, "--max-file-size", usage: usage) ?? InputFiles.defaultMaxFileSize
        maxStringLength = try Self.positiveInteger(arguments, "--max-string-length", usage: usage) ?? JSONReader.defaultMaxStringLength
    }

    /// The JSON reader these limits describe.
    var reader: JSONReader {
        JSONReader(maxDepth: maxDepth, maxStringLength: maxStringLength)
    }

    static func positiveInteger(_ arguments: ParsedArguments, _ name: String, usage: String) throws(ToolError) -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Int(text), value > 0 else {
            throw .usage("'\(name)' needs a positive whole number, found '\(text)'", usage: usage)
        }
        return value
    }

    /// Reads one inventory for a command that does not lint (simulate, blast-radius): structural
    /// problems are left to `validate`, with a warning, and the well-formed part is used.
    func loadInventory(_ file: String, context: CommandContext) throws(ToolError) -> Inventory {
        var files = InputFiles(context: context, maxFileSize: maxFileSize)
        files.maxDepth = maxDepth
        files.root = ProjectRoot.find(context, configPath: nil, inputs: [file])
        let inputs = files.collect([file])
        if let failure = inputs.failures.first { throw failure.error }
        guard let source = inputs.sources.first else { throw .noInventories(path: file) }
        switch InventoryLoader(reader: reader).load(source) {
        case .success(let (inventory, findings)):
            // The model is decoded; simulating it reads the file only for a location now and then.
            source.releaseResidentPages()
            if !findings.isEmpty {
                // Named as every input is (relative to the project root); the command to run keeps the spelling given.
                context.stderr.write(TerminalText.path("\(source.path): warning: \(findings.count) structural finding(s); run 'infractl validate \(file)' — entities with errors are left out") + "\n")
            }
            return inventory
        case .failure(let error):
            throw error
        }
    }
}
