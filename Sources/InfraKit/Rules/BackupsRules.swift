/// The backups rules, in the order `infractl rules` lists them.
enum BackupsRules {
    static var all: [any Rule.Type] {
        [
            DatastoreWithoutBackupRule.self,
            BackupNotOffsiteRule.self,
            BackupExceedsRPORule.self,
            BackupWithoutRetentionRule.self,
            BackupUnmonitoredRule.self,
            RestoreUntestedRule.self,
        ]
    }
}
