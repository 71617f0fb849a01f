import InfraModel
import InfraTopology
import InfraRules

/// The coverage ratios of `infractl report`. The switch in `items` is the registry: a measure
/// without its computation does not compile.
public enum CoverageMeasure: String, CaseIterable, Sendable {
    case datastoresBackedUp
    case backupsOffsite
    case restoresTested
    case servicesMonitored
    case monitorsPaging
    case servicesSupervised
    case dependenciesTLS
    case productionHostsManaged
    case secretsInStore

    /// What is counted, as a table row reads it.
    public var label: String {
        switch self {
        case .datastoresBackedUp: "datastores with a backup"
        case .backupsOffsite: "backups kept off-site"
        case .restoresTested: "backups with a tested restore"
        case .servicesMonitored: "services watched by a monitor"
        case .monitorsPaging: "monitors that page a human"
        case .servicesSupervised: "long-running services under a supervisor"
        case .dependenciesTLS: "dependency edges with TLS"
        case .productionHostsManaged: "production hosts under configuration management"
        case .secretsInStore: "secrets in a secret store"
        }
    }

    /// A column heading of the roll-up table.
    public var shortLabel: String {
        switch self {
        case .datastoresBackedUp: "backed up"
        case .backupsOffsite: "off-site"
        case .restoresTested: "restore tested"
        case .servicesMonitored: "monitored"
        case .monitorsPaging: "paging"
        case .servicesSupervised: "supervised"
        case .dependenciesTLS: "TLS edges"
        case .productionHostsManaged: "managed hosts"
        case .secretsInStore: "stored secrets"
        }
    }

    /// The entities that lack it, as a list heading reads them.
    public var missingLabel: String {
        switch self {
        case .datastoresBackedUp: "datastores without a backup"
        case .backupsOffsite: "backups kept in a failure domain of what they copy"
        case .restoresTested: "backups without a recent tested restore"
        case .servicesMonitored: "services no monitor watches"
        case .monitorsPaging: "monitors that page nobody"
        case .servicesSupervised: "services that declare no supervisor"
        case .dependenciesTLS: "dependency edges in plain text"
        case .productionHostsManaged: "production hosts outside configuration management"
        case .secretsInStore: "secrets outside a secret store"
        }
    }

    /// The entities the inventory says too little about to count, as a list heading reads them.
    public var unknownLabel: String {
        switch self {
        case .datastoresBackedUp: "datastores whose backup is not known"
        case .backupsOffsite: "backups whose failure domains are not known"
        case .restoresTested: "backups whose restore is not known"
        case .servicesMonitored: "services that may be watched by a monitor naming nothing"
        case .monitorsPaging: "monitors whose alerts are not known"
        case .servicesSupervised: "services whose supervisor is not stated"
        case .dependenciesTLS: "dependency edges whose TLS is not stated"
        case .productionHostsManaged: "production hosts whose management is not stated"
        case .secretsInStore: "secrets whose storage is not known"
        }
    }

    /// Storage that keeps a secret out of source code, dotfiles and process environments.
    static let secretStores: Set<Secret.Storage> = [
        .vault, .secretsManager, .platformSettings, .encryptedFile, .ansibleVault, .chefEncryptedDataBag,
    ]

    /// Protocols that are TLS by name, for an edge whose `tls` is not stated.
    static let tlsProtocols: Set<String> = ["https", "wss", "tls", "ssl", "smtps", "imaps", "ldaps"]

    /// One verdict per entity (or dependency edge) the measure counts, in any order.
    func items(_ index: InventoryIndex, settings: RuleSettings, environments: EnvironmentSets? = nil) -> [CoverageItem] {
        let counter = CoverageCounter(index: index, settings: settings, environments: environments ?? EnvironmentSets(index))
        switch self {
        case .datastoresBackedUp: return counter.datastoresBackedUp()
        case .backupsOffsite: return counter.backupsOffsite()
        case .restoresTested: return counter.restoresTested()
        case .servicesMonitored: return counter.servicesMonitored()
        case .monitorsPaging: return counter.monitorsPaging()
        case .servicesSupervised: return counter.servicesSupervised()
        case .dependenciesTLS: return counter.dependenciesTLS()
        case .productionHostsManaged: return counter.productionHostsManaged()
        case .secretsInStore: return counter.secretsInStore()
        }
    }

    /// What a figure leaves out of its count, as a note beside it reads; nil for measures that count everything.
    public var leftOutLabel: String? {
        self == .dependenciesTLS ? "dependency edges inside one host, left out of the TLS figure (their traffic never leaves the machine)" : nil
    }

    fileprivate static func quoted(_ ids: [String]) -> String {
        ids.map { "'\($0)'" }.joined(separator: ", ")
    }
}

/// One entity (or dependency edge) a measure counts, with the environments it belongs to.
struct CoverageItem: Sendable {
    enum Verdict: Sendable {
        case covered
        /// Lacks the property; the text says how.
        case missing(String)
        /// The inventory does not say; the text says what is missing.
        case unknown(String)
        /// Outside what the measure is about (`CoverageMeasure.leftOutLabel`): counted apart.
        case leftOut
    }

    let id: String
    let environments: Set<String>
    let verdict: Verdict
}

/// One coverage ratio: how many entities in scope have the property, which lack it, and which the
/// inventory says too little about to count.
public struct CoverageFigure: Sendable, Equatable {
    /// An entity or edge outside the covered count, and why.
    public struct Entry: Sendable, Equatable {
        public let id: String
        public let detail: String
    }

    public let covered: Int
    /// Sorted by id.
    public let missing: [Entry]
    /// Sorted by id.
    public let unknown: [Entry]
    /// How many the measure leaves out of its total (`CoverageMeasure.leftOutLabel` says which).
    public let leftOut: Int

    public init(covered: Int, missing: [Entry], unknown: [Entry], leftOut: Int = 0) {
        self.covered = covered
        self.missing = missing
        self.unknown = unknown
        self.leftOut = leftOut
    }

    init(_ items: [CoverageItem]) {
        var covered = 0, leftOut = 0
        var missing: [Entry] = []
        var unknown: [Entry] = []
        for item in items {
            switch item.verdict {
            case .covered: covered += 1
            case .missing(let detail): missing.append(Entry(id: item.id, detail: detail))
            case .unknown(let detail): unknown.append(Entry(id: item.id, detail: detail))
            case .leftOut: leftOut += 1
            }
        }
        let order = { (lhs: Entry, rhs: Entry) in (lhs.id, lhs.detail) < (rhs.id, rhs.detail) }
        self.init(covered: covered, missing: missing.sorted(by: order), unknown: unknown.sorted(by: order), leftOut: leftOut)
    }

    public var total: Int { covered + missing.count + unknown.count }

    /// The share covered, rounded to the nearest whole percent but never to 100 unless all are
    /// covered, nor to 0 unless none is; nil when there is nothing to count.
    public var percent: Int? {
        guard total > 0 else { return nil }
        let rounded = (covered * 200 + total) / (2 * total)
        if covered < total, rounded == 100 { return 99 }
        if covered > 0, rounded == 0 { return 1 }
        return rounded
    }

    /// "3 of 4 (75%)", or "-" when there is nothing to count.
    public var ratio: String {
        guard let percent else { return "-" }
        return "\(covered) of \(total) (\(percent)%)"
    }

    /// The ratio, how many of the total the inventory says too little about, and how many the measure
    /// left out of the total: "0 of 4 (0%), 2 unknown, 1 left out".
    public var summary: String {
        var text = unknown.isEmpty ? ratio : "\(ratio), \(unknown.count) unknown"
        if leftOut > 0 { text += ", \(leftOut) left out" }
        return text
    }
}

/// The verdicts of each measure, one function a measure: what `CoverageMeasure.items` counts.
private struct CoverageCounter {
    let index: InventoryIndex
    let settings: RuleSettings
    let environments: EnvironmentSets
    var inventory: Inventory { index.inventory }

    func item(_ id: String, _ verdict: CoverageItem.Verdict, environmentOf subject: String? = nil) -> CoverageItem {
        CoverageItem(id: id, environments: environments.of(subject ?? id), verdict: verdict)
    }

    func datastoresBackedUp() -> [CoverageItem] {
        return inventory.datastores.filter(\.holdsState).map { datastore in
            guard index.backups(covering: datastore).isEmpty else { return item(datastore.id, .covered) }
            if case .host(let host) = datastore.hosting {
                return item(datastore.id, .missing("no backup of it or of its host '\(host)'"))
            }
            return item(datastore.id, .missing("no backup"))
        }
    }

    func backupsOffsite() -> [CoverageItem] {
        return inventory.backups.map { backup in
            guard let target = index.domain(provider: backup.targetProvider, zone: nil, host: nil) else {
                return item(backup.id, .unknown("target provider '\(backup.targetProvider)' is not described"))
            }
            let placed = backup.of.filter { !index.failureDomains(of: $0).isEmpty }
            guard !placed.isEmpty else {
                return item(backup.id, .unknown("where \(CoverageMeasure.quoted(backup.of)) runs is not recorded"))
            }
            let exposed = placed.filter { id in index.failureDomains(of: id).contains { $0.regionKey == target.regionKey } }
            guard !exposed.isEmpty else { return item(backup.id, .covered) }
            return item(backup.id, .missing("copies kept in '\(backup.targetProvider)', with \(CoverageMeasure.quoted(exposed))"))
        }
    }

    func restoresTested() -> [CoverageItem] {
        return inventory.backups.map { backup in
            guard backup.origin.child("restore") != nil else {
                return item(backup.id, .missing("no restore procedure, never tested"))
            }
            guard let testedOn = backup.restoreTestedOn else { return item(backup.id, .missing("never tested")) }
            let age = testedOn.days(to: settings.asOf)
            guard age * 86_400 > settings.restoreTestMaxAge.seconds else { return item(backup.id, .covered) }
            return item(backup.id, .missing("last tested \(testedOn), \(age) days before \(settings.asOf)"))
        }
    }

    func servicesMonitored() -> [CoverageItem] {
        // A monitor that names nothing it watches may watch anything: services it could cover are unknown.
        let unscoped = inventory.monitors.filter { $0.watches.isEmpty }.map(\.id).sorted()
        return inventory.services.filter { $0.kind != .external }.map { service in
            let watched = ([service.id] + service.runsOn.filter { index.clusters[$0] != nil })
                .contains { !(index.monitorsWatching[$0] ?? []).isEmpty }
            if watched { return item(service.id, .covered) }
            if !unscoped.isEmpty {
                let names = unscoped.count == 1 ? "monitor \(CoverageMeasure.quoted(unscoped)) names nothing it watches"
                    : "monitors \(CoverageMeasure.quoted(unscoped)) name nothing they watch"
                return item(service.id, .unknown(names))
            }
            return item(service.id, .missing("no monitor names it or its cluster"))
        }
    }

    func monitorsPaging() -> [CoverageItem] {
        return inventory.monitors.map { monitor in
            if monitor.alerts.isEmpty { return item(monitor.id, .missing("no alerts")) }
            if monitor.alerts.contains(where: { $0.channel != .email }) { return item(monitor.id, .covered) }
            return item(monitor.id, .missing("email only"))
        }
    }

    func servicesSupervised() -> [CoverageItem] {
        // Long-running: a process of ours on our hosts or clusters; a managed load balancer or a SaaS is not.
        return inventory.services.filter { $0.kind != .external && !$0.runsOn.isEmpty }.map { service in
            switch service.supervisor {
            case nil: return item(service.id, .unknown("supervisor not stated"))
            case Service.Supervisor.none?:
                let what = service.processes?.manager.map { "\($0) processes" } ?? "processes"
                return item(service.id, .missing("supervisor 'none': \(what) are not restarted"))
            case .some: return item(service.id, .covered)
            }
        }
    }

    func dependenciesTLS() -> [CoverageItem] {
        return inventory.services.flatMap { service in
            // Traffic that never leaves the machine (loopback, a local socket) has no wire to protect.
            let hosts = service.dependsOn.isEmpty ? [] : index.hostIDs(of: service.id)
            return service.dependsOn.map { edge in
                let id = "\(service.id) -> \(edge.target)"
                if hosts.count == 1, index.hostIDs(of: edge.target) == hosts { return item(id, .leftOut, environmentOf: service.id) }
                let scheme = edge.protocol?.lowercased()
                switch edge.tls {
                case true?: return item(id, .covered, environmentOf: service.id)
                case false?:
                    return item(id, .missing((scheme.map { "\($0), " } ?? "") + "tls: false"), environmentOf: service.id)
                case nil:
                    if let scheme, CoverageMeasure.tlsProtocols.contains(scheme) { return item(id, .covered, environmentOf: service.id) }
                    if let scheme, PlaintextCrossDomainRule.plaintextProtocols.contains(scheme) {
                        return item(id, .missing("plain \(scheme)"), environmentOf: service.id)
                    }
                    return item(id, .unknown((scheme.map { "\($0), " } ?? "") + "tls not stated"), environmentOf: service.id)
                }
            }
        }
    }

    func productionHostsManaged() -> [CoverageItem] {
        return inventory.hosts.filter { index.isProduction($0.id) }.map { host in
            switch host.managedBy {
            case nil: return item(host.id, .unknown("managedBy not stated"))
            case .manual?, .snapshot?: return item(host.id, .missing("managed by \(host.managedBy?.rawValue ?? "")"))
            case .some: return item(host.id, .covered)
            }
        }
    }

    func secretsInStore() -> [CoverageItem] {
        return inventory.secrets.map { secret in
            CoverageMeasure.secretStores.contains(secret.storage)
                ? item(secret.id, .covered) : item(secret.id, .missing("kept in \(secret.storage.rawValue)"))
        }
    }
}
