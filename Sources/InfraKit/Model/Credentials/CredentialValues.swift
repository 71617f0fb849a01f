/// Tells the literal value of a credential from what only stands in for one: placeholders
/// (`${DB_PASSWORD}`, `YOUR_TOKEN`, `<token>`, `{{ vault_x }}`, `%(x)s`, `***`, elisions),
/// references to a secret store (`vault:…`, `op://…`, `arn:aws:secretsmanager:…`) and identifiers
/// that name a secret (`praefect_internal_token`, `vault_become_pass`).
enum CredentialValues {
    /// Whether `value`, found where a credential is expected (under a secret-named key, as a URL's
    /// password), is written out rather than stood in for.
    static func isLiteral(_ value: some Collection<UInt8>) -> Bool {
        let bytes = Array(value)
        guard let first = bytes.first, bytes.contains(where: CredentialScanner.isAlphanumeric) else { return false }
        // A value redacted before (`password=…(redacted, ...)`, `ghp_…(redacted, ...)`) is not redacted again.
        if contains(bytes, CredentialScanner.redactionMark) { return false }
        if placeholderStarts.contains(first) || placeholderMarks.contains(where: { contains(bytes, $0) }) { return false }
        // ALL_CAPS_WITH_UNDERSCORES reads as a variable name or a placeholder, not a value.
        if bytes.allSatisfy({ CredentialScanner.isUpper($0) || CredentialScanner.isDigit($0) || $0 == UInt8(ascii: "_") }),
           bytes.contains(where: CredentialScanner.isUpper) { return false }
        let lowered = bytes.map(CredentialScanner.lowercased)
        if placeholderWords.contains(where: { lowered.starts(with: $0) }) { return false }
        if placeholderValues.contains(lowered) { return false }
        return !namesASecret(bytes)
    }

    /// A snake- or kebab-case identifier that holds a secret word (`praefect_internal_token`,
    /// `db-password-file`) is the name of a secret, not its value.
    static func namesASecret(_ bytes: [UInt8]) -> Bool {
        guard bytes.contains(UInt8(ascii: "_")) || bytes.contains(UInt8(ascii: "-")),
              bytes.allSatisfy({ CredentialScanner.isLower($0) || CredentialScanner.isDigit($0) || identifierPunctuation.contains($0) })
        else { return false }
        return secretWords.contains { contains(bytes, $0) }
    }

    /// Whether `needle` occurs in `bytes`.
    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= bytes.count else { return needle.isEmpty }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start] == needle[0] && bytes[start..<start + needle.count].elementsEqual(needle)
        }
    }

    /// First bytes of a reference or template: `$VAR`, `{{ x }}`, `<token>`, `%(x)s`, `***`,
    /// `[redacted]`, `(secret)`, `~/.ssh/key`, `/etc/key`.
    private static let placeholderStarts: Set<UInt8> = Set("${<%*[(~/".utf8)

    /// Marks of a template or an elision anywhere in the value.
    private static let placeholderMarks: [[UInt8]] = ["${", "{{", "<", ">", "…", "...", "***", "xxxx", "XXXX"].map { Array($0.utf8) }

    /// Starts of a placeholder word or of a reference to where a secret is kept (lowercased).
    private static let placeholderWords: [[UInt8]] = [
        "redacted", "changeme", "change_me", "change-me", "xxxx", "none", "null", "nil", "true", "false", "env", "lookup",
        "vault", "secret", "example", "your", "placeholder", "dummy", "todo", "tbd", "n/a", "op:", "arn:", "ssm:", "sm:", "file:",
        "secretsmanager", "keyvault", "akv:", "gcpsm:", "projects/", "azurekeyvault",
    ].map { Array($0.utf8) }

    /// Whole values that are the word for a password rather than one (`postgres://user:password@host`).
    private static let placeholderValues: Set<[UInt8]> = Set(["password", "passwd", "pass", "pwd"].map { Array($0.utf8) })

    private static let identifierPunctuation: Set<UInt8> = Set("_-.".utf8)

    /// Words whose presence makes an identifier the name of a secret.
    private static let secretWords: [[UInt8]] = ["pass", "pwd", "secret", "token", "key", "auth", "cred"].map { Array($0.utf8) }
}
