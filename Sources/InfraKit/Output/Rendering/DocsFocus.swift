import InfraModel
import InfraTopology

/// What `infractl docs --focus` shows in full: the neighbourhood of one entity, one environment,
/// or one region (a provider's `region`, or a provider without one by its id).
public enum DocsFocus: Sendable, Equatable {
    case entity(String)
    case environment(String)
    case region(String)

    /// `ID`, `environment=NAME` or `region=NAME`; nil for anything else (an empty name, another key).
    public init?(parsing text: String) {
        guard !text.isEmpty else { return nil }
        guard let equals = text.firstIndex(of: "=") else {
            self = .entity(text)
            return
        }
        let key = text[..<equals]
        let name = String(text[text.index(after: equals)...])
        guard !name.isEmpty else { return nil }
        switch key {
        case "environment": self = .environment(name)
        case "region": self = .region(name)
        default: return nil
        }
    }

    /// As given on the command line.
    public var argument: String {
        switch self {
        case .entity(let id): id
        case .environment(let name): "environment=" + name
        case .region(let name): "region=" + name
        }
    }

    /// `the neighbourhood of web-1`, `environment prod`, `region eu-west-1`.
    public var phrase: String {
        switch self {
        case .entity(let id): "the neighbourhood of \(id)"
        case .environment(let name): "environment \(name)"
        case .region(let name): "region \(name)"
        }
    }

    /// The part of `model` this focus selects, or why it selects nothing (a message with a
    /// did-you-mean, for standard error).
    public func part(of model: ArchitectureModel) -> Result<FocusedPart, FocusProblem> {
        let index = model.index
        switch self {
        case .environment(let name):
            guard let environment = model.environments.first(where: { $0.id == name }) else {
                return .failure(FocusProblem(name: name, kind: "environment", suggestion: Suggestion.closest(to: name, among: model.environments.map(\.id))))
            }
            return .success(FocusedPart(self, model, placements: environment.placements, anchors: nil))
        case .region(let name):
            let regions = Self.regions(index)
            guard regions.contains(name) else {
                return .failure(FocusProblem(name: name, kind: "region", suggestion: Suggestion.closest(to: name, among: regions.sorted())))
            }
            let providers = Set(index.inventory.providers.filter { ($0.region ?? $0.id) == name }.map(\.id))
            let placements = model.environments.flatMap { $0.domains.filter { providers.contains($0.providerID) }.flatMap(\.placements) }
            return .success(FocusedPart(self, model, placements: placements, anchors: nil))
        case .entity(let id):
            guard index.inventory.ids[id] != nil else {
                let known = index.inventory.hosts.map(\.id) + index.inventory.services.map(\.id) + index.inventory.datastores.map(\.id)
                    + index.inventory.clusters.map(\.id) + index.inventory.backups.map(\.id) + index.inventory.monitors.map(\.id)
                    + index.inventory.pipelines.map(\.id) + index.inventory.jobs.map(\.id) + index.inventory.secrets.map(\.id)
                    + index.inventory.dns.map(\.id) + index.inventory.providers.map(\.id) + index.inventory.environments.map(\.id)
                return .failure(FocusProblem(name: id, kind: "entity", suggestion: Suggestion.closest(to: id, among: known.sorted())))
            }
            if index.environments[id] != nil { return DocsFocus.environment(id).part(of: model) }
            let (placements, anchors) = Self.neighbourhood(of: id, model)
            return .success(FocusedPart(self, model, placements: placements, anchors: anchors))
        }
    }

    /// Every provider's region, or its id when it has none.
    static func regions(_ index: InventoryIndex) -> Set<String> {
        Set(index.inventory.providers.map { $0.region ?? $0.id })
    }

    /// The placements of what `id` is or refers to (the anchors), and of everything one edge away
    /// from those; a provider is all it holds, without anchors.
    static func neighbourhood(of id: String, _ model: ArchitectureModel) -> (placements: [ArchitectureModel.Placement], anchors: Set<String>?) {
        let index = model.index
        if index.providers[id] != nil {
            return (model.environments.flatMap { $0.domains.filter { $0.providerID == id }.flatMap(\.placements) }, nil)
        }
        var anchors: [String]
        if let backup = index.backups[id] { anchors = backup.of }
        else if let monitor = index.monitors[id] { anchors = monitor.watches }
        else if let pipeline = index.pipelines[id] { anchors = pipeline.deploys }
        else if let job = index.jobs[id] { anchors = job.runsOn }
        else if let secret = index.secrets[id] { anchors = secret.usedBy }
        else { anchors = [id] }
        let anchorSet = Set(anchors)
        var wanted = anchorSet
        for edge in model.edges where anchorSet.contains(edge.from) || anchorSet.contains(edge.to) {
            wanted.insert(edge.from)
            wanted.insert(edge.to)
        }
        let placements = model.environments.flatMap(\.placements).filter { placement -> Bool in
            if let entity = placement.entityID, wanted.contains(entity) { return true }
            if placement.items.contains(where: wanted.contains) { return true }
            // A host drawn inside the cluster or group it belongs to.
            switch placement.kind {
            case .cluster(let cluster): return index.clusters[cluster]?.members.contains { wanted.contains($0.host) } == true
            case .hostGroup(let targets): return targets.contains { wanted.contains($0) }
            default: return false
            }
        }
        return (placements, anchorSet)
    }
}

/// Why a focus selects nothing: the name is no entity, environment or region of the inventory.
public struct FocusProblem: Error, Sendable {
    public let name: String
    /// `entity`, `environment` or `region`.
    public let kind: String
    /// The closest name the inventory has, if any is close.
    public let suggestion: String?

    /// `'web-12x3' is no entity of shop.json; did you mean 'web-123'?`
    public func message(file: String) -> String {
        "'\(name)' is no \(kind) of \(file)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }
}
