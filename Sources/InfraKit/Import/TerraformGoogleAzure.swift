/// Terraform's Google Cloud and Azure resources.
extension TerraformImporter.Mapping {
    /// The region of a Google zone (`europe-west1-b` is in `europe-west1`).
    static func googleRegion(ofZone zone: String?) -> String? {
        guard let zone, let dash = zone.lastIndex(of: "-") else { return zone }
        return String(zone[..<dash])
    }

    mutating func googleInstance(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let zone = values.text("zone")
        let interface = values.block("network_interface")
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("provider", builder.provider(kind: "gcp", region: Self.googleRegion(ofZone: zone)))
        fields.add("zone", zone)
        fields.add("addresses") { addresses in
            addresses.add("public", interface?.block("access_config")?.text("nat_ip"))
            addresses.add("private", interface?.text("network_ip"))
        }
        fields.add("managedBy", "terraform")
        let id = builder.add(.host, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("self_link")])
    }

    /// A Cloud SQL instance, and its automated backups when they are on.
    mutating func googleDatabase(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let provider = builder.provider(kind: "gcp", region: values.text("region"))
        let settings = values.block("settings")
        let (engine, version) = Self.cloudSQLEngine(values.text("database_version"))
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("engine", engine)
        fields.add("version", version)
        fields.add("hosting", .object([("provider", .string(provider))]))
        fields.add("storage") { $0.add("sizeGiB", settings?.integer("disk_size")) }
        fields.add("tags", strings: settings?.text("availability_type").map { [$0 == "REGIONAL" ? "regional" : "zonal"] } ?? [])
        let id = builder.add(.datastore, name: resource.address, address: resource.address, fields: fields)
        guard let backup = settings?.block("backup_configuration"), backup.flag("enabled") == true else { return }
        var copies = FieldList()
        copies.add("of", strings: [id])
        copies.add("schedule", Self.dailyCron(at: backup.text("start_time")) ?? "@daily")
        copies.add("method", "provider")
        let location = backup.text("location")
        copies.add("target", .object([("provider", .string(location.map { builder.provider(kind: "gcp", region: $0) } ?? provider))]))
        if let kept = backup.block("backup_retention_settings")?.integer("retained_backups") {
            copies.add("retention", .object([("daily", .int(kept))]))
        }
        builder.add(.backup, name: "\(id).automated-backups", address: resource.address, fields: copies)
    }

    /// `POSTGRES_15` is postgres 15, `MYSQL_8_0` mysql 8.0, `SQLSERVER_2019_STANDARD` sqlserver 2019.
    static func cloudSQLEngine(_ text: String?) -> (String, String?) {
        guard let text else { return ("unknown", nil) }
        let parts = text.lowercased().split(separator: "_").map(String.init)
        guard let first = parts.first else { return ("unknown", nil) }
        let digits = parts.dropFirst().prefix { Int($0) != nil }
        return (first, digits.isEmpty ? nil : digits.joined(separator: "."))
    }

    mutating func googleBucket(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        var tags: [String] = []
        if values.block("versioning")?.flag("enabled") == true { tags.append("versioning") }
        if values.block("retention_policy") != nil { tags.append("retention-policy") }
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("engine", "gcs")
        fields.add("hosting", .object([("provider", .string(builder.provider(kind: "gcp", region: values.text("location"))))]))
        fields.add("public", values.text("public_access_prevention") == "enforced" ? false : nil)
        fields.add("tags", strings: tags)
        let id = builder.add(.datastore, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("name")])
    }

    mutating func azureMachine(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("provider", builder.provider(kind: "azure", region: values.text("location")))
        fields.add("zone", values.text("zone"))
        fields.add("addresses") { addresses in
            addresses.add("public", values.text("public_ip_address"))
            addresses.add("private", values.text("private_ip_address"))
        }
        fields.add("managedBy", "terraform")
        let id = builder.add(.host, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [])
    }

    /// A PostgreSQL flexible server, and its backups (geo-redundant ones go to the paired region).
    mutating func azurePostgres(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let location = values.text("location")
        let provider = builder.provider(kind: "azure", region: location)
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("engine", "postgres")
        fields.add("version", values.text("version"))
        fields.add("hosting", .object([("provider", .string(provider))]))
        fields.add("storage") { $0.add("sizeGiB", values.integer("storage_mb").map { $0 / 1024 }) }
        fields.add("public", values.flag("public_network_access_enabled"))
        fields.add("tags", strings: values.block("high_availability")?.text("mode").map { [$0 == "ZoneRedundant" ? "zone-redundant" : "same-zone-ha"] } ?? [])
        let id = builder.add(.datastore, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("name")])
        guard let days = values.integer("backup_retention_days"), days > 0 else { return }
        let target = values.flag("geo_redundant_backup_enabled") == true
            ? builder.provider(kind: "azure", region: location.map { "\($0)-paired" } ?? "paired") : provider
        var backup = FieldList()
        backup.add("of", strings: [id])
        backup.add("schedule", "@daily")
        backup.add("method", "provider")
        backup.add("target", .object([("provider", .string(target))]))
        backup.add("retention", Self.days(days))
        builder.add(.backup, name: "\(id).automated-backups", address: resource.address, fields: backup)
    }
}
