import InfraJSON

/// Terraform's AWS compute, datastores and load balancers.
extension TerraformImporter.Mapping {
    typealias Resource = TerraformImporter.Resource

    mutating func instance(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("provider", builder.provider(kind: "aws", region: Self.awsRegion(values)))
        fields.add("zone", values.text("availability_zone"))
        fields.add("addresses") { addresses in
            addresses.add("public", values.text("public_ip"))
            addresses.add("private", values.text("private_ip"))
        }
        fields.add("managedBy", "terraform")
        let id = builder.add(.host, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [])
    }

    /// An autoscaling group becomes `desired_capacity` hosts (`<address>-1`, ...), spread over its
    /// zones in turn as AWS spreads them.
    mutating func autoscalingGroup(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let count = values.integer("desired_capacity") ?? values.integer("min_size") ?? 0
        let zones = values.strings("availability_zones").sorted()
        let region = Self.awsRegion(values) ?? zones.first.map { String($0.dropLast()) }
        if count > Self.maxGroupHosts { builder.note("\(resource.address): \(count) instances; only the first \(Self.maxGroupHosts) are written as hosts") }
        if count == 0 { builder.note("\(resource.address): desired capacity 0, so no hosts were written") }
        var hosts: [String] = []
        for number in 0..<min(count, Self.maxGroupHosts) {
            var fields = FieldList()
            fields.add("environment", builder.environment())
            fields.add("provider", builder.provider(kind: "aws", region: region))
            fields.add("zone", zones.isEmpty ? nil : zones[number % zones.count])
            fields.add("roles", strings: ["autoscaling"])
            fields.add("managedBy", "terraform")
            hosts.append(builder.add(.host, name: "\(resource.address)-\(number + 1)", address: resource.address, fields: fields))
        }
        for arn in values.strings("target_group_arns") { references.targets[arn, default: []] += hosts }
        for attachment in others("aws_autoscaling_attachment", where: "autoscaling_group_name", is: values.text("name")) {
            if let arn = attachment.values.text("lb_target_group_arn") { references.targets[arn, default: []] += hosts }
        }
        if let name = values.text("name") { references.byName["asg:" + name] = hosts.first }
    }

    static let maxGroupHosts = 100

    mutating func databaseInstance(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let provider = builder.provider(kind: "aws", region: Self.awsRegion(values))
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("engine", Self.engine(values.text("engine")))
        fields.add("version", values.text("engine_version"))
        fields.add("hosting", .object([("provider", .string(provider))]))
        fields.add("storage") { storage in
            storage.add("sizeGiB", values.integer("allocated_storage").flatMap { $0 > 0 ? $0 : nil })
            storage.add("limitGiB", values.integer("max_allocated_storage").flatMap { $0 > 0 ? $0 : nil })
        }
        fields.add("public", values.flag("publicly_accessible"))
        fields.add("encryption") { $0.add("atRest", values.flag("storage_encrypted")) }
        fields.add("tags", strings: values.flag("multi_az").map { [$0 ? "multi-az" : "single-az"] } ?? [])
        let id = builder.add(.datastore, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("identifier")])
        automatedBackups(of: id, resource, provider: provider, retention: values.integer("backup_retention_period"),
                         window: values.text("backup_window"), &builder)
    }

    mutating func databaseCluster(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let provider = builder.provider(kind: "aws", region: Self.awsRegion(values))
        let zones = values.strings("availability_zones")
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("engine", "aurora")
        fields.add("version", values.text("engine_version"))
        fields.add("hosting", .object([("provider", .string(provider))]))
        fields.add("encryption") { $0.add("atRest", values.flag("storage_encrypted")) }
        fields.add("tags", strings: zones.isEmpty ? [] : [zones.count > 1 ? "multi-az" : "single-az"])
        let id = builder.add(.datastore, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("cluster_identifier")])
        automatedBackups(of: id, resource, provider: provider, retention: values.integer("backup_retention_period"),
                         window: values.text("preferred_backup_window"), &builder)
    }

    mutating func cache(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let provider = builder.provider(kind: "aws", region: Self.awsRegion(values))
        let multiZone = values.flag("multi_az_enabled") ?? values.text("az_mode").map { $0 == "cross-az" }
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("engine", values.text("engine") ?? "redis")
        fields.add("version", values.text("engine_version"))
        fields.add("hosting", .object([("provider", .string(provider))]))
        fields.add("encryption") { encryption in
            encryption.add("atRest", values.flag("at_rest_encryption_enabled"))
            encryption.add("inTransit", values.flag("transit_encryption_enabled"))
        }
        fields.add("tags", strings: multiZone.map { [$0 ? "multi-az" : "single-az"] } ?? [])
        let id = builder.add(.datastore, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("cluster_id"), values.text("replication_group_id")])
        automatedBackups(of: id, resource, provider: provider, retention: values.integer("snapshot_retention_limit"),
                         window: values.text("snapshot_window"), &builder)
    }

    /// The daily snapshots a managed store keeps itself, when its retention is above zero: kept by
    /// the same provider in the same region, which the rules then judge (not off-site).
    mutating func automatedBackups(of datastore: String, _ resource: Resource, provider: String, retention: Int?,
                                   window: String?, _ builder: inout ImportBuilder) {
        guard let retention, retention > 0 else { return }
        var fields = FieldList()
        fields.add("of", strings: [datastore])
        fields.add("schedule", Self.dailyCron(at: window) ?? "@daily")
        fields.add("method", "snapshot")
        fields.add("target", .object([("provider", .string(provider)), ("location", .string("automated snapshots"))]))
        fields.add("retention", Self.days(retention))
        builder.add(.backup, name: "\(datastore).automated-snapshots", address: resource.address, fields: fields)
    }

    /// The engine names of the format for RDS's (`aurora-postgresql` is `aurora`).
    static func engine(_ name: String?) -> String {
        guard let name else { return "unknown" }
        if name.hasPrefix("aurora") { return "aurora" }
        if name.hasPrefix("sqlserver") { return "sqlserver" }
        if name.hasPrefix("oracle") { return "oracle" }
        return name
    }

    /// Notes the entity `id` under the resource's AWS id, ARN and the given names.
    mutating func remember(_ id: String, _ values: JSONValue, names: [String?]) {
        if let awsID = values.text("id") { references.byAWSID[awsID] = id }
        if let arn = values.text("arn") { references.byARN[arn] = id }
        for name in names.compactMap({ $0 }) { references.byName[name] = id }
    }
}
