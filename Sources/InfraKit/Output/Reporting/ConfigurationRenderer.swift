import InfraModel
import InfraRules

/// What `infractl config` prints: the configuration in force and where each value came from (a
/// configuration file, an option, the default), one setting a line with the values aligned. The
/// command works out the values and their origins; this type only lays them out.
package struct ConfigurationRenderer {
    /// How one rule's state differs from the catalog's: each part nil where it does not.
    package struct RuleState {
        package let rule: String
        /// What turned the rule off (`--skip`, `not in --rule`, a configuration file), if something did.
        package let disabledBy: String?
        /// The configuration file that turned it on explicitly, if it is on and one did.
        package let enabledBy: String?
        /// A severity a configuration file set, and that file.
        package let severity: (level: Severity, origin: String)?

        package init(rule: String, disabledBy: String?, enabledBy: String?, severity: (level: Severity, origin: String)?) {
            self.rule = rule
            self.disabledBy = disabledBy
            self.enabledBy = enabledBy
            self.severity = severity
        }
    }

    /// Where the thresholds of `settings` came from.
    package struct ThresholdOrigins {
        package let restoreTestMaxAge: String
        package let failoverTTL: String
        package let storageLimitPercent: String

        package init(restoreTestMaxAge: String, failoverTTL: String, storageLimitPercent: String) {
            self.restoreTestMaxAge = restoreTestMaxAge
            self.failoverTTL = failoverTTL
            self.storageLimitPercent = storageLimitPercent
        }
    }

    /// The project root as shown from the working directory, and why it is the root.
    let projectRoot: (shown: String, reason: String)
    /// The configuration file in force, as shown; nil for none.
    let configurationFile: String?
    let settings: RuleSettings
    let asOfOrigin: String
    let thresholdOrigins: ThresholdOrigins
    /// Sorted by rule; rules whose state does not differ are not shown.
    let rules: [RuleState]
    /// Exclusion globs in the order they apply, each with its origin.
    let excludes: [(pattern: String, origin: String)]

    package init(projectRoot: (shown: String, reason: String), configurationFile: String?, settings: RuleSettings,
                 asOfOrigin: String, thresholdOrigins: ThresholdOrigins, rules: [RuleState],
                 excludes: [(pattern: String, origin: String)]) {
        self.projectRoot = projectRoot
        self.configurationFile = configurationFile
        self.settings = settings
        self.asOfOrigin = asOfOrigin
        self.thresholdOrigins = thresholdOrigins
        self.rules = rules
        self.excludes = excludes
    }

    /// `key  value (origin)` lines, the values aligned, each line escaped as a path (`TerminalText.path`).
    package func text() -> String {
        var lines: [(key: String, value: String)] = [
            ("project root", "\(projectRoot.shown) (\(projectRoot.reason))"),
            ("configuration file", configurationFile ?? "none"),
            ("asOf", "\(settings.asOf) (\(asOfOrigin))"),
            ("thresholds.restoreTestMaxAge", "\(settings.restoreTestMaxAge) (\(thresholdOrigins.restoreTestMaxAge))"),
            ("thresholds.failoverTTL", "\(settings.failoverTTLSeconds) (\(thresholdOrigins.failoverTTL))"),
            ("thresholds.storageLimitPercent", "\(Self.number(settings.storageLimitPercent)) (\(thresholdOrigins.storageLimitPercent))"),
        ]
        for rule in rules {
            let states = Self.states(rule)
            if !states.isEmpty { lines.append(("rules.\(rule.rule)", states.joined(separator: ", "))) }
        }
        for exclude in excludes { lines.append(("exclude", "\(exclude.pattern) (\(exclude.origin))")) }
        let width = lines.map(\.key.count).max() ?? 0
        return lines.map { key, value in
            TerminalText.path(key + String(repeating: " ", count: width - key.count) + "  " + value)
        }.joined(separator: "\n") + "\n"
    }

    private static func states(_ rule: RuleState) -> [String] {
        var states: [String] = []
        if let disabledBy = rule.disabledBy {
            states.append("disabled (\(disabledBy))")
        } else if let enabledBy = rule.enabledBy {
            states.append("enabled (\(enabledBy))")
        }
        if let severity = rule.severity { states.append("severity \(severity.level.rawValue) (\(severity.origin))") }
        return states
    }

    /// A percentage as written: `80`, `72.5`.
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
