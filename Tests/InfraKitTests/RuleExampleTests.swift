import Testing
@testable import InfraModel
@testable import InfraRules

/// Every rule's examples are its tests: a triggering example must give findings exactly at its
/// markers, a non-triggering one none, and neither may have structural problems.
@Suite("Rule examples")
struct RuleExampleTests {
    struct Example: Sendable, CustomStringConvertible {
        let rule: String
        let triggering: Bool
        let index: Int
        let body: String
        var description: String { "\(rule) \(triggering ? "triggers" : "passes") #\(index + 1)" }
    }

    static let examples: [Example] = RuleCatalog.all.flatMap { rule -> [Example] in
        let description = rule.description
        let triggering = description.triggeringExamples.enumerated().map {
            Example(rule: description.identifier, triggering: true, index: $0.offset, body: $0.element)
        }
        let passing = description.nonTriggeringExamples.enumerated().map {
            Example(rule: description.identifier, triggering: false, index: $0.offset, body: $0.element)
        }
        return triggering + passing
    }

    @Test("each example finds exactly what its markers say", arguments: examples)
    func example(_ example: Example) throws {
        let marked = MarkedText(RuleExample.inventory(example.body))
        let (inventory, structural) = try decode(marked.text, path: "example.json")
        #expect(structural.isEmpty, "example is not a valid inventory: \(structural.map { "\($0.location): \($0.message)" })")
        var options = LintOptions(settings: RuleSettings(asOf: RuleExample.asOf))
        // Waiver rules judge other rules' findings, so those run too.
        if RuleCatalog.rule(example.rule)?.description.family != .waivers { options.only = [example.rule] }
        let findings = Linter(options: options).lint(inventory, structural: []).findings.filter { $0.ruleID == example.rule }
        let found = findings.map { "\($0.location.line):\($0.location.column)" }.sorted()
        let expected = marked.markers.map { "\($0.line):\($0.column)" }.sorted()
        if example.triggering {
            #expect(!expected.isEmpty, "a triggering example needs a ↓ marker")
            #expect(found == expected, "\(findings.map(\.message))")
        } else {
            #expect(expected.isEmpty, "a non-triggering example has no marker")
            #expect(findings.isEmpty, "\(findings.map(\.message))")
        }
        for finding in findings {
            #expect(!finding.message.isEmpty && finding.message.first?.isUppercase == false && finding.message.last != ".",
                    "messages are lowercase without a trailing period: \(finding.message)")
        }
    }

    @Test func everyRuleHasExamplesOfBothKinds() {
        for rule in RuleCatalog.all {
            let description = rule.description
            #expect(!description.triggeringExamples.isEmpty, "\(description.identifier) has no triggering example")
            #expect(!description.nonTriggeringExamples.isEmpty, "\(description.identifier) has no non-triggering example")
            #expect(!description.rationale.isEmpty && !description.remediation.isEmpty)
        }
    }

    @Test func identifiersAreUniqueAndWellFormed() {
        let identifiers = RuleCatalog.identifiers
        #expect(Set(identifiers).count == identifiers.count)
        #expect(identifiers.allSatisfy { Identifier.isValid($0) })
    }
}
