/// An option a command accepts: `--name VALUE` (or `--name=VALUE`), or a flag when `valueName` is nil.
package struct OptionSpec: Sendable {
    package let name: String
    package let valueName: String?
    package let help: String
    /// The values allowed, when the set is closed.
    package let allowed: [String]?
    package let repeatable: Bool
    /// The one-letter spelling (`-f`), if any.
    package var short: String? = nil
    /// Other long spellings that mean the same (`--no-color` for `--color never`): each maps to
    /// this option with the given value (a flag's alias has none).
    package var aliases: [(name: String, value: String?)] = []

    package static func option(_ name: String, _ valueName: String, _ help: String, allowed: [String]? = nil, repeatable: Bool = false,
                               short: String? = nil) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, allowed: allowed, repeatable: repeatable, short: short)
    }

    package static func flag(_ name: String, _ help: String, short: String? = nil) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, allowed: nil, repeatable: false, short: short)
    }

    /// This option with another spelling that gives it `value` (`--no-color` for `--color never`).
    package func aliased(_ alias: String, _ value: String?) -> OptionSpec {
        var spec = self
        spec.aliases.append((alias, value))
        return spec
    }

    /// The long spelling, then the short one if there is one.
    var spellings: [String] {
        [name] + (short.map { [$0] } ?? [])
    }

    /// The help line with the allowed values, if the set is closed.
    var fullHelp: String {
        allowed.map { "\(help) (\($0.joined(separator: "|")))" } ?? help
    }

    /// The help line of an alias: `Same as --color never`.
    func aliasHelp(_ alias: (name: String, value: String?)) -> String {
        "Same as \(name)" + (alias.value.map { " \($0)" } ?? "")
    }

    /// How `--help` and the man page show the option: `-f, --format <format>`.
    var synopsis: String {
        let long = valueName.map { "\(name) <\($0)>" } ?? name
        return short.map { "\($0), \(long)" } ?? long
    }

    /// Whether the value is a path (completed with file names).
    var takesPath: Bool {
        ["file", "glob"].contains(valueName ?? "")
    }
}
