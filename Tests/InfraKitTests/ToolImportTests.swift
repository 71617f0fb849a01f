import Foundation
import Testing
import InfraKit

/// `infractl import ansible|kubernetes|compose`: one test per mapping.
@Suite struct ToolImportTests {
    // MARK: Ansible (a real `ansible-inventory --list` output)

    @Test func test_ansibleHostsCarryGroupsAsRolesAndTheirAddress() throws {
        let imported = try runImport("ansible", "ansible-inventory-list.json", ["--provider", "hetzner"])
        #expect(imported.ids(.host) == ["db1.example.net", "db2.example.net", "mon.example.net", "web1.example.net", "web2.example.net"])
        #expect(imported.field("web1.example.net", "roles") == "[\"web\"]")
        #expect(imported.field("web1.example.net", "addresses") == "{\"public\":\"203.0.113.11\"}")
        #expect(imported.field("db1.example.net", "addresses") == "{\"private\":\"10.0.0.21\"}")
        #expect(imported.field("web1.example.net", "accounts") == #"[{"name":"deploy","purpose":"ansible connection"}]"#)
        #expect(imported.field("web1.example.net", "managedBy") == "\"ansible\"")
        #expect(imported.field("web1.example.net", "provider") == "\"hetzner\"")
        #expect(imported.field("web1.example.net", "environment") == "\"production\"")
    }

    @Test func test_ansibleCredentialVariablesAreSecretsByReference() throws {
        let imported = try runImport("ansible", "ansible-inventory-list.json")
        #expect(imported.field("ansible-var.app_secret_key", "storage") == "\"inventory\"")
        #expect(imported.field("ansible-var.app_secret_key", "usedBy") == "[\"web1.example.net\",\"web2.example.net\"]")
        #expect(imported.field("ansible-var.postgres_replication_password", "storage") == "\"ansible-vault\"")
        #expect(!imported.run.stdout.contains("q8Zr2LmX7vTn4KpW9sYb3HcJ6fDg1AeU"))
        #expect(!imported.run.stdout.contains("ANSIBLE_VAULT"))
        #expect(imported.run.stderr.contains("variable 'app_secret_key' holds a credential in plain text"))
        #expect(imported.run.stderr.contains("provider 'unknown'"))
    }

    // MARK: Kubernetes

    @Test func test_kubernetesWorkloadsAreServicesRunByThePlatform() throws {
        let imported = try runImport("kubernetes", "kubectl-shop-list.json")
        #expect(imported.field("shop.web", "kind") == "\"web\"")
        #expect(imported.field("shop.worker", "kind") == "\"worker\"")
        #expect(imported.field("shop.web", "processes") == "{\"count\":3}")
        #expect(imported.field("shop.web", "supervisor") == "\"platform\"")
        #expect(imported.field("shop.web", "healthCheck") == #"{"kind":"http","path":"/healthz","interval":"10s"}"#)
        #expect(imported.field("shop.web", "resources") == #"{"cpus":0.5,"memoryGiB":0.5}"#)
        #expect(imported.field("shop.web", "tags") == "[\"disruption-budget\"]")
        #expect(imported.field("monitoring.node-exporter", "processes") == "")
    }

    @Test func test_kubernetesServicesAndIngressesBalanceWhatTheySelect() throws {
        let imported = try runImport("kubernetes", "kubectl-shop-list.json")
        #expect(imported.field("shop.svc.web", "balances") == "[\"shop.web\"]")
        #expect(imported.field("shop.svc.web", "public") == "false")
        #expect(imported.field("shop.svc.web", "healthCheck", "path") == "\"/healthz\"")
        #expect(imported.field("shop.ingress.web", "balances") == "[\"shop.svc.web\"]")
        #expect(imported.field("shop.ingress.web", "tls") == "{\"terminates\":true}")
    }

    @Test func test_kubernetesCronJobsVolumesAndSecrets() throws {
        let imported = try runImport("kubernetes", "kubectl-shop-list.json")
        #expect(imported.field("shop.cronjob.nightly-report", "schedule") == "\"0 3 * * *\"")
        #expect(imported.entity("shop.cronjob.cleanup") == nil)
        #expect(imported.run.stderr.contains("CronJob/shop/cleanup: schedule"))
        #expect(imported.field("shop.postgres.data", "engine") == "\"postgres\"")
        #expect(imported.field("shop.postgres.data", "version") == "\"16.2\"")
        #expect(imported.field("shop.postgres.data", "storage") == "{\"sizeGiB\":20}")
        #expect(imported.field("shop.pvc.uploads", "engine") == "\"volume\"")
        #expect(imported.field("shop.secret.db-credentials", "usedBy") == "[\"shop.postgres\",\"shop.web\",\"shop.worker\"]")
        #expect(imported.field("shop.web.env.stripe_api_key", "storage") == "\"source-code\"")
        #expect(!imported.run.stdout.contains("WnE4dlIybVhrNFRuN0xwVw"))
        #expect(!imported.run.stdout.contains("sk_live_"))
        #expect(imported.run.stderr.contains("not imported (no mapping): 1 ConfigMap: ConfigMap/shop/web-config"))
    }

    // MARK: Compose

    @Test func test_composeServicesRunOnOneDockerHost() throws {
        let imported = try runImport("compose", "compose-config.json")
        #expect(imported.ids(.host) == ["shop.docker-host"])
        #expect(imported.field("web", "kind") == "\"web\"")
        #expect(imported.field("web", "ports") == #"[{"port":80,"protocol":"tcp"}]"#)
        #expect(imported.field("web", "supervisor") == "\"platform\"")
        #expect(imported.field("web", "dependsOn") == #"[{"target":"db"},{"target":"redis"}]"#)
        #expect(imported.field("web", "processes") == "{\"count\":2}")
        #expect(imported.field("worker", "supervisor") == "\"none\"")
        #expect(imported.field("admin", "public") == "")
    }

    @Test func test_composeDatabaseImagesAreDatastoresAndVolumesTooWhenNotTheirs() throws {
        let imported = try runImport("compose", "compose-config.json")
        #expect(imported.field("db", "engine") == "\"postgres\"")
        #expect(imported.field("db", "public") == "true")
        #expect(imported.field("redis", "engine") == "\"redis\"")
        #expect(imported.ids(.datastore) == ["db", "redis", "volume.uploads"])
    }

    @Test func test_composeSecretsByReferenceAndCredentialsNotCopied() throws {
        let imported = try runImport("compose", "compose-config.json")
        #expect(imported.field("secret.secret_key_base", "storage") == "\"dotfile\"")
        #expect(imported.field("secret.secret_key_base", "usedBy") == "[\"web\"]")
        #expect(imported.field("db.env.postgres_password", "usedBy") == "[\"db\"]")
        #expect(!imported.run.stdout.contains("Zq8vR2mXk4Tn7LpW"))
        #expect(imported.run.stderr.contains("not imported (no mapping): 2 network: networks.backend, networks.frontend"))
    }

    @Test func test_everyImporterWritesAnInventoryWithoutStructuralFindings() throws {
        for (source, file) in [("terraform", "terraform-aws-estate.json"), ("terraform", "terraform-plan-multicloud.json"),
                               ("ansible", "ansible-inventory-list.json"), ("kubernetes", "kubectl-shop-list.json"),
                               ("compose", "compose-config.json")] {
            let run = runCLI(["import", source, importFixture(file)])
            let decoded = try decode(run.stdout)
            #expect(decoded.findings.isEmpty, "\(file): \(decoded.findings.map(\.message))")
            #expect(!run.stderr.contains("warning:"))
        }
    }

    @Test func test_wrongToolsOutputIsSaidNotGuessed() {
        let run = runCLI(["import", "compose", importFixture("ansible-inventory-list.json")])
        #expect(run.stderr.contains("this is not the output of 'docker compose config --format json'"))
        let unknown = runCLI(["import", "pulumi", importFixture("compose-config.json")])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("unknown import source 'pulumi'"))
    }

    @Test func test_hostileTextInAnInputCannotActOnTheTerminalOrTheFile() throws {
        let directory = try TemporaryDirectory()
        let state = #"""
            {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "aws_instance.a\u001b]0;owned\u0007", "mode": "managed", "type": "aws_instance", "name": "a",
               "values": {"availability_zone": "eu-west-1a\u001b[2J", "private_ip": "10.0.0.1\n::error::forged"}},
              {"address": "x.b", "mode": "managed", "type": "evil\n::error::type\u001b[31m", "name": "b", "values": {}}
            ]}}}
            """#
        let file = try directory.write("hostile.json", state)
        let run = runCLI(["import", "terraform", file])
        #expect(run.code == 0)
        for text in [run.stdout, run.stderr] {
            #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
            #expect(!text.split(separator: "\n").contains { $0.hasPrefix("::") })
        }
        #expect(run.stdout.contains("\\u001b[2J"))
        #expect(try decode(run.stdout).findings.isEmpty)
    }

    @Test func test_aCredentialInACopiedValueIsWrittenRedacted() throws {
        let directory = try TemporaryDirectory()
        let key = "AKIA" + "IOSFODNN7" + "EXAMPLQ"
        let state = """
            {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "aws_route53_zone.z", "mode": "managed", "type": "aws_route53_zone", "name": "z",
               "values": {"name": "example.com", "zone_id": "Z1"}},
              {"address": "aws_route53_record.txt", "mode": "managed", "type": "aws_route53_record", "name": "txt",
               "values": {"name": "example.com", "type": "TXT", "ttl": 300, "zone_id": "Z1", "records": ["key=\(key)"]}}
            ]}}}
            """
        let run = runCLI(["import", "terraform", try directory.write("state.json", state)])
        #expect(run.code == 0)
        #expect(!run.stdout.contains(key))
        #expect(!run.stderr.contains(key))
        #expect(run.stdout.contains("redacted"))
        #expect(run.stderr.contains("aws_route53_zone.z.records.targets: a value that looks like a credential was written redacted"))
        #expect(try decode(run.stdout).findings.isEmpty)
    }

    /// Each fixture's whole import, standard output and standard error, as a golden: a change to a
    /// mapping shows in the diff (`INFRACTL_RECORD=1` rewrites them).
    @Test(arguments: [("terraform", "terraform-aws-estate.json"), ("terraform", "terraform-plan-multicloud.json"),
                      ("ansible", "ansible-inventory-list.json"), ("kubernetes", "kubectl-shop-list.json"),
                      ("compose", "compose-config.json")])
    func test_importMatchesItsGolden(source: String, file: String) throws {
        let run = runCLI(["import", source, importFixture(file)])
        let name = String(file.dropLast(".json".count))
        try expectGolden(run.stdout, at: "Tests/InfraKitTests/Goldens/import/\(name).json")
        try expectGolden(run.stderr, at: "Tests/InfraKitTests/Goldens/import/\(name).stderr")
    }
}
