import InfraModel

/// Turns a rule example — the body of an inventory, with `↓` where findings must point — into a
/// whole inventory. Keys the example leaves out get defaults: production and staging environments
/// (`prod`, `staging`) and two providers in different failure domains (`linode-london`, `aws-us-east-1`).
public enum RuleExample {
    /// The day examples are checked against, so age-based examples do not drift.
    public static let asOf = Day(year: 2025, month: 6, day: 1) ?? Day.fallback

    public static let marker: Character = "↓"

    /// The complete inventory text, markers kept.
    public static func inventory(_ body: String) -> String {
        var members = ["  \"infractl\": \(InventoryDecoder.formatVersion)", "  \"name\": \"example\""]
        if !body.contains("\"environments\":") {
            members.append("""
              "environments": [{"id": "prod", "kind": "production"}, {"id": "staging", "kind": "staging"}]
            """)
        }
        if !body.contains("\"providers\":") {
            members.append("""
              "providers": [{"id": "linode-london", "kind": "linode", "region": "london"}, {"id": "aws-us-east-1", "kind": "aws", "region": "us-east-1"}]
            """)
        }
        members.append(body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
        return "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }
}

extension Day {
    /// 1970-01-01, for constants that cannot fail.
    static let fallback: Day = {
        guard let day = Day(year: 1970, month: 1, day: 1) else { preconditionFailure("1970-01-01 is a valid day") }
        return day
    }()
}
