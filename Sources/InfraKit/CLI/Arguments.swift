/// An option a command accepts: `--name VALUE` (or `--name=VALUE`), or a flag when `valueName` is nil.
struct OptionSpec: Sendable {
    let name: String
    let valueName: String?
    let help: String
    /// The values allowed, when the set is closed.
    let allowed: [String]?
    let repeatable: Bool

    static func option(_ name: String, _ valueName: String, _ help: String, allowed: [String]? = nil, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, allowed: allowed, repeatable: repeatable)
    }

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, allowed: nil, repeatable: false)
    }
}

/// What a command is called, what it does and what it takes: the source of its `--help`.
struct CommandConfiguration: Sendable {
    let name: String
    let abstract: String
    let usage: String
    let discussion: String
    let arguments: [(String, String)]
    let options: [OptionSpec]

    var help: String {
        var text = "OVERVIEW: \(abstract)\n\nUSAGE: \(usage)\n"
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        if !arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for (name, help) in arguments { text += Self.row(name, help) }
        }
        text += "\nOPTIONS:\n"
        for option in options + [.flag("--help", "Show this help")] {
            let left = option.valueName.map { "\(option.name) <\($0)>" } ?? option.name
            var help = option.help
            if let allowed = option.allowed { help += " (\(allowed.joined(separator: "|")))" }
            text += Self.row(left, help)
        }
        return text
    }

    static func row(_ left: String, _ right: String) -> String {
        let padded = left.count < 24 ? left + String(repeating: " ", count: 24 - left.count) : left + "\n" + String(repeating: " ", count: 26)
        return "  \(padded)\(right)\n"
    }
}

/// A parsed command line: option values by name, flags and positional arguments.
struct ParsedArguments: Sendable {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    var wantsHelp = false

    func value(_ name: String) -> String? { values[name]?.last }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// Parses `arguments` (without the command name) against `configuration`'s options.
    static func parse(_ arguments: [String], for configuration: CommandConfiguration) throws(ToolError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        func usageError(_ message: String) -> ToolError {
            .usage(message, usage: configuration.usage)
        }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            if argument == "--help" || argument == "-h" { parsed.wantsHelp = true; continue }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = configuration.options.first(where: { $0.name == name }) else {
                let suggestion = Suggestion.clause(for: name, among: configuration.options.map(\.name))
                throw usageError("unknown option '\(name)' for '\(configuration.name)'\(suggestion)")
            }
            guard spec.valueName != nil else {
                if inlineValue != nil { throw usageError("option '\(name)' takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw usageError("option '\(name)' needs a value") }
                value = arguments[index]
                index += 1
            }
            if let allowed = spec.allowed, !allowed.contains(value) {
                let suggestion = Suggestion.clause(for: value, among: allowed)
                throw usageError("invalid value '\(value)' for '\(name)': expected one of \(allowed.joined(separator: ", "))\(suggestion)")
            }
            if !spec.repeatable, parsed.values[name] != nil {
                throw usageError("option '\(name)' given more than once")
            }
            parsed.values[name, default: []].append(value)
        }
        return parsed
    }
}
