import InfraJSON
import InfraModel

/// An option a command accepts: `--name VALUE` (or `--name=VALUE`), or a flag when `valueName` is nil.
struct OptionSpec: Sendable {
    let name: String
    let valueName: String?
    let help: String
    /// The values allowed, when the set is closed.
    let allowed: [String]?
    let repeatable: Bool
    /// The one-letter spelling (`-f`), if any.
    var short: String? = nil
    /// Other long spellings that mean the same (`--no-color` for `--color never`): each maps to
    /// this option with the given value (a flag's alias has none).
    var aliases: [(name: String, value: String?)] = []

    static func option(_ name: String, _ valueName: String, _ help: String, allowed: [String]? = nil, repeatable: Bool = false,
                       short: String? = nil) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, allowed: allowed, repeatable: repeatable, short: short)
    }

    static func flag(_ name: String, _ help: String, short: String? = nil) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, allowed: nil, repeatable: false, short: short)
    }

    /// This option with another spelling that gives it `value` (`--no-color` for `--color never`).
    func aliased(_ alias: String, _ value: String?) -> OptionSpec {
        var spec = self
        spec.aliases.append((alias, value))
        return spec
    }

    /// The help line with the allowed values, if the set is closed.
    var fullHelp: String {
        allowed.map { "\(help) (\($0.joined(separator: "|")))" } ?? help
    }

    /// How `--help` and the man page show the option: `-f, --format <format>`.
    var synopsis: String {
        let long = valueName.map { "\(name) <\($0)>" } ?? name
        return short.map { "\($0), \(long)" } ?? long
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
        for option in allOptions {
            text += Self.row(option.synopsis, option.fullHelp)
            for alias in option.aliases {
                text += Self.row(alias.name, "Same as \(option.name)" + (alias.value.map { " \($0)" } ?? ""))
            }
        }
        return text
    }

    /// The options with `--help`, as `--help`, the man page and the completions list them.
    var allOptions: [OptionSpec] {
        options + [.flag("--help", "Show this help", short: "-h")]
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
            var aliasValue: String?
            if let spec = configuration.options.first(where: { $0.short == name }) {
                name = spec.name
            } else if let (spec, alias) = configuration.options.lazy.compactMap({ spec in
                spec.aliases.first(where: { $0.name == name }).map { (spec, $0) } }).first {
                if inlineValue != nil { throw usageError("option '\(name)' takes no value") }
                name = spec.name
                aliasValue = alias.value
            }
            guard let spec = configuration.options.first(where: { $0.name == name }) else {
                let suggestion = Suggestion.clause(for: name, among: configuration.options.map(\.name))
                throw usageError("unknown option '\(name)' for '\(configuration.name)'\(suggestion)")
            }
            if let aliasValue, spec.valueName != nil {
                if !spec.repeatable, parsed.values[name] != nil { throw usageError("option '\(name)' given more than once") }
                parsed.values[name, default: []].append(aliasValue)
                continue
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
