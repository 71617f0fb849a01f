import InfraJSON
import InfraModel

/// Terraform's AWS Backup plans, CloudWatch alarms and Secrets Manager secrets.
extension TerraformImporter.Mapping {
    /// One backup per rule of a plan, of what the plan's selections name; one more per copy action,
    /// whose target is the destination vault's region (so a cross-region copy counts as off-site).
    mutating func backupPlan(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let selections = others("aws_backup_selection", where: "plan_id", is: values.text("id"))
        let arns = selections.flatMap { $0.values.strings("resources") }
        let covered = Array(Set(arns.compactMap { references.byARN[$0] })).sorted()
        for arn in arns where references.byARN[arn] == nil {
            builder.note("\(resource.address): selects '\(arn)', which is no resource of this import; add it to the backup's 'of' by hand")
        }
        guard !covered.isEmpty else {
            builder.note("\(resource.address): its selections name no imported resource, so no backup was written")
            return
        }
        for rule in values.blocks("rule").sorted(by: { ($0.text("rule_name") ?? "") < ($1.text("rule_name") ?? "") }) {
            backupRule(rule, of: covered, resource, &builder)
        }
    }

    private mutating func backupRule(_ rule: JSONValue, of covered: [String], _ resource: Resource, _ builder: inout ImportBuilder) {
        let name = "\(resource.address).\(rule.text("rule_name") ?? "rule")"
        guard let schedule = Self.cron(fromAWS: rule.text("schedule")) else {
            builder.note("\(name): schedule '\(rule.text("schedule") ?? "")' is not one infractl can read; that rule was not written")
            return
        }
        let vault = others("aws_backup_vault", where: "name", is: rule.text("target_vault_name")).first
        let region = vault.flatMap { Self.awsRegion($0.values) } ?? Self.awsRegion(resource.values)
        var fields = FieldList()
        fields.add("of", strings: covered)
        fields.add("schedule", schedule)
        fields.add("method", "provider")
        fields.add("target", .object([("provider", .string(builder.provider(kind: "aws", region: region)))]
                   + (rule.text("target_vault_name").map { [("location", JSONOutput.string($0))] } ?? [])))
        fields.add("retention", Self.days(rule.block("lifecycle")?.integer("delete_after")))
        fields.add("encrypted", vault?.values.text("kms_key_arn") != nil ? true : nil)
        builder.add(.backup, name: name, address: resource.address, fields: fields)
        for copy in rule.blocks("copy_action") {
            guard let destination = copy.text("destination_vault_arn") else { continue }
            var copied = FieldList()
            copied.add("of", strings: covered)
            copied.add("schedule", schedule)
            copied.add("method", "provider")
            copied.add("target", .object([("provider", .string(builder.provider(kind: "aws", region: Self.region(ofARN: destination)))),
                                          ("location", .string(destination))]))
            copied.add("retention", Self.days(copy.block("lifecycle")?.integer("delete_after")))
            builder.add(.backup, name: "\(name).copy", address: resource.address, fields: copied)
        }
    }

    /// AWS's six-field cron, `cron(0 5 ? * * *)`, as five-field cron (the year dropped, `?` as `*`);
    /// `rate(1 day)` as an interval. Nil for what cannot be said in the format.
    static func cron(fromAWS expression: String?) -> String? {
        guard let expression else { return nil }
        if expression.hasPrefix("rate("), expression.hasSuffix(")") {
            let parts = expression.dropFirst(5).dropLast().split(separator: " ")
            guard parts.count == 2, let count = Int(parts[0]), count > 0, let unit = parts[1].first,
                  "mhd".contains(unit) else { return nil }
            return "every \(count)\(unit)"
        }
        guard expression.hasPrefix("cron("), expression.hasSuffix(")") else { return nil }
        let fields = expression.dropFirst(5).dropLast().split(separator: " ").map { $0 == "?" ? "*" : String($0) }
        guard fields.count == 6, fields[5] == "*" else { return nil }
        let cron = fields.prefix(5).joined(separator: " ")
        guard case .success = Schedule.parse(cron) else { return nil }
        return cron
    }

    /// An alarm: what its dimensions name, its metric and threshold, and the channels of the SNS
    /// topics it notifies (by their subscriptions' protocols); unknown channels are left out.
    mutating func alarm(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        var watched: [String] = []
        for dimension in values.entries("dimensions") {
            guard let name = dimension.value.string else { continue }
            if let id = references.byAWSID[name] ?? references.byName[name] ?? references.byName["asg:" + name] {
                watched.append(id)
            } else {
                builder.note("\(resource.address): its dimension \(dimension.name) = '\(name)' names no resource of this import; add what it watches by hand")
            }
        }
        var fields = FieldList()
        fields.add("tool", "cloudwatch")
        fields.add("kind", "metrics")
        fields.add("watches", strings: Array(Set(watched)).sorted())
        if let metric = values.text("metric_name") {
            var check = FieldList()
            check.add("metric", metric)
            check.add("condition", Self.condition(values.text("comparison_operator"), values["threshold"]?.numberText))
            fields.add("checks", .array([check.output]))
        }
        let alerts = values.strings("alarm_actions").flatMap(alerts(topic:))
        if !alerts.isEmpty { fields.add("alerts", .array(alerts)) }
        builder.add(.monitor, name: resource.address, address: resource.address, fields: fields)
    }

    private func alerts(topic arn: String) -> [JSONOutput] {
        let topic = arn.split(separator: ":").last.map(String.init) ?? arn
        return others("aws_sns_topic_subscription", where: "topic_arn", is: arn).compactMap { subscription in
            guard let channel = Self.channel(ofSNS: subscription.values.text("protocol")) else { return nil }
            return .object([("channel", .string(channel)), ("target", .string(topic))])
        }
    }

    static func channel(ofSNS protocolName: String?) -> String? {
        switch protocolName {
        case "email", "email-json": "email"
        case "sms": "sms"
        case "http", "https", "lambda", "sqs", "firehose", "application": "webhook"
        default: nil
        }
    }

    static func condition(_ comparison: String?, _ threshold: String?) -> String? {
        guard let threshold else { return nil }
        let symbol: String? = switch comparison {
        case "GreaterThanThreshold": ">"
        case "GreaterThanOrEqualToThreshold": ">="
        case "LessThanThreshold": "<"
        case "LessThanOrEqualToThreshold": "<="
        default: nil
        }
        return symbol.map { "\($0) \(threshold.hasSuffix(".0") ? String(threshold.dropLast(2)) : threshold)" }
    }

    /// A secret by reference: where it is kept and how often it rotates, never its value.
    mutating func secret(_ resource: Resource, _ builder: inout ImportBuilder) {
        let values = resource.values
        let rotation = others("aws_secretsmanager_secret_rotation", where: "secret_id", is: values.text("id")).first?.values
            .block("rotation_rules") ?? (values.flag("rotation_enabled") == true ? values.block("rotation_rules") : nil)
        var fields = FieldList()
        fields.add("storage", "secrets-manager")
        fields.add("environment", builder.environment())
        fields.add("rotation") { $0.add("every", Self.days(rotation?.integer("automatically_after_days"))) }
        let id = builder.add(.secret, name: resource.address, address: resource.address, fields: fields)
        remember(id, values, names: [values.text("name")])
    }
}
