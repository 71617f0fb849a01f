import InfraModel
import InfraTopology

/// The groups rules belong to, as `infractl rules` lists them.
public enum RuleFamily: String, CaseIterable, Sendable {
    case structure, security, backups, availability, operations, delivery, waivers
}

/// How a rule picks the severity of its findings: by the consequence of what it finds. `error`
/// when data can be lost or exposed, or production goes down without warning; `warning` for a
/// risk that needs another failure first; `note` for hygiene. Outside production the same
/// finding is one step lower.
public enum SeverityPolicy: Sendable, Equatable {
    /// Always this severity.
    case fixed(Severity)
    /// This severity for an entity in a production environment, one step lower elsewhere.
    case inProduction(Severity)

    /// The severity shown in catalogs: the production one.
    public var nominal: Severity {
        switch self {
        case .fixed(let severity), .inProduction(let severity): severity
        }
    }

    public var label: String {
        switch self {
        case .fixed(let severity): severity.rawValue
        case .inProduction(let severity): "\(severity.rawValue) (\(severity.lowered.rawValue) outside production)"
        }
    }

    /// The severity for an entity in production or not.
    public func severity(inProduction: Bool) -> Severity {
        switch self {
        case .fixed(let severity): severity
        case .inProduction(let severity): inProduction ? severity : severity.lowered
        }
    }
}

extension Severity {
    /// One step lower: error to warning, warning to note; a note stays a note.
    public var lowered: Severity {
        switch self {
        case .error: .warning
        case .warning, .note: .note
        }
    }
}

/// Everything a rule says about itself: what `rules` lists, what `explain` prints, and the
/// examples the test suite runs.
public struct RuleDescription: Sendable {
    public let identifier: String
    public let name: String
    public let family: RuleFamily
    /// The kinds of entity the rule judges, so that `infractl report` can say which entities no
    /// enabled rule looked at: a clean run over entities nothing checks is not a checked one.
    ///
    /// A rule examines a kind when it reads the fields of its entities and its findings say
    /// something is wrong with one of them. Kinds it only consults to judge another (a provider's
    /// region for a backup's failure domain, an environment's kind for a severity) are not examined
    /// by it. A rule that reads every string of every entity examines every kind.
    public let examines: [EntityKind]
    /// For the few rules that take noticeably longer than the rest, the CPU seconds one took on the
    /// benchmark's 100,000 hosts (measured 2026-11-23); nil for the others. On a large inventory the linter starts the
    /// costliest first, so that the last rule to finish is a short one. Only the order rules start
    /// in: their findings are joined in catalog order all the same.
    public var cost: Double? = nil
    public let severity: SeverityPolicy
    /// One line, for `infractl rules`.
    public let summary: String
    /// Why it matters: the operational risk.
    public let rationale: String
    /// How to fix it.
    public let remediation: String
    /// Inventory snippets that must trigger the rule exactly at each `↓`.
    public let triggeringExamples: [String]
    /// Inventory snippets that must not trigger it.
    public let nonTriggeringExamples: [String]
    /// How often a finding of the rule is a real problem (SARIF's `precision`, which code scanning
    /// shows and filters by): `high` unless the rule says otherwise.
    public var precision: RulePrecision = .high
    /// For security rules, the CVSS-like score code scanning ranks alerts by (`security-severity`:
    /// 9.0 and up critical, 7.0 high, 4.0 medium, below low); nil for the other families.
    public var securitySeverity: Double? = nil
}

/// SARIF's `precision` of a rule: how sure a finding of it is.
public enum RulePrecision: String, Sendable {
    case veryHigh = "very-high"
    case high, medium, low
}

/// One operational check. A rule never throws or prints: it returns findings.
public protocol Rule: Sendable {
    /// Identifier, family, severity, explanation and examples.
    static var description: RuleDescription { get }
    init()
    /// The findings for one inventory.
    func check(_ context: RuleContext) -> [Finding]
}

/// A rule that reads only the inventory, never its index: the linter starts it on another core
/// while the index is being built (one thread's work on a large inventory).
protocol InventoryOnlyRule: Rule {
    func check(_ inventory: Inventory) -> [Finding]
}

extension InventoryOnlyRule {
    public func check(_ context: RuleContext) -> [Finding] { check(context.inventory) }
}

/// What a rule may read: the inventory, its index and the settings in force.
public struct RuleContext: Sendable {
    public let inventory: Inventory
    public let index: InventoryIndex
    public let settings: RuleSettings

    public init(inventory: Inventory, settings: RuleSettings) {
        self.inventory = inventory
        self.index = InventoryIndex(inventory)
        self.settings = settings
    }

    /// A finding of `rule` about `entityID`, pointing at `key` of `origin` (or at `origin` itself),
    /// with the severity the rule's policy gives for that entity. A rule that already knows
    /// whether the entity (or `subject`) is in production passes it as `isProduction`. A rule whose
    /// findings differ in consequence passes the production severity of this one as `consequence`.
    public func finding(
        _ rule: RuleDescription, _ message: String, entityID: String, origin: Origin, key: String? = nil,
        severityOf subject: String? = nil, isProduction: Bool? = nil, consequence: Severity? = nil
    ) -> Finding {
        let policy = consequence.map { SeverityPolicy.inProduction($0) } ?? rule.severity
        // A fixed severity does not ask where the entity is.
        let severity = if case .fixed(let fixed) = policy { fixed } else {
            policy.severity(inProduction: isProduction ?? index.isProduction(subject ?? entityID))
        }
        let path = key.map { origin.path(of: $0) } ?? (origin.path.isEmpty ? nil : origin.path)
        return Finding(ruleID: rule.identifier, severity: severity, message: message, entityID: entityID,
                       fieldPath: path, location: origin.location(of: key))
    }
}

/// Thresholds and the reference day rules use; `.infractl.json` and the command line set them.
public struct RuleSettings: Sendable, Equatable {
    /// The day "now" is for age checks (restore tests, end of life, waiver expiry).
    public var asOf: Day
    /// A restore test older than this is stale.
    public var restoreTestMaxAge: Duration = Duration(seconds: 180 * 86_400)
    /// Largest TTL, in seconds, for a record used for failover.
    public var failoverTTLSeconds: Int = 300
    /// Percentage of `limitGiB` above which storage is near its limit.
    public var storageLimitPercent: Double = 80

    public init(asOf: Day) {
        self.asOf = asOf
    }
}

/// A rule that carries reference data worth showing in `infractl explain` (a table, with sources).
public protocol RuleReference {
    /// Plain text, one entry a line.
    static var referenceText: String { get }
}
