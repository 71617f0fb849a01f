import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules

/// The one order of findings in reports (`Finding.reportOrder`): by location, rule and message as
/// reported; sorting by packed keys gives it, ties keep their order, and the most severe come first
/// when asked.
@Suite("Finding order")
struct FindingOrderTests {
    static func findings(_ count: Int, seed: UInt64) -> [Finding] {
        var numbers = SourceFileTests.Numbers(state: seed)
        let files = ["b.json", "a.json", "c/d.json"]
        let rules = ["unknown-key", "dangling-reference", "secret-in-source"]
        let severities: [Severity] = [.note, .warning, .error]
        return (0..<count).map { number in
            Finding(ruleID: rules[numbers.next(3)], severity: severities[numbers.next(3)],
                    message: "message \(numbers.next(3))", entityID: "e\(number)",
                    location: Location(file: files[numbers.next(3)], line: 1 + numbers.next(40), column: 1 + numbers.next(3)))
        }
    }

    /// A stable sort by `order`, done the plain way: ties keep their original order.
    static func stablySorted(_ findings: [Finding], by order: (Finding, Finding) -> Bool) -> [String] {
        findings.enumerated().sorted { lhs, rhs in
            if order(lhs.element, rhs.element) { return true }
            if order(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }.map { $0.element.entityID ?? "" }
    }

    @Test func packedKeysSortIntoReportOrder() {
        let findings = Self.findings(3_000, seed: 4)
        var sorted = findings
        sorted.sortInReportOrder()
        #expect(sorted.map { $0.entityID ?? "" } == Self.stablySorted(findings, by: Finding.reportOrder))
    }

    @Test func movingPartsGivesWhatAppendingGives() {
        let findings = Self.findings(500, seed: 6)
        var parts = [Array(findings[0..<120]), [], Array(findings[120..<121]), Array(findings[121...])]
        let sizes = parts.map(\.count)
        var moved = Array(findings.prefix(3))
        moved.appendMoving(&parts)
        #expect(moved.map { $0.entityID ?? "" } == (Array(findings.prefix(3)) + findings).map { $0.entityID ?? "" })
        #expect(moved == Array(findings.prefix(3)) + findings)
        // The parts keep their sizes, each finding now an empty one.
        #expect(parts.map(\.count) == sizes)
        #expect(parts.joined().allSatisfy { $0.ruleID.isEmpty && $0.message.isEmpty && $0.entityID == nil })
    }

    @Test func mostSevereFirstKeepsTheFirstOnes() {
        let findings = Self.findings(3_000, seed: 5)
        let expected = Self.stablySorted(findings) { lhs, rhs in
            lhs.severity != rhs.severity ? lhs.severity > rhs.severity : Finding.reportOrder(lhs, rhs)
        }
        for limit in [0, 1, 999, 1_500, 2_999, 3_000] {
            let kept = findings.sortedInReportOrder(mostSevereFirst: true, keeping: limit)
            #expect(kept.map { $0.entityID ?? "" } == Array(expected.prefix(limit)))
        }
    }

    /// Findings at one place of one rule are ordered by their messages as reported (redacted), even
    /// when a message is not redacted yet: "…" sorts after "Z", "I" before it.
    @Test func reportOrderComparesRedactedMessages() {
        let place = Location(file: "a.json", line: 3, column: 5)
        let secret = Finding(ruleID: "r", severity: .error, message: "x AKIAIOSFODNN7EXAMPLE", location: place)
        let plain = Finding(ruleID: "r", severity: .error, message: "x AKIAZ", location: place)
        #expect([secret, plain].sortedInReportOrder(keeping: 2).map(\.message) == ["x AKIAZ", "x AKIAIOSFODNN7EXAMPLE"])
        #expect([plain, secret].sortedInReportOrder(keeping: 1).map(\.message) == ["x AKIAZ"])
        #expect([secret, plain].map(Linter.redacted).sortedInReportOrder(keeping: 2).map(\.message)
            == [plain, secret].map(Linter.redacted).map(\.message))
        // The comparison every report merges by gives the same order, redacted or not.
        #expect([secret, plain].sorted(by: Finding.reportOrder).map(\.message) == ["x AKIAZ", "x AKIAIOSFODNN7EXAMPLE"])
        #expect(Finding.reportOrder(plain, Linter.redacted(secret)) && !Finding.reportOrder(Linter.redacted(secret), plain))
    }
}
