import InfraModel
import InfraTopology
import InfraRules

/// The health figures of one inventory, for the whole system and for each environment: what it
/// holds, how much of it is backed up, monitored, supervised, encrypted and managed, the worst-case
/// data loss per datastore, the margin of each cluster, single points of failure, findings, waivers
/// and what no enabled rule examined. Computed from the model and the lint results; no I/O.
public struct InventoryHealth: Sendable {
    /// Findings of one scope by severity, and those waivers silenced.
    public struct SeverityCounts: Sendable, Equatable {
        public var error = 0
        public var warning = 0
        public var note = 0
        public var suppressed = 0

        public var total: Int { error + warning + note }

        public func count(_ severity: Severity) -> Int {
            switch severity {
            case .error: error
            case .warning: warning
            case .note: note
            }
        }

        mutating func add(_ severity: Severity) {
            switch severity {
            case .error: error += 1
            case .warning: warning += 1
            case .note: note += 1
            }
        }
    }

    /// A provider (failure domain) that something in scope runs on, stores in or is served by.
    public struct ProviderUse: Sendable, Equatable {
        public let id: String
        public let kind: String
        public let region: String?
        /// Providers without a region are each their own region.
        let regionKey: String
    }

    /// The figures of the whole inventory (`environment` nil) or of one environment.
    public struct Scope: Sendable {
        public let environment: Environment?
        /// Entities per kind, in format order; nil where the kind has no environment (environments,
        /// providers) in an environment's scope. An entity of several environments counts in each.
        public let counts: [(kind: EntityKind, count: Int?)]
        /// Sorted by id.
        public let providersInUse: [ProviderUse]
        /// Regions of the providers in use that have one: a provider with no region (a SaaS, a
        /// DNS host) is its own failure domain, but no region.
        public var regionsInUse: Int { Set(providersInUse.compactMap { $0.region == nil ? nil : $0.regionKey }).count }
        /// In `CoverageMeasure` order.
        public let coverage: [(measure: CoverageMeasure, figure: CoverageFigure)]
        public let findings: SeverityCounts

        public func figure(_ measure: CoverageMeasure) -> CoverageFigure? {
            coverage.first { $0.measure == measure }?.figure
        }
    }

    /// A waiver and where it stands on the `--as-of` day.
    public struct WaiverStanding: Sendable, Equatable {
        public enum Status: String, Sendable {
            case inForce = "in-force"
            /// In force, ending within `expiryWarningDays`.
            case expiring
            case expired
            /// Not in force: its `expires` is no real day, so it silences nothing.
            case invalidExpiry = "invalid-expiry"
        }

        public let rule: String
        public let target: String
        public let reason: String
        public let owner: String?
        public let expires: Day?
        public let status: Status
        /// Findings it silences in this run.
        public let suppresses: Int
    }

    /// A waiver ending within this many days of `--as-of` is flagged as expiring.
    public static let expiryWarningDays = 30

    public let path: String
    public let name: String?
    /// Declared entities, waivers excluded (as `validate` counts them).
    public let entityCount: Int
    /// Environments ordered by kind (production first), then id.
    public let environments: [Environment]
    /// The whole inventory first, then one per environment in `environments` order.
    public let scopes: [Scope]
    /// Declared providers nothing uses, sorted.
    public let unusedProviders: [String]
    public let recoveryPoints: [RecoveryPoint]
    public let clusters: [QuorumMargin]
    public let singlePointsOfFailure: [SinglePointOfFailure]
    public let failoverCovered: [SinglePointOfFailure.FailoverCovered]
    /// Every family, in `RuleFamily` order.
    public let findingsByFamily: [(family: RuleFamily, counts: SeverityCounts)]
    /// Sorted by rule, then target.
    public let waivers: [WaiverStanding]
    public let ruleCoverage: RuleCoverage

    /// `findings` and `suppressed` are this inventory's, after waivers.
    public init(_ inventory: Inventory, findings: [Finding], suppressed: [SuppressedFinding], options: LintOptions) {
        let index = InventoryIndex(inventory)
        let settings = options.settings
        path = inventory.path
        name = inventory.name
        entityCount = inventory.entityCount
        let kindOrder = Environment.Kind.allCases
        environments = inventory.environments.sorted {
            let (left, right) = (kindOrder.firstIndex(of: $0.kind) ?? 0, kindOrder.firstIndex(of: $1.kind) ?? 0)
            return left != right ? left < right : $0.id < $1.id
        }

        let environmentSets = EnvironmentSets(index)
        let items = CoverageMeasure.allCases.map { ($0, $0.items(index, settings: settings, environments: environmentSets)) }
        let uses = Self.providerUses(index, environmentSets)
        let findingEnvironments = findings.map { $0.entityID.map(environmentSets.of) ?? [] }
        let suppressedEnvironments = suppressed.map { $0.finding.entityID.map(environmentSets.of) ?? [] }
        let members = Self.members(index, environmentSets)

        func scope(_ environment: Environment?) -> Scope {
            let within = { (environments: Set<String>) in environment.map { environments.contains($0.id) } ?? true }
            let counts = EntityKind.allCases.map { kind -> (kind: EntityKind, count: Int?) in
                guard let environment else { return (kind, inventory.declaredCounts[kind] ?? 0) }
                if kind == .environment || kind == .provider { return (kind, nil) }
                return (kind, (members[kind] ?? []).filter { $0.contains(environment.id) }.count)
            }
            var providers: [String: ProviderUse] = [:]
            for use in uses where within(use.environments) {
                for provider in use.providers { providers[provider.id] = provider }
            }
            var severities = SeverityCounts()
            for (finding, environments) in zip(findings, findingEnvironments) where within(environments) {
                severities.add(finding.severity)
            }
            severities.suppressed = suppressedEnvironments.filter(within).count
            return Scope(
                environment: environment, counts: counts,
                providersInUse: providers.values.sorted { $0.id < $1.id },
                coverage: items.map { measure, items in (measure, CoverageFigure(items.filter { within($0.environments) })) },
                findings: severities)
        }
        scopes = [scope(nil)] + environments.map(scope)

        let used = Set(uses.flatMap { $0.providers.map(\.id) })
        unusedProviders = inventory.providers.map(\.id).filter { !used.contains($0) }.sorted()
        recoveryPoints = RecoveryPoint.all(index)
        clusters = QuorumMargin.all(index)
        (singlePointsOfFailure, failoverCovered) = SinglePointOfFailure.all(index)

        findingsByFamily = Self.countsByFamily(findings, suppressed)
        waivers = Self.standings(inventory.waivers, suppressed: suppressed, asOf: settings.asOf)
        ruleCoverage = RuleCoverage(inventory, enabled: options.isEnabled)
    }

    /// Findings and silenced findings counted per family, every family in `RuleFamily` order.
    private static func countsByFamily(_ findings: [Finding], _ suppressed: [SuppressedFinding])
        -> [(family: RuleFamily, counts: SeverityCounts)] {
        var byFamily: [RuleFamily: SeverityCounts] = [:]
        for finding in findings { byFamily[family(of: finding.ruleID), default: SeverityCounts()].add(finding.severity) }
        for silenced in suppressed { byFamily[family(of: silenced.finding.ruleID), default: SeverityCounts()].suppressed += 1 }
        return RuleFamily.allCases.map { ($0, byFamily[$0] ?? SeverityCounts()) }
    }

    /// Every waiver with its standing on `asOf` and how many findings it silences, sorted by rule,
    /// then target.
    private static func standings(_ waivers: [Waiver], suppressed: [SuppressedFinding], asOf: Day) -> [WaiverStanding] {
        var silencedCounts: [String: Int] = [:]
        for silenced in suppressed {
            silencedCounts[waiverKey(silenced.finding.ruleID, silenced.finding.entityID), default: 0] += 1
        }
        return waivers
            .map { waiver in
                let status: WaiverStanding.Status
                if waiver.hasInvalidExpiry {
                    status = .invalidExpiry
                } else if let expires = waiver.expires, expires < asOf {
                    status = .expired
                } else if let expires = waiver.expires, asOf.days(to: expires) <= expiryWarningDays {
                    status = .expiring
                } else {
                    status = .inForce
                }
                let silenced = silencedCounts[waiverKey(waiver.rule, waiver.target)] ?? 0
                return WaiverStanding(rule: waiver.rule, target: waiver.target, reason: waiver.reason, owner: waiver.owner,
                                      expires: waiver.expires, status: status, suppresses: silenced)
            }
            .sorted { ($0.rule, $0.target, $0.expires?.description ?? "") < ($1.rule, $1.target, $1.expires?.description ?? "") }
    }

    /// What a waiver silences, as a table key: one rule on one entity.
    private static func waiverKey(_ rule: String, _ entity: String?) -> String {
        entity.map { "\(rule)\u{1F}\($0)" } ?? rule
    }

    /// The family a finding's rule belongs to; structural checks, and rules not in the catalog, are `structure`.
    static func family(of ruleID: String) -> RuleFamily {
        RuleCatalog.rule(ruleID)?.description.family ?? .structure
    }


    /// The environments of every well-formed entity, by kind (environments and providers left out).
    private static func members(_ index: InventoryIndex, _ environments: EnvironmentSets) -> [EntityKind: [Set<String>]] {
        var result: [EntityKind: [Set<String>]] = [:]
        for kind in EntityKind.allCases where kind != .environment && kind != .provider {
            let inventory = index.inventory
            if kind == .waiver {
                result[kind] = inventory.waivers.map { environments.of($0.target) }
            } else {
                result[kind] = RuleCoverage.entityIDs(of: kind, in: inventory).map(environments.of)
            }
        }
        return result
    }

    /// For each entity that runs on, stores in or is served by a provider: its environments and those providers.
    private static func providerUses(_ index: InventoryIndex, _ environments: EnvironmentSets) -> [(environments: Set<String>, providers: [ProviderUse])] {
        let inventory = index.inventory
        func use(_ id: String, _ providerIDs: [String]) -> (environments: Set<String>, providers: [ProviderUse]) {
            let providers = Set(providerIDs).sorted().compactMap { id -> ProviderUse? in
                guard let domain = index.domain(provider: id, zone: nil, host: nil) else { return nil }
                return ProviderUse(id: id, kind: domain.providerKind, region: domain.region, regionKey: domain.regionKey)
            }
            return (environments.of(id), providers)
        }
        func placed(_ ids: [String]) -> [String] { ids.flatMap { index.providerIDs(of: $0) } }
        var uses = inventory.hosts.map { use($0.id, [$0.provider]) }
        uses += inventory.clusters.map { use($0.id, placed([$0.id])) }
        uses += inventory.services.map { use($0.id, placed([$0.id]) + ($0.provider.map { [$0] } ?? [])) }
        uses += inventory.datastores.map { use($0.id, placed([$0.id])) }
        uses += inventory.backups.map { use($0.id, [$0.targetProvider]) }
        uses += inventory.monitors.map { use($0.id, placed($0.runsOn)) }
        uses += inventory.jobs.map { use($0.id, placed($0.runsOn)) }
        uses += inventory.dns.map { use($0.id, [$0.provider]) }
        return uses
    }
}
