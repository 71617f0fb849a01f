/// Text inside the quoted strings of a shell completion script: the escaping functions of
/// `CompletionsRenderer`.
enum ShellText {
    /// Text inside a zsh single-quoted `_arguments` spec: `'` closed and reopened, and the
    /// characters the spec syntax reads (`[ ] :`) escaped.
    static func zshQuoted(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "'": output += "'\\''"
            case "[", "]", ":", "\\": output += "\\" + String(character)
            default: output.append(character)
            }
        }
        return output
    }

    /// Text inside a fish double-quoted string.
    static func fishQuoted(_ text: String) -> String {
        var output = ""
        for character in text {
            if "\"$\\".contains(character) { output += "\\" }
            output.append(character)
        }
        return output
    }
}
