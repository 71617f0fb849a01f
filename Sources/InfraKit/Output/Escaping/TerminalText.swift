import InfraJSON

/// Inventory text for a terminal or a CI log: the text of `validate`, `report`, `diff`,
/// `simulate`, `blast-radius` and every message on standard error.
///
/// A terminal acts on control sequences (ESC, CSI, OSC: colours, window titles, clearing the
/// screen, hyperlinks) and a CI system on whole lines (`::error::` in GitHub Actions, `##vso[` in
/// Azure Pipelines), so inventory text is written on one line with every active character shown
/// as a visible escape (`UntrustedText.visible`). Every line we print starts with text we chose
/// (a location, an indent, a label); text that may come first on a line (a file path) goes through
/// `path(_:)`, which makes sure it cannot start like a CI command.
public enum TerminalText {
    /// `text` on one line, with nothing that can act on a terminal or a CI log.
    public static func escape(_ text: String) -> String {
        UntrustedText.visible(text)
    }

    /// Appends `text`, escaped, to `output` (the byte-built reports).
    static func append(_ text: String, to output: inout UTF8Text) {
        if UntrustedText.hasActive(text) {
            output.append(UntrustedText.visible(text))
        } else {
            output.append(text)
        }
    }

    /// A path, or a whole line that starts with one, as shown at the start of a line: escaped, and
    /// with `./` in front when it would otherwise start like a CI command (`::error…json` names the
    /// same file as `./::error…json`). Paths come from the command line and from directory walks, so
    /// from whoever named the files.
    public static func path(_ path: String) -> String {
        UntrustedText.line(path)
    }
}
