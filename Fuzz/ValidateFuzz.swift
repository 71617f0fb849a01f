// libFuzzer target for the whole load-and-validate path, compiled by `scripts/fuzz validate`
// together with the InfraKit sources: the bytes are read as an inventory, decoded, checked by
// every rule of the catalog (waivers, fingerprints and sorting included, as `validate` does), and
// the report is rendered in every output format. Not part of the package.

private let fuzzLinter: Linter = {
    guard let day = Day(year: 2026, month: 11, day: 23) else { preconditionFailure("bad fixed day") }
    return Linter(options: LintOptions(settings: RuleSettings(asOf: day)))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func validateFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = SourceFile(path: "fuzz.json", bytes: bytes)
    let report = InventoryLoader().validate([source], linter: fuzzLinter)
    for format in ReportFormat.allCases {
        _ = format.render(report)
    }
    // No message may carry a credential, whatever the input.
    for finding in report.findings {
        precondition(CredentialScanner.redact(finding.message) == finding.message,
                     "unredacted credential in the message of a \(finding.ruleID) finding: \(finding.message)")
    }
    return 0
}
