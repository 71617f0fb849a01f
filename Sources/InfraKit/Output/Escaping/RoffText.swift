/// Text for a roff (man page) line: the one escaping function of `ManPageRenderer`.
enum RoffText {
    /// `text` as one roff line: `\` and `-` escaped, characters beyond ASCII written `\[u2014]`,
    /// and a line that would start with `.` or `'` (a request) begins with a zero-width `\&`.
    static func line(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\e"
            case "-": output += "\\-"
            case _ where !scalar.isASCII:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            default: output.unicodeScalars.append(scalar)
            }
        }
        if output.hasPrefix(".") || output.hasPrefix("'") { output = "\\&" + output }
        return output
    }
}
