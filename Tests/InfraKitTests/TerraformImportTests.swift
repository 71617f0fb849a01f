import Foundation
import Testing
@testable import InfraImport

/// `infractl import terraform`: one test per resource mapping, on state and plan fixtures.
@Suite struct TerraformImportTests {
    let estate: ImportRun
    let multicloud: ImportRun

    init() throws {
        estate = try runImport("terraform", "terraform-aws-estate.json")
        multicloud = try runImport("terraform", "terraform-plan-multicloud.json")
    }

    @Test func test_instanceIsAHostInItsZoneAndRegion() {
        #expect(estate.field("aws_instance.web_a", "zone") == "\"eu-west-1a\"")
        #expect(estate.field("aws_instance.web_b", "zone") == "\"eu-west-1b\"")
        #expect(estate.field("aws_instance.web_a", "provider") == "\"aws-eu-west-1\"")
        #expect(estate.field("aws_instance.web_a", "managedBy") == "\"terraform\"")
        #expect(estate.field("aws_instance.web_a", "source") == "\"terraform:aws_instance.web_a\"")
        #expect(estate.field("aws-eu-west-1", "region") == "\"eu-west-1\"")
    }

    @Test func test_autoscalingGroupIsItsDesiredHostsSpreadOverItsZones() {
        let hosts = multicloud.ids(.host).filter { $0.hasPrefix("module.api.aws_autoscaling_group.api") }
        #expect(hosts == ["module.api.aws_autoscaling_group.api-1", "module.api.aws_autoscaling_group.api-2", "module.api.aws_autoscaling_group.api-3"])
        #expect(multicloud.field(hosts[0], "zone") == "\"us-east-1a\"")
        #expect(multicloud.field(hosts[1], "zone") == "\"us-east-1b\"")
        #expect(multicloud.field("module.api.aws_lb_target_group.api", "runsOn") == "[\"\(hosts[0])\",\"\(hosts[1])\",\"\(hosts[2])\"]")
    }

    @Test func test_dbInstanceKeepsEngineMultiAZAndItsAutomatedSnapshots() {
        #expect(estate.field("aws_db_instance.main", "engine") == "\"postgres\"")
        #expect(estate.field("aws_db_instance.main", "tags") == "[\"multi-az\"]")
        #expect(estate.field("aws_db_instance.main", "hosting") == "{\"provider\":\"aws-eu-west-1\"}")
        #expect(estate.field("aws_db_instance.main.automated-snapshots", "retention") == "\"7d\"")
        #expect(estate.field("aws_db_instance.main.automated-snapshots", "schedule") == "\"30 2 * * *\"")
        // Retention 0: no automated backup, so the rules find the datastore unprotected.
        #expect(estate.entity("aws_db_instance.reporting.automated-snapshots") == nil)
        #expect(estate.field("aws_db_instance.reporting", "tags") == "[\"single-az\"]")
    }

    @Test func test_dbInstancePasswordIsReportedNeverCopied() {
        #expect(estate.run.stderr.contains("aws_db_instance.main: 'password' holds a credential"))
        #expect(estate.run.stderr.contains("aws_secretsmanager_secret_version.db: 'secret_string' holds a credential"))
        #expect(!estate.run.stdout.contains("Zq8vR2mXk4Tn7LpW"))
    }

    @Test func test_rdsClusterIsAuroraAcrossItsZones() {
        #expect(multicloud.field("module.api.aws_rds_cluster.orders", "engine") == "\"aurora\"")
        #expect(multicloud.field("module.api.aws_rds_cluster.orders", "tags") == "[\"multi-az\"]")
        #expect(multicloud.field("module.api.aws_rds_cluster.orders.automated-snapshots", "retention") == "\"14d\"")
    }

    @Test func test_elastiCacheKeepsEngineEncryptionAndZones() {
        #expect(estate.field("aws_elasticache_replication_group.sessions", "engine") == "\"redis\"")
        #expect(estate.field("aws_elasticache_replication_group.sessions", "encryption") == "{\"atRest\":true,\"inTransit\":true}")
        #expect(multicloud.field("module.api.aws_elasticache_cluster.cache", "engine") == "\"memcached\"")
        #expect(multicloud.field("module.api.aws_elasticache_cluster.cache", "tags") == "[\"single-az\"]")
    }

    @Test func test_s3BucketReadsVersioningAndPublicAccessBlock() {
        #expect(estate.field("aws_s3_bucket.assets", "engine") == "\"s3\"")
        #expect(estate.field("aws_s3_bucket.assets", "tags") == "[\"versioning\"]")
        #expect(estate.field("aws_s3_bucket.assets", "public") == "false")
    }

    @Test func test_loadBalancerBalancesItsTargetGroupWithItsHealthCheck() {
        #expect(estate.field("aws_lb.web", "kind") == "\"load-balancer\"")
        #expect(estate.field("aws_lb.web", "balances") == "[\"aws_lb_target_group.web\"]")
        #expect(estate.field("aws_lb.web", "tls") == "{\"terminates\":true}")
        #expect(estate.field("aws_lb.web", "public") == "true")
        #expect(estate.field("aws_lb.web", "healthCheck", "path") == "\"/health\"")
        #expect(estate.field("aws_lb_target_group.web", "runsOn") == "[\"aws_instance.web_a\",\"aws_instance.web_b\"]")
        #expect(estate.field("aws_lb_target_group.web", "healthCheck", "interval") == "\"30s\"")
    }

    @Test func test_route53ZoneRecordsAndAliasToTheLoadBalancer() {
        #expect(estate.field("aws_route53_zone.shop", "zone") == "\"shop.example.com\"")
        #expect(estate.field("aws_route53_zone.shop", "records") == #"[{"name":"@","type":"MX","ttl":3600,"targets":["10 mx.example.net"]},{"name":"www","type":"A","targets":["aws_lb.web"]}]"#)
    }

    @Test func test_backupPlanRuleAndCrossRegionCopy() {
        #expect(estate.field("aws_backup_plan.daily.daily", "of") == "[\"aws_db_instance.main\",\"aws_s3_bucket.assets\"]")
        #expect(estate.field("aws_backup_plan.daily.daily", "schedule") == "\"0 5 * * *\"")
        #expect(estate.field("aws_backup_plan.daily.daily", "retention") == "\"35d\"")
        #expect(estate.field("aws_backup_plan.daily.daily", "encrypted") == "true")
        #expect(estate.field("aws_backup_plan.daily.daily.copy", "target", "provider") == "\"aws-us-east-1\"")
        #expect(estate.field("aws_backup_plan.daily.daily.copy", "retention") == "\"90d\"")
    }

    @Test func test_awsCronBecomesFiveFieldCron() {
        #expect(TerraformImporter.Mapping.cron(fromAWS: "cron(0 5 ? * * *)") == "0 5 * * *")
        #expect(TerraformImporter.Mapping.cron(fromAWS: "rate(12 hours)") == "every 12h")
        #expect(TerraformImporter.Mapping.cron(fromAWS: "cron(0 5 ? * * 2025)") == nil)
    }

    @Test func test_cloudWatchAlarmWatchesByDimensionAndAlertsBySubscription() {
        #expect(estate.field("aws_cloudwatch_metric_alarm.db_cpu", "watches") == "[\"aws_db_instance.main\"]")
        #expect(estate.field("aws_cloudwatch_metric_alarm.db_cpu", "checks") == #"[{"metric":"CPUUtilization","condition":"> 80"}]"#)
        #expect(estate.field("aws_cloudwatch_metric_alarm.db_cpu", "alerts") == #"[{"channel":"email","target":"shop-ops"}]"#)
        #expect(estate.field("aws_cloudwatch_metric_alarm.web_5xx", "watches") == "[\"aws_lb.web\"]")
    }

    @Test func test_secretsManagerSecretByReferenceWithRotation() {
        #expect(estate.field("aws_secretsmanager_secret.db", "storage") == "\"secrets-manager\"")
        #expect(estate.field("aws_secretsmanager_secret.db", "rotation") == "{\"every\":\"30d\"}")
    }

    @Test func test_unknownTypesAndDataSourcesAreCountedAndListed() {
        #expect(estate.run.stderr.contains("not imported (no mapping): 1 aws_iam_role: aws_iam_role.backup"))
        #expect(estate.run.stderr.contains("not imported (no mapping): 1 aws_security_group: aws_security_group.web"))
        #expect(estate.run.stderr.contains("1 data source(s)"))
        #expect(estate.run.stderr.contains("2 resource(s) of 2 type(s) not imported"))
    }

    @Test func test_googleComputeInstanceIsAHost() {
        #expect(multicloud.field("google_compute_instance.app", "provider") == "\"gcp-europe-west1\"")
        #expect(multicloud.field("google_compute_instance.app", "addresses") == #"{"public":"34.76.1.2","private":"10.132.0.5"}"#)
    }

    @Test func test_cloudSQLInstanceWithItsBackups() {
        #expect(multicloud.field("google_sql_database_instance.main", "engine") == "\"postgres\"")
        #expect(multicloud.field("google_sql_database_instance.main", "version") == "\"15\"")
        #expect(multicloud.field("google_sql_database_instance.main.automated-backups", "retention") == "{\"daily\":14}")
        #expect(multicloud.field("google_sql_database_instance.main.automated-backups", "target", "provider") == "\"gcp-eu\"")
    }

    @Test func test_googleStorageBucket() {
        #expect(multicloud.field("google_storage_bucket.media", "engine") == "\"gcs\"")
        #expect(multicloud.field("google_storage_bucket.media", "public") == "false")
        #expect(multicloud.field("google_storage_bucket.media", "tags") == "[\"versioning\"]")
    }

    @Test func test_azureLinuxMachineIsAHostAndItsPasswordIsNotCopied() {
        #expect(multicloud.field("azurerm_linux_virtual_machine.worker", "provider") == "\"azure-westeurope\"")
        #expect(multicloud.field("azurerm_linux_virtual_machine.worker", "zone") == "\"2\"")
        #expect(multicloud.run.stderr.contains("'admin_password' holds a credential"))
        #expect(!multicloud.run.stdout.contains("Xk4Tn7LpWZq8vR2m"))
    }

    @Test func test_azurePostgresWithGeoRedundantBackups() {
        #expect(multicloud.field("azurerm_postgresql_flexible_server.main", "storage") == "{\"sizeGiB\":64}")
        #expect(multicloud.field("azurerm_postgresql_flexible_server.main.automated-backups", "target", "provider") == "\"azure-westeurope-paired\"")
    }

    @Test func test_outputIsDeterministic() {
        let again = runCLI(["import", "terraform", importFixture("terraform-aws-estate.json")])
        #expect(again.stdout == estate.run.stdout)
    }

    @Test func test_malformedInputStopsWithItsLocation() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("state.json", "{\n  \"values\": [1,]\n}\n")
        let run = runCLI(["import", "terraform", file])
        #expect(run.code == 2)
        #expect(run.stderr.contains("state.json:2:"))
        #expect(run.stdout.isEmpty)
    }
}
