import InfraModel

/// What `infractl import` prints besides the inventory: notes, the summary and a self-check
/// warning on standard error, and `--check`'s differences on standard output. Every line starts
/// with our words; the input's text (notes, types, addresses, paths) goes through `TerminalText`.
/// The import layer sits beside this one, not below it, so the command hands over the parts of
/// its `ImportResult` and drifts rather than the types themselves.
package struct ImportReportRenderer {
    /// The importer's name, as the command line gives it: `terraform`.
    let source: String

    package init(source: String) {
        self.source = source
    }

    /// One `note:` line each.
    package func notes(_ notes: [String]) -> String {
        notes.map { "note: " + TerminalText.escape($0) + "\n" }.joined()
    }

    /// The notes, each resource type without a mapping (its first five addresses), and a count of
    /// what was imported by kind (`kinds`: each imported entity's kind) and what was not.
    package func summary(notes: [String], unmapped: [(type: String, addresses: [String])], kinds: [EntityKind]) -> String {
        var text = self.notes(notes)
        for (type, addresses) in unmapped {
            let shown = addresses.prefix(5).joined(separator: ", ") + (addresses.count > 5 ? ", ..." : "")
            text += "note: not imported (no mapping): \(addresses.count) \(TerminalText.escape(type)): \(TerminalText.escape(shown))\n"
        }
        let counts = EntityKind.allCases.compactMap { kind -> String? in
            let count = kinds.filter { $0 == kind }.count
            return count == 0 ? nil : "\(count) \(count == 1 ? kind.noun : kind.pluralNoun)"
        }
        let notImported = unmapped.reduce(0) { $0 + $1.addresses.count }
        return text + "imported from \(source): \(counts.isEmpty ? "nothing" : counts.joined(separator: ", ")); "
            + "\(notImported) resource(s) of \(unmapped.count) type(s) not imported\n"
    }

    /// `--check`: each difference (`missing`, `gone` or `differs`, and what) on a line, then
    /// whether `inventory` is in step with the input or how many differences there are.
    package func drift(_ differences: [(kind: String, text: String)], inventory: String) -> String {
        var text = differences.map { "\($0.kind): \(TerminalText.escape($0.text))\n" }.joined()
        let place = TerminalText.escape(inventory)
        if differences.isEmpty {
            return text + "in step: '\(place)' holds what the \(source) input says\n"
        }
        text += "\(differences.count) difference(s) between '\(place)' and the \(source) input; "
        return text + "'infractl import \(source) --into \(place) ...' writes the input's side\n"
    }

    /// The written inventory read back gave structural findings (`count`, the first's message):
    /// an import bug, said rather than left for `validate` to puzzle over.
    package func selfCheckWarning(count: Int, first: String) -> String {
        "warning: the written inventory has \(count) structural finding(s), the first: \(TerminalText.escape(first)); run 'infractl validate' on it\n"
    }
}
