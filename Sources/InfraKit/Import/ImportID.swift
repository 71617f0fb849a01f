import InfraModel

/// Ids and words made from a source's names: an imported name becomes a valid id (lowercase
/// letters, digits, `.`, `_`, `-`), and an environment name its kind.
package enum ImportID {
    /// `name` as an id: lowercased, every other character a `-`, runs of `-` collapsed, at most
    /// `Identifier.maxLength` bytes with `suffix`; `unnamed` when nothing is left.
    package static func make(_ name: String, suffix: String = "") -> String {
        var id = ""
        for scalar in name.lowercased().unicodeScalars {
            let keeps = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_"
            if keeps {
                id.unicodeScalars.append(scalar)
            } else if !id.hasSuffix("-") {
                id += "-"
            }
        }
        while id.hasPrefix("-") || id.hasPrefix(".") { id.removeFirst() }
        while id.hasSuffix("-") || id.hasSuffix(".") { id.removeLast() }
        if id.isEmpty { id = "unnamed" }
        return String(id.prefix(Identifier.maxLength - suffix.count)) + suffix
    }

    /// The kind of an environment called `name`: the kind it names (`prod` is production), else
    /// production, whose rules are the strictest.
    static func environmentKind(of name: String) -> String {
        switch name.lowercased() {
        case "staging", "stage", "stg", "preprod", "pre-production": "staging"
        case "qa", "test", "testing", "uat": "qa"
        case "development", "dev", "develop", "local": "development"
        case "demo", "sandbox": "demo"
        default: "production"
        }
    }

    /// The environment a group or namespace name stands for, when it names one (`prod`, `staging`).
    static func environmentName(_ name: String) -> String? {
        switch name.lowercased() {
        case "production", "prod", "prd": "production"
        case "staging", "stage", "stg": "staging"
        case "qa", "uat": "qa"
        case "development", "dev": "development"
        case "demo": "demo"
        default: nil
        }
    }
}
