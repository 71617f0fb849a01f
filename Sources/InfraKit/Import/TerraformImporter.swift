import InfraJSON
import InfraModel

/// Reads `terraform show -json` — a state (`values.root_module`) or a saved plan
/// (`planned_values.root_module`), child modules included — into hosts, datastores, load
/// balancers, backups, monitors, secrets and DNS zones. The mappings are in the extensions
/// `TerraformAWS`, `TerraformAWSOperations` and `TerraformGoogleAzure`; resource types without one
/// are counted and listed.
struct TerraformImporter {
    let root: JSONValue

    /// One managed resource of the state or plan.
    struct Resource {
        let address: String
        let type: String
        let values: JSONValue
    }

    /// What later mappings look up in earlier ones: an AWS id, ARN or name to the entity written.
    struct References {
        var byAWSID: [String: String] = [:]
        var byARN: [String: String] = [:]
        var byName: [String: String] = [:]
        /// Target group ARN to the hosts behind it.
        var targets: [String: [String]] = [:]
        /// Load balancer DNS name to its service.
        var byDNSName: [String: String] = [:]
        /// Target group ARN to its health check, which the load balancers forwarding to it run.
        var healthChecks: [String: JSONOutput] = [:]
    }

    func read(into builder: inout ImportBuilder) {
        guard let module = root["values"]?["root_module"] ?? root["planned_values"]?["root_module"] else {
            builder.note("no 'values.root_module' or 'planned_values.root_module': this is not the output of 'terraform show -json', or the state is empty")
            return
        }
        var resources: [Resource] = []
        var dataSources = 0
        Self.collect(module, into: &resources, dataSources: &dataSources)
        if dataSources > 0 { builder.note("\(dataSources) data source(s) read by the configuration are not entities and were not imported") }
        var mapping = Mapping(all: resources.sorted { $0.address < $1.address })
        mapping.run(&builder)
    }

    /// The managed resources of `module` and its child modules; data sources only counted.
    private static func collect(_ module: JSONValue, into resources: inout [Resource], dataSources: inout Int) {
        for resource in module.blocks("resources") {
            guard let address = resource.text("address"), let type = resource.text("type") else { continue }
            if resource.text("mode") == "data" {
                dataSources += 1
                continue
            }
            resources.append(Resource(address: address, type: type, values: resource["values"] ?? resource))
        }
        for child in module.blocks("child_modules") { collect(child, into: &resources, dataSources: &dataSources) }
    }

    /// One pass over the resources, in phases so that what a mapping refers to is written first.
    struct Mapping {
        let all: [Resource]
        var references = References()

        init(all: [Resource]) { self.all = all }

        mutating func run(_ builder: inout ImportBuilder) {
            for resource in all {
                Self.checkCredentials(resource, &builder)
                if Self.phase(of: resource.type) == nil, !Self.readWithOthers.contains(resource.type) {
                    builder.unmapped(type: resource.type, address: resource.address)
                }
            }
            for phase in 0...3 {
                for resource in all where Self.phase(of: resource.type) == phase { map(resource, &builder) }
            }
        }

        /// When a type is mapped: compute first, then what runs on it, then what refers to both.
        static func phase(of type: String) -> Int? {
            switch type {
            case "aws_instance", "aws_autoscaling_group", "google_compute_instance", "azurerm_linux_virtual_machine": 0
            case "aws_db_instance", "aws_rds_cluster", "aws_elasticache_cluster", "aws_elasticache_replication_group",
                 "aws_s3_bucket", "aws_secretsmanager_secret", "aws_lb_target_group",
                 "google_sql_database_instance", "google_storage_bucket", "azurerm_postgresql_flexible_server": 1
            case "aws_lb": 2
            case "aws_backup_plan", "aws_cloudwatch_metric_alarm", "aws_route53_zone": 3
            default: nil
            }
        }

        /// Types read as part of another resource's mapping (a bucket's versioning, a listener of a
        /// load balancer), so not listed as unmapped.
        static let readWithOthers: Set<String> = [
            "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block", "aws_s3_bucket_object_lock_configuration",
            "aws_s3_bucket_server_side_encryption_configuration", "aws_lb_listener", "aws_lb_target_group_attachment",
            "aws_autoscaling_attachment", "aws_backup_vault", "aws_backup_selection", "aws_route53_record",
            "aws_secretsmanager_secret_version", "aws_secretsmanager_secret_rotation", "aws_sns_topic", "aws_sns_topic_subscription",
        ]

        private mutating func map(_ resource: Resource, _ builder: inout ImportBuilder) {
            switch resource.type {
            case "aws_instance": instance(resource, &builder)
            case "aws_autoscaling_group": autoscalingGroup(resource, &builder)
            case "aws_db_instance": databaseInstance(resource, &builder)
            case "aws_rds_cluster": databaseCluster(resource, &builder)
            case "aws_elasticache_cluster", "aws_elasticache_replication_group": cache(resource, &builder)
            case "aws_s3_bucket": bucket(resource, &builder)
            case "aws_secretsmanager_secret": secret(resource, &builder)
            case "aws_lb_target_group": targetGroup(resource, &builder)
            case "aws_lb": loadBalancer(resource, &builder)
            case "aws_backup_plan": backupPlan(resource, &builder)
            case "aws_cloudwatch_metric_alarm": alarm(resource, &builder)
            case "aws_route53_zone": hostedZone(resource, &builder)
            case "google_compute_instance": googleInstance(resource, &builder)
            case "google_sql_database_instance": googleDatabase(resource, &builder)
            case "google_storage_bucket": googleBucket(resource, &builder)
            case "azurerm_linux_virtual_machine": azureMachine(resource, &builder)
            case "azurerm_postgresql_flexible_server": azurePostgres(resource, &builder)
            default: break
            }
        }

        /// The resources of `type` whose `key` is `value` (a bucket's versioning, a zone's records).
        func others(_ type: String, where key: String, is value: String?) -> [Resource] {
            guard let value else { return [] }
            return all.filter { $0.type == type && $0.values.text(key) == value }
        }

        /// Values that are a secret whatever they hold (a Secrets Manager version's).
        private static let secretValues: Set<String> = ["secret_string", "secret_binary"]

        /// A top-level value of a resource that holds a credential in plain text: reported, never copied.
        private static func checkCredentials(_ resource: Resource, _ builder: inout ImportBuilder) {
            for member in resource.values.members {
                guard let value = member.value.string, !value.isEmpty else { continue }
                // By name only: a state is full of ids and hashes that look like keys to a shape scan.
                let named = CredentialScanner.isCredentialName(member.name) && CredentialScanner.isLiteralSecret(value)
                guard named || Self.secretValues.contains(member.name) else { continue }
                builder.note("\(resource.address): '\(member.name)' holds a credential in plain text in the Terraform state; it was not copied (keep it out of the state, or protect the state like the secret)")
            }
        }
    }
}

extension TerraformImporter.Mapping {
    /// The region in an ARN (`arn:aws:rds:eu-west-1:...`), else of an availability zone, else `region`.
    static func awsRegion(_ values: JSONValue) -> String? {
        if let arn = values.text("arn"), let region = region(ofARN: arn) { return region }
        if let zone = values.text("availability_zone"), zone.count > 1 { return String(zone.dropLast()) }
        return values.text("region")
    }

    static func region(ofARN arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 3, !parts[3].isEmpty else { return nil }
        return String(parts[3])
    }

    /// `"03:00-04:00"` (a backup window) or `"03:00"` as cron at its start; nil when not that shape.
    static func dailyCron(at window: String?) -> String? {
        guard let window else { return nil }
        let parts = window.prefix(5).split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return "\(minute) \(hour) * * *"
    }

    /// A number of days as a duration, nil when not positive.
    static func days(_ count: Int?) -> String? {
        guard let count, count > 0 else { return nil }
        return "\(count)d"
    }
}
