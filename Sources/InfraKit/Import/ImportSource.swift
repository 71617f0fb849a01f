import InfraJSON

/// The tools `infractl import` reads, each from the JSON the tool itself prints. An exhaustive
/// switch is the registry: a listed tool without an importer does not compile.
public enum ImportSource: String, CaseIterable, Sendable {
    case terraform, ansible, kubernetes, compose

    /// What the tool's JSON is and how to get it, for `--help` and error messages.
    public var expectedInput: String {
        switch self {
        case .terraform: "the output of 'terraform show -json' (a state or a saved plan)"
        case .ansible: "the output of 'ansible-inventory --list'"
        case .kubernetes: "the output of 'kubectl get ... -o json' (a List, or one object)"
        case .compose: "the output of 'docker compose config --format json'"
        }
    }

    /// Reads one document of this tool's JSON into `builder`.
    package func read(_ root: JSONValue, into builder: inout ImportBuilder) {
        switch self {
        case .terraform: TerraformImporter(root: root).read(into: &builder)
        case .ansible: AnsibleImporter(root: root).read(into: &builder)
        case .kubernetes: KubernetesImporter(root: root).read(into: &builder)
        case .compose: ComposeImporter(root: root).read(into: &builder)
        }
    }

    /// The provenance written on an entity read from `address` (`terraform:aws_db_instance.main`).
    public func provenance(_ address: String) -> String { "\(rawValue):\(address)" }

    /// Whether `source`, an entity's provenance, names this importer.
    public func wrote(_ source: String?) -> Bool {
        source?.hasPrefix(rawValue + ":") ?? false
    }
}
