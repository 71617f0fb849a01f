import InfraJSON
import InfraModel
import InfraOutput

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
