import Dispatch
import Synchronization
import InfraModel

/// Which rules run, with what severities and settings: the merge of `.infractl.json` and the command line.
public struct LintOptions: Sendable {
    public var settings: RuleSettings
    /// When set (`--rule`), only these rules run.
    public var only: Set<String>?
    /// Rules turned off by `--skip` or the configuration.
    public var disabled: Set<String> = []
    /// Severities set by the configuration, by rule id.
    public var severityOverrides: [String: Severity] = [:]

    public init(settings: RuleSettings) {
        self.settings = settings
    }

    public func isEnabled(_ identifier: String) -> Bool {
        !disabled.contains(identifier) && (only?.contains(identifier) ?? true)
    }
}

/// A finding a waiver silenced: listed, but not counted toward the exit code.
public struct SuppressedFinding: Sendable {
    public var finding: Finding
    public let reason: String
    public let owner: String?
}

/// Runs the enabled rules over an inventory, applies severities and waivers.
public struct Linter: Sendable {
    public let options: LintOptions

    public init(options: LintOptions) {
        self.options = options
    }

    public func lint(_ inventory: Inventory, structural: [Finding]) -> (findings: [Finding], suppressed: [SuppressedFinding]) {
        let linted = lint(inventory, structural: structural, keeping: .max)
        return (linted.findings, linted.suppressed)
    }

    /// `lint`, keeping at most `limit` findings: the most severe, and within a severity the first in
    /// report order (`sortedInReportOrder(mostSevereFirst:keeping:)`), so the exit code sees every
    /// severity that occurs and which are kept does not depend on the order rules ran in. `omitted`
    /// counts the others.
    ///
    /// Every finding is redacted (`redacted`). The entity and the field a finding names are redacted
    /// where it is made, as waivers and fingerprints read them; its message only once it is kept, as
    /// only the order of findings at one place and rule reads it before that (and that order compares
    /// redacted messages). On 100,000 hosts that is 10,000 messages scanned instead of 121,942.
    public func lint(_ inventory: Inventory, structural: [Finding], keeping limit: Int)
        -> (findings: [Finding], suppressed: [SuppressedFinding], omitted: Int) {
        let rules = RuleCatalog.all.filter { options.isEnabled($0.description.identifier) }
        var findings = structural.filter { options.isEnabled($0.ruleID) }
        Self.redactNames(&findings)
        let context = Self.check(rules, inventory, settings: options.settings, appendingTo: &findings)

        // Waivers: an active waiver silences its rule on its target. One whose end date cannot be
        // read is not active: a mistake in a waiver fails closed.
        let active = inventory.waivers.filter { waiver in
            !waiver.hasInvalidExpiry && (waiver.expires.map { $0 >= options.settings.asOf } ?? true)
        }
        // The first active waiver for each rule and target, so a finding finds its waiver in one step.
        var firstWaiver: [WaiverKey: Int] = [:]
        for (offset, waiver) in active.enumerated() where firstWaiver[WaiverKey(rule: waiver.rule, target: waiver.target)] == nil {
            firstWaiver[WaiverKey(rule: waiver.rule, target: waiver.target)] = offset
        }
        var used = Set<Int>()
        var kept: [Finding] = []
        var suppressed: [SuppressedFinding] = []
        if firstWaiver.isEmpty {
            // Nothing to silence: the findings are kept as they are, moved rather than copied, so that
            // changing them below copies nothing and freeing them is left to the one holder.
            swap(&kept, &findings)
        } else {
            kept.reserveCapacity(findings.count)
            // Findings about waivers are not themselves waived.
            let waiverRules = Set(RuleCatalog.all.map { $0.description }.filter { $0.family == .waivers }.map { $0.identifier })
            for finding in findings {
                let match = waiverRules.contains(finding.ruleID) ? nil : finding.entityID.flatMap { target in
                    firstWaiver[WaiverKey(rule: finding.ruleID, target: target)]
                }
                if let match {
                    used.insert(match)
                    suppressed.append(SuppressedFinding(finding: Self.redacted(finding), reason: active[match].reason, owner: active[match].owner))
                } else {
                    kept.append(finding)
                }
            }
            findings = []
        }
        if options.isEnabled(WaiverUnusedRule.description.identifier) {
            let known = Set(RuleCatalog.identifiers)
            for (offset, waiver) in active.enumerated() where !used.contains(offset) {
                let exists = known.contains(waiver.rule)
                // A waiver for a rule that did not run this time is not unused, only idle.
                guard !exists || options.isEnabled(waiver.rule) else { continue }
                kept.append(Self.redacted(WaiverUnusedRule.finding(waiver, context: context, ruleExists: exists)))
            }
        }
        if !options.severityOverrides.isEmpty {
            for position in kept.indices {
                if let severity = options.severityOverrides[kept[position].ruleID] { kept[position].severity = severity }
            }
        }
        var omitted = 0
        if kept.count > limit {
            omitted = kept.count - limit
            kept = kept.sortedInReportOrder(mostSevereFirst: true, keeping: limit)
        }
        Self.redactMessages(&kept)
        return (kept, suppressed, omitted)
    }

    /// What a waiver silences: one rule on one target.
    private struct WaiverKey: Hashable {
        let rule: String
        let target: String
    }

    /// Builds the rule context and appends the findings of `rules`, in their order. On a large
    /// inventory the rules that read only the inventory (`InventoryOnlyRule`) start on another core
    /// while this one builds the context's index, the biggest single-threaded step left; the others
    /// then run side by side on every core. `concurrently` nil decides by size.
    static func check(_ rules: [any Rule.Type], _ inventory: Inventory, settings: RuleSettings, concurrently: Bool? = nil,
                      appendingTo findings: inout [Finding]) -> RuleContext {
        guard concurrently ?? (inventory.entityCount >= Inventory.concurrencyThreshold) else {
            let context = RuleContext(inventory: inventory, settings: settings)
            check(rules, context, concurrently: false, appendingTo: &findings)
            return context
        }
        let slots = Mutex([[Finding]](repeating: [], count: rules.count))
        let early = DispatchGroup()
        for (position, rule) in rules.enumerated() {
            guard let rule = rule as? any InventoryOnlyRule.Type else { continue }
            DispatchQueue.global().async(group: early) {
                var found = rule.init().check(inventory)
                redactNames(&found)
                slots.withLock { $0[position] = found }
            }
        }
        let context = RuleContext(inventory: inventory, settings: settings)
        run(rules, context, skipping: { $0 is any InventoryOnlyRule.Type }, into: slots)
        early.wait()
        join(slots, appendingTo: &findings)
        return context
    }

    /// The findings of `rules`, in their order. Rules only read the context, so they run side by
    /// side on every core; each rule's findings go to its own slot and are joined in rule order,
    /// so the result is the same as running them one after another.
    /// `concurrently` nil decides by size (`Inventory.concurrencyThreshold`).
    static func check(_ rules: [any Rule.Type], _ context: RuleContext, concurrently: Bool? = nil,
                      appendingTo findings: inout [Finding]) {
        guard concurrently ?? (context.inventory.entityCount >= Inventory.concurrencyThreshold) else {
            for rule in rules {
                var found = rule.init().check(context)
                redactNames(&found)
                findings += found
            }
            return
        }
        let slots = Mutex([[Finding]](repeating: [], count: rules.count))
        run(rules, context, skipping: { _ in false }, into: slots)
        join(slots, appendingTo: &findings)
    }

    /// Runs `rules` (but those `skipping` names) on every core, each into its own slot, the costliest
    /// (`RuleDescription.cost`) started first.
    private static func run(_ rules: [any Rule.Type], _ context: RuleContext, skipping: (any Rule.Type) -> Bool,
                            into slots: borrowing Mutex<[[Finding]]>) {
        let order = startOrder(rules).filter { !skipping(rules[$0]) }
        DispatchQueue.concurrentPerform(iterations: order.count) { step in
            let position = order[step]
            var found = rules[position].init().check(context)
            redactNames(&found)
            slots.withLock { $0[position] = found }
        }
    }

    /// The positions of `rules` in the order they start in: the costliest first
    /// (`RuleDescription.cost`), then those without a cost, each group in catalog order.
    static func startOrder(_ rules: [any Rule.Type]) -> [Int] {
        let costs = rules.map { $0.description.cost }
        return rules.indices.sorted { lhs, rhs in
            switch (costs[lhs], costs[rhs]) {
            case let (left?, right?): left != right ? left > right : lhs < rhs
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): lhs < rhs
            }
        }
    }

    /// Appends every slot's findings, in slot (rule) order.
    private static func join(_ slots: borrowing Mutex<[[Finding]]>, appendingTo findings: inout [Finding]) {
        slots.withLock { found in
            findings.appendMoving(&found)
        }
    }

    /// The entity and the field each finding names, redacted in place (`redacted` without the message,
    /// which `redactMessages` redacts once the finding is kept).
    static func redactNames(_ findings: inout [Finding]) {
        for position in findings.indices {
            if let entityID = findings[position].entityID { findings[position].entityID = CredentialScanner.redact(entityID) }
            if let fieldPath = findings[position].fieldPath { findings[position].fieldPath = CredentialScanner.redact(fieldPath) }
        }
    }

    /// Each finding's message, redacted in place.
    static func redactMessages(_ findings: inout [Finding]) {
        for position in findings.indices {
            findings[position].message = CredentialScanner.redact(findings[position].message)
        }
    }

    /// No finding may carry a credential, whichever rule quoted the value: not in its message, nor in
    /// the entity or field it names (both can come from raw JSON: a malformed id, an unknown key).
    static func redacted(_ finding: Finding) -> Finding {
        var finding = finding
        finding.message = CredentialScanner.redact(finding.message)
        finding.entityID = finding.entityID.map(CredentialScanner.redact)
        finding.fieldPath = finding.fieldPath.map(CredentialScanner.redact)
        return finding
    }
}
