import InfraJSON

/// Terraform's S3 buckets, load balancers, target groups and Route 53 zones.
extension TerraformImporter.Mapping {
    /// A bucket with what its companion resources say: versioning, object lock, public access block
    /// and default encryption, whether written inline (provider v3) or as their own resources (v4+).
    mutating func bucket(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let name = values.text("bucket")
        let versioning = values.block("versioning")?.flag("enabled") == true
            || others("aws_s3_bucket_versioning", where: "bucket", is: name).contains {
                $0.values.block("versioning_configuration")?.text("status") == "Enabled"
            }
        let objectLock = values.flag("object_lock_enabled") == true
            || values.block("object_lock_configuration")?.text("object_lock_enabled") == "Enabled"
            || !others("aws_s3_bucket_object_lock_configuration", where: "bucket", is: name).isEmpty
        let encrypted = values.block("server_side_encryption_configuration") != nil
            || !others("aws_s3_bucket_server_side_encryption_configuration", where: "bucket", is: name).isEmpty
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("engine", "s3")
        fields.add("hosting", .object([("provider", .string(builder.provider(kind: "aws", region: values.text("region"))))]))
        fields.add("public", Self.blocksPublicAccess(others("aws_s3_bucket_public_access_block", where: "bucket", is: name)) ? false : nil)
        fields.add("encryption") { $0.add("atRest", encrypted ? true : nil) }
        fields.add("tags", strings: (versioning ? ["versioning"] : []) + (objectLock ? ["object-lock"] : []))
        let id = builder.add(.datastore, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [name])
    }

    /// Whether a public access block turns all four of its switches on: only then is the bucket
    /// known not to be public. Otherwise `public` is left for a person to say.
    static func blocksPublicAccess(_ blocks: [Resource]) -> Bool {
        blocks.contains { block in
            ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]
                .allSatisfy { block.values.flag($0) == true }
        }
    }

    /// A target group is the service behind a load balancer: it runs on the instances attached to
    /// it, or on an autoscaling group's hosts; with neither known, on its provider.
    mutating func targetGroup(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let arn = values.text("arn") ?? ""
        var hosts = references.targets[arn] ?? []
        for attachment in others("aws_lb_target_group_attachment", where: "target_group_arn", is: arn) {
            if let host = attachment.values.text("target_id").flatMap({ references.byAWSID[$0] }) { hosts.append(host) }
        }
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("kind", "web")
        if hosts.isEmpty {
            fields.add("provider", builder.provider(kind: "aws", region: Self.awsRegion(values)))
        } else {
            fields.add("runsOn", strings: Array(Set(hosts)).sorted())
        }
        if let port = values.integer("port") {
            fields.add("ports", .array([FieldList.port(port, values.text("protocol"))]))
        }
        let check = Self.healthCheck(values.block("health_check"))
        fields.add("healthCheck", check)
        references.healthChecks[arn] = check
        let id = builder.add(.service, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("arn_suffix")])
    }

    static func healthCheck(_ check: JSONValue?) -> JSONOutput? {
        guard let check, check.flag("enabled") != false else { return nil }
        var fields = FieldList()
        fields.add("kind", check.text("protocol")?.lowercased())
        fields.add("path", check.text("path"))
        fields.add("interval", check.integer("interval").map { "\($0)s" })
        return fields.members.isEmpty ? nil : fields.output
    }

    /// A load balancer with its listeners: their ports, whether one terminates TLS, and the target
    /// groups they forward to (`balances`).
    mutating func loadBalancer(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let listeners = others("aws_lb_listener", where: "load_balancer_arn", is: values.text("arn"))
        let groups = listeners.flatMap { listener in
            listener.values.blocks("default_action").flatMap { action in
                [action.text("target_group_arn")].compactMap { $0 }
                    + (action.block("forward")?.blocks("target_group").compactMap { $0.text("arn") } ?? [])
            }
        }
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("kind", "load-balancer")
        fields.add("provider", builder.provider(kind: "aws", region: Self.awsRegion(values)))
        let ports = listeners.compactMap { listener in listener.values.integer("port").map { FieldList.port($0, listener.values.text("protocol")) } }
        if !ports.isEmpty { fields.add("ports", .array(ports)) }
        fields.add("public", values.flag("internal").map { !$0 })
        if !listeners.isEmpty {
            let terminates = listeners.contains { ["HTTPS", "TLS"].contains($0.values.text("protocol") ?? "") }
            fields.add("tls", .object([("terminates", .bool(terminates))]))
        }
        for arn in Set(groups).sorted() where references.byARN[arn] == nil {
            builder.note("\(resource.address): forwards to '\(arn)', which is no target group of this import; add it to 'balances' by hand")
        }
        if listeners.isEmpty { builder.note("\(resource.address): no listener of it is in the input, so what it balances is not known") }
        // The load balancer runs its target groups' health checks on their targets.
        fields.add("healthCheck", groups.sorted().compactMap { references.healthChecks[$0] }.first)
        fields.add("balances", strings: Array(Set(groups.compactMap { references.byARN[$0] })).sorted())
        let id = builder.add(.service, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("arn_suffix")])
        if let dns = values.text("dns_name") { references.byDNSName[Self.hostName(dns)] = id }
    }

    /// A DNS name compared without case, a trailing dot or Route 53's `dualstack.` prefix.
    static func hostName(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name.hasPrefix("dualstack.") { name.removeFirst("dualstack.".count) }
        return name
    }

    /// A hosted zone with its records; an alias to a load balancer of the import targets its service.
    mutating func hostedZone(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let zone = Self.hostName(values.text("name") ?? resource.address)
        let records = others("aws_route53_record", where: "zone_id", is: values.text("zone_id") ?? values.text("id"))
            .map { record($0.values, zone: zone) }
            .sorted { $0.rendered(pretty: false) < $1.rendered(pretty: false) }
        var fields = FieldList()
        fields.add("zone", zone)
        fields.add("provider", builder.provider(kind: "aws", region: "global"))
        if !records.isEmpty { fields.add("records", .array(records)) }
        builder.add(.dns, name: resource.address, address: resource.address, fields: fields)
    }

    private func record(_ values: JSONValue, zone: String) -> JSONOutput {
        let fullName = Self.hostName(values.text("name") ?? zone)
        let name = fullName == zone ? "@" : fullName.hasSuffix("." + zone) ? String(fullName.dropLast(zone.count + 1)) : fullName
        let aliases = values.blocks("alias").compactMap { $0.text("name").map(Self.hostName) }
        let targets = values.strings("records") + aliases.map { references.byDNSName[$0] ?? $0 }
        var fields = FieldList()
        fields.add("name", name)
        fields.add("type", values.text("type") ?? "A")
        fields.add("ttl", aliases.isEmpty ? values.integer("ttl") : nil)
        fields.add("targets", strings: targets)
        return fields.output
    }
}
