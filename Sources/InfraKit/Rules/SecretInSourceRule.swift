import InfraModel

struct SecretInSourceRule: Rule {
    static let description = RuleDescription(
        identifier: "secret-in-source",
        name: "Secret in source",
        family: .security,
        examines: [.secret],
        severity: .inProduction(.error),
        summary: "a secret kept in source code, in the inventory or in a dotfile",
        rationale: """
        A credential committed to a repository or left in a dotfile is readable by everyone who can \
        read that repository or home directory, stays in history after it is "removed", and is copied \
        onto every laptop and CI runner that clones it. It cannot be rotated without a code change.
        """,
        remediation: """
        Move the secret to a secret store (vault, secrets-manager, platform-settings, ansible-vault, \
        an encrypted file), rotate it, since the old value must be treated as leaked, and set \
        `storage` accordingly.
        """,
        triggeringExamples: [
            """
            "secrets": [{"id": "db-password", "storage": ↓"source-code", "environment": "prod"}]
            """,
            """
            "secrets": [{"id": "deis-login", "storage": ↓"dotfile"}, {"id": "api-key", "storage": ↓"inventory"}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "secrets": [{"id": "db-password", "storage": "vault", "environment": "prod"}]
            """,
            """
            "secrets": [{"id": "token", "storage": "environment"}, {"id": "key", "storage": "ansible-vault"}]
            """,
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "linode-london"}],
            "secrets": [{"id": "app-env", "storage": "host-file", "environment": "prod",
                         "file": {"host": "app-1", "path": "/home/app/live/.env.production", "mode": "0600", "owner": "app"}}]
            """,
        ],
        securitySeverity: 9.0
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.secrets.compactMap { secret in
            guard let place = Self.exposedPlace(secret.storage) else { return nil }
            return context.finding(Self.description, message(secret, place), entityID: secret.id,
                                   origin: secret.origin, key: "storage")
        }
    }

    /// Where a secret kept in `storage` is exposed, in the finding's words; nil for a safe store. A
    /// switch rather than a dictionary, which hashed the case's raw-value string at every secret, and
    /// a new kind of storage has to be placed here before it compiles.
    private static func exposedPlace(_ storage: Secret.Storage) -> String? {
        switch storage {
        case .sourceCode: "source code"
        case .inventory: "the inventory"
        case .dotfile: "a dotfile"
        case .environment, .platformSettings, .vault, .secretsManager, .encryptedFile, .ansibleVault, .chefEncryptedDataBag, .hostFile: nil
        }
    }

    private func message(_ secret: Secret, _ place: String) -> String {
        "secret '\(secret.id)' is kept in \(place)"
    }
}
