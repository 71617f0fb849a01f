import InfraJSON
import InfraModel
import InfraOutput
import InfraImport

/// `infractl import SOURCE FILE...`: an inventory from the JSON Terraform, Ansible, Kubernetes or
/// Compose prints; `--into` merges it into an inventory, `--check` reports how far they drifted.
struct ImportCommand: Command {
    static let configuration = CommandConfiguration(
        name: "import",
        abstract: "Write an inventory from Terraform, Ansible, Kubernetes or Compose JSON, merge it into one, or check one for drift",
        usage: "infractl import terraform|ansible|kubernetes|compose [--output FILE] [--into INVENTORY | --check INVENTORY] [--environment ID] [--provider KIND] [--name NAME] FILE...",
        discussion: """
        FILE is what the tool prints (- for standard input):
          terraform   terraform show -json (a state, or a saved plan: terraform show -json plan.out)
          ansible     ansible-inventory --list
          kubernetes  kubectl get deployments,statefulsets,services,... -o json
          compose     docker compose config --format json
        Several FILEs of one tool are read as one estate.

        Every imported entity carries its provenance ("source": "terraform:aws_db_instance.main"),
        and what the input cannot say (recovery objectives, restore tests, who is alerted) is left
        out, so the rules ask a person for it. Credentials found in the input are reported on
        standard error and never written. Resource types without a mapping are counted and listed.

        Without --into, a new inventory goes to standard output or --output. With --into, the
        import is merged into INVENTORY (written back atomically, or to --output): entities whose
        source names this importer are refreshed from the input, keeping the fields a person added;
        entities gone from the input are removed; entities written by hand are never touched (see
        the README, "Importing"). With --check, nothing is written: the differences between the
        input and INVENTORY are listed.

        Exit codes: 0 written, or in step (--check); 1 --check found differences; 2 the command
        could not do its job (bad usage, unreadable file, malformed JSON).
        """,
        arguments: [
            ("SOURCE", "The tool whose JSON is read: terraform, ansible, kubernetes or compose"),
            ("FILE...", "Its JSON output, or - for standard input"),
        ],
        options: [
            .option("--output", "file", "Write the inventory to FILE (atomically) instead of standard output"),
            .option("--into", "inventory", "Merge the import into this inventory, written back in place unless --output is given"),
            .option("--check", "inventory", "Compare the input with this inventory and list what differs; write nothing"),
            .option("--environment", "id", "Environment of the imported entities (default: production)"),
            .option("--provider", "kind", "Provider of hosts whose input does not say (ansible, compose; default: unknown)"),
            .option("--name", "name", "System name of a new inventory (default: the first FILE's name)"),
        ] + InputLimits.options
    )

    let source: ImportSource
    let files: [String]
    let output: String?
    let into: String?
    let check: String?
    let environment: String
    let provider: String?
    let name: String?
    let limits: InputLimits

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        guard let first = arguments.positionals.first else {
            throw .usage("import needs a SOURCE (\(Self.sources)) and at least one FILE", usage: usage)
        }
        guard let source = ImportSource(rawValue: first) else {
            throw .usage("unknown import source '\(first)': expected one of \(Self.sources)\(Suggestion.clause(for: first, among: ImportSource.allCases.map(\.rawValue)))", usage: usage)
        }
        self.source = source
        files = Array(arguments.positionals.dropFirst())
        guard !files.isEmpty else { throw .usage("import \(source.rawValue) needs at least one FILE: \(source.expectedInput)", usage: usage) }
        try LintingArguments.checkInputPaths(files, usage: usage)
        (output, into, check) = (arguments.value("--output"), arguments.value("--into"), arguments.value("--check"))
        if check != nil, into != nil || output != nil {
            throw .usage("--check writes nothing; it cannot be combined with --into or --output", usage: usage)
        }
        if into == "-", output == nil {
            throw .usage("--into - reads the inventory from standard input, which cannot be written back; give --output", usage: usage)
        }
        if into == "-" || check == "-", files.contains("-") {
            throw .usage("standard input (-) is named more than once; it can be read only once", usage: usage)
        }
                environment = arguments.value("--environment") ?? "production"
        guard Identifier.isValid(environment) else { throw .usage("'--environment' needs an id (lowercase letters, digits, '.', '_', '-'), found '\(environment)'", usage: usage) }
        provider = arguments.value("--provider")
        if let provider, !Identifier.isValid(provider) { throw .usage("'--provider' needs an id-like kind such as 'hetzner', found '\(provider)'", usage: usage) }
        name = arguments.value("--name")
        limits = try InputLimits(arguments, usage: usage)
    }

    private static var sources: String { ImportSource.allCases.map(\.rawValue).joined(separator: ", ") }

    func run(_ context: CommandContext) -> Int32 {
        do throws(ToolError) {
            let target = output ?? into
            let outputs = try OutputTargets([target], context: context, usage: Self.configuration.usage)
            try outputs.checkNotInputs(files, context: context, usage: Self.configuration.usage)
            let result = try importFiles(context)
            context.stderr.write(renderer.summary(notes: result.notes, unmapped: result.unmapped, kinds: result.entities.map(\.kind)))
            if let check { return try drift(result, inventory: check, context) }
            let text = try inventoryText(result, context) + "\n"
            selfCheck(text, context)
            guard let target else {
                context.stdout.write(text)
                return 0
            }
            if case .failure(let failure) = AtomicFile.write(text, to: context.absolute(target)) {
                throw .unwritable(path: target, reason: failure.reason)
            }
            return 0
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
    }
}
