import InfraJSON
import InfraTopology

extension NMinusOneTable {
    package init(simulator: FailureSimulator, domain: String) {
        self.init(table: NMinusOne(simulator: simulator, domain: domain))
    }
}

/// The text and JSON of `infractl simulate --each`.
public struct NMinusOneTable: Sendable {
    public let table: NMinusOne

    public init(table: NMinusOne) {
        self.table = table
    }

    public func text(file: String) -> String {
        // Each row starts with the failure's kind ("zone '...'"); names go through `TerminalText`.
        var output = "N-1 table for \(TerminalText.escape(file)): every single \(table.domain) failure, worst first\n\n"
        guard !table.rows.isEmpty else { return output + "no \(table.domain) to fail\n" }
        let failures = table.rows.map { TerminalText.escape($0.failure) }
        let width = max(7, failures.map(\.count).max() ?? 0)
        output += "failure".padded(to: width + 2) + "down  read-only  impaired  degraded  production services down or impaired\n"
        for (row, failure) in zip(table.rows, failures) {
            let hurt = Self.listed(row.hurt, of: row.hurtCount).map(TerminalText.escape)
            output += failure.padded(to: width + 2)
            output += String(row.downCount).padded(to: 6)
            output += String(row.readOnlyCount).padded(to: 11)
            output += String(row.impairedCount).padded(to: 10)
            output += String(row.degradedCount).padded(to: 10)
            output += (hurt.isEmpty ? "-" : hurt.joined(separator: ", ")) + "\n"
        }
        return output
    }

    /// The table in GitHub-flavoured Markdown, worst first as in the text; names through `MarkdownText`.
    public func markdown(file: String) -> String {
        var lines = ["# N-1 table: every single \(table.domain) failure, worst first", "", "Inventory \(MarkdownText.code(file)).", ""]
        guard !table.rows.isEmpty else { return (lines + ["No \(table.domain) to fail."]).joined(separator: "\n") + "\n" }
        lines.append("| Failure | Down | Read-only | Impaired | Degraded | Production services down or impaired |")
        lines.append("|---|---:|---:|---:|---:|---|")
        for row in table.rows {
            let hurt = Self.listed(row.hurt, of: row.hurtCount).map { $0.hasPrefix("(") ? $0 : MarkdownText.code($0, inTable: true) }
            lines.append("| \(MarkdownText.text(row.failure, inTable: true)) | \(row.downCount) | \(row.readOnlyCount) | \(row.impairedCount) | "
                         + "\(row.degradedCount) | \(hurt.isEmpty ? "-" : hurt.joined(separator: ", ")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Most services named on one text row (JSON names up to `NMinusOne.namesKept` in each state).
    public static let namesPerRow = 10

    /// The first `namesPerRow` of the first ids of `count`, and "(N more)" for the rest.
    static func listed(_ ids: [String], of count: Int) -> [String] {
        guard count > namesPerRow else { return ids }
        return Array(ids.prefix(namesPerRow)) + ["(\(count - namesPerRow) more)"]
    }

    /// The JSON shape: 2 since each state's list holds at most `NMinusOne.namesKept` ids, with the
    /// whole count beside it (1 listed every id, which grew with N² on long dependency chains).
    public static let shapeVersion = 2

    public func json(file: String) -> JSONOutput {
        .object([
            ("version", .int(Self.shapeVersion)),
            ("file", .string(file)),
            ("domain", .string(table.domain)),
            ("rows", .array(table.rows.map { row in
                .object([
                    ("failure", .string(row.failure)),
                    ("down", .array(row.down.map(JSONOutput.string))),
                    ("readOnly", .array(row.readOnly.map(JSONOutput.string))),
                    ("impaired", .array(row.impaired.map(JSONOutput.string))),
                    ("degraded", .array(row.degraded.map(JSONOutput.string))),
                    ("counts", .object([
                        ("down", .int(row.downCount)), ("readOnly", .int(row.readOnlyCount)),
                        ("impaired", .int(row.impairedCount)), ("degraded", .int(row.degradedCount)),
                    ])),
                    ("affected", .int(row.affected)),
                ])
            })),
        ])
    }
}
