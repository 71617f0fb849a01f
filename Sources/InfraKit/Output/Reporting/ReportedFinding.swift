import InfraModel
import InfraRules

/// A finding as the formats that list waived findings beside the others see it (SARIF, JUnit):
/// active, or silenced by a waiver whose reason and owner travel with it.
struct ReportedFinding: Sendable {
    let finding: Finding
    /// The waiver's reason and owner when a waiver silenced the finding.
    let waiver: (reason: String, owner: String?)?

    /// Every finding of `report`, active and waived, merged in report order.
    static func all(in report: ValidationReport) -> [ReportedFinding] {
        let active = report.findings.map { ReportedFinding(finding: $0, waiver: nil) }
        let waived = report.suppressed.map { ReportedFinding(finding: $0.finding, waiver: ($0.reason, $0.owner)) }
        // Both lists are already sorted; a stable merge keeps an active finding before an equal waived one.
        var merged: [ReportedFinding] = []
        merged.reserveCapacity(active.count + waived.count)
        var activeIndex = 0
        var waivedIndex = 0
        while activeIndex < active.count || waivedIndex < waived.count {
            let takeWaived = activeIndex == active.count
                || (waivedIndex < waived.count && Finding.reportOrder(waived[waivedIndex].finding, active[activeIndex].finding))
            if takeWaived {
                merged.append(waived[waivedIndex])
                waivedIndex += 1
            } else {
                merged.append(active[activeIndex])
                activeIndex += 1
            }
        }
        return merged
    }
}
