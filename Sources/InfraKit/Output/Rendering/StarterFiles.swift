import InfraJSON
import InfraModel

/// The files `infractl init` writes: a starter inventory with an example of every kind whose
/// description says what the kind is for, the configuration, and CI snippets that run
/// `infractl validate` on them. The starter passes `validate` with no finding on the day it is
/// written (its restore test and rotation are dated that day).
package struct StarterFiles {
    /// The system's name, as the inventory's `name` gives it.
    let name: String
    /// The inventory's file name without `.json`: the name as an id.
    let inventoryID: String
    let today: Day
    /// Where the CI snippets and the pre-commit configuration get infractl from.
    let infractlGit: String

    /// The git URL the snippets name when none is given: it says to replace it.
    package static let placeholderGit = "https://example.invalid/infractl.git"

    package init(name: String, inventoryID: String, today: Day, infractlGit: String?) {
        (self.name, self.inventoryID, self.today) = (name, inventoryID, today)
        self.infractlGit = infractlGit ?? Self.placeholderGit
    }

    /// Each file's path below the target directory and its contents, in the order written.
    package var files: [(path: String, text: String)] {
        [
            ("inventories/\(inventoryID).json", inventory + "\n"),
            ("schema/inventory.schema.json", JSONSchemaGenerator().rendered()),
            (".infractl.json", configuration),
            (".github/workflows/infractl.yml", githubWorkflow),
            (".gitlab/infractl.gitlab-ci.yml", gitlabJob),
            (".pre-commit-config.yaml", preCommit),
        ]
    }

    /// The command line every snippet runs, from the directory `init` wrote into.
    static let validateArguments = "validate inventories/"

    var inventory: String {
        let name = JSONOutput.string(self.name).rendered()
        return """
{
  "$schema": "../schema/inventory.schema.json",
  "infractl": 2,
  "name": \(name),
  "description": "A starter inventory written by 'infractl init'. Every entity below is an example of its kind, and its description says what the kind is for: replace them with what your system runs, and run 'infractl validate' as you go. docs/format.md of infractl is the reference; 'infractl import' writes entities from Terraform, Ansible, Kubernetes or Compose.",
  "owner": {"team": "ops", "contact": "ops@example.com"},
  "environments": [
    {"id": "production", "kind": "production", "domain": "www.example.com", "description": "An environment: where a copy of the system runs (production, staging, qa, development, demo). Every host, service and datastore names one."},
    {"id": "staging", "kind": "staging", "description": "The environment changes pass through before production: the pipeline below deploys here first."}
  ],
  "providers": [
    {"id": "aws-eu-west-1", "kind": "aws", "region": "eu-west-1", "description": "A provider: one failure domain, one company's service in one region. Hosts, managed datastores and load balancers live in one."},
    {"id": "aws-us-east-1", "kind": "aws", "region": "us-east-1", "description": "A second failure domain, so that backups are kept off-site."},
    {"id": "pagerduty", "kind": "pagerduty", "description": "An external service the system relies on (here, alerting); the kind is an open list."}
  ],
  "hosts": [
    {"id": "web-1", "environment": "production", "provider": "aws-eu-west-1", "zone": "eu-west-1a", "roles": ["web"], "os": {"name": "ubuntu", "version": "24.04"}, "managedBy": "terraform", "logRotation": true, "description": "A host: a machine, physical, virtual or a cloud instance, in its provider and zone."},
    {"id": "web-2", "environment": "production", "provider": "aws-eu-west-1", "zone": "eu-west-1b", "roles": ["web"], "os": {"name": "ubuntu", "version": "24.04"}, "managedBy": "terraform", "logRotation": true, "description": "A second web host in another zone: losing one zone leaves the service running."}
  ],
  "services": [
    {"id": "load-balancer", "environment": "production", "kind": "load-balancer", "provider": "aws-eu-west-1", "ports": [{"port": 443, "protocol": "https"}], "public": true, "tls": {"terminates": true}, "healthCheck": {"kind": "http", "path": "/health", "interval": "30s"}, "balances": ["app"], "description": "A service: a process, a load balancer or an external service. This managed load balancer runs on its provider, terminates TLS and checks its backends' health."},
    {"id": "app", "environment": "production", "kind": "web", "runsOn": ["web-1", "web-2"], "runtime": {"name": "python", "version": "3.12"}, "processes": {"manager": "gunicorn", "count": 4}, "supervisor": "systemd", "ports": [{"port": 8000, "protocol": "http"}], "healthCheck": {"kind": "http", "path": "/health", "interval": "30s"}, "dependsOn": [{"target": "database", "protocol": "postgres", "tls": true, "port": 5432, "purpose": "all application data"}], "description": "The application, on both web hosts, restarted by systemd, reaching its database over TLS."}
  ],
  "datastores": [
    {"id": "database", "environment": "production", "engine": "postgres", "version": "16", "hosting": {"provider": "aws-eu-west-1"}, "storage": {"model": "mutable", "sizeGiB": 20, "limitGiB": 100}, "objectives": {"rpo": "24h", "rto": "4h"}, "public": false, "encryption": {"atRest": true, "inTransit": true}, "description": "A datastore: where state lives. Say what losing it costs (objectives) and how it is protected (the backup below)."}
  ],
  "backups": [
    {"id": "database-nightly", "of": ["database"], "schedule": "0 2 * * *", "method": "pg_dump", "target": {"provider": "aws-us-east-1", "location": "s3://example-backups/database"}, "retention": {"daily": 14, "weekly": 8, "monthly": 12}, "encrypted": true, "notify": ["pager"], "restore": {"procedure": "docs/restore-database.md", "testedOn": "\(today)"}, "description": "A backup: a scheduled copy in another failure domain, kept for a while, whose failure someone hears about, and whose restore was tested (update testedOn when you test it)."}
  ],
  "monitors": [
    {"id": "uptime", "tool": "pingdom", "kind": "uptime", "watches": ["load-balancer", "app"], "checks": [{"metric": "response_time_ms", "condition": "< 2000"}], "alerts": [{"channel": "pager", "target": "pagerduty", "severity": "critical"}], "description": "A monitor: what watches the system and who it wakes up."},
    {"id": "hosts", "tool": "prometheus", "kind": "host", "watches": ["web-1", "web-2", "database"], "checks": [{"metric": "disk_free_percent", "condition": "< 10"}], "alerts": [{"channel": "pager", "target": "pagerduty", "severity": "high"}], "description": "Host and datastore metrics, alerting by pager."}
  ],
  "pipelines": [
    {"id": "deploy-app", "deploys": ["app"], "trigger": {"branch": "main"}, "tool": "github-actions", "stages": [{"kind": "test"}, {"kind": "deploy", "environment": "staging"}, {"kind": "verify", "environment": "staging"}, {"kind": "approve"}, {"kind": "migrate", "environment": "production"}, {"kind": "deploy", "environment": "production"}], "strategy": "rolling", "rollback": {"procedure": "redeploy the previous release tag"}, "description": "A pipeline: how code reaches the services it deploys, tested and through staging first."}
  ],
  "jobs": [
    {"id": "nightly-cleanup", "environment": "production", "schedule": "30 3 * * *", "runsOn": ["app"], "purpose": "delete expired sessions", "notify": ["chat"], "description": "A job: a scheduled task, where it runs and where its result is reported."}
  ],
  "secrets": [
    {"id": "database-password", "storage": "secrets-manager", "usedBy": ["app"], "environment": "production", "rotation": {"every": "12w", "lastRotated": "\(today)"}, "description": "Credentials are written down by where they are kept and who uses them, never by their value."}
  ],
  "dns": [
    {"id": "example-com", "zone": "example.com", "provider": "aws-eu-west-1", "records": [{"name": "www", "type": "Cexample", "ttl": 300, "targets": ["load-balancer"]}], "description": "A DNS zone and its records; a target that is an entity's id points at that entity."}
  ]
}
"""
    }

    var configuration: String {
        """
        {
          "rules": {},
          "thresholds": {"restoreTestMaxAge": "180d", "failoverTTL": 300, "storageLimitPercent": 80}
        }

        """
    }

    var githubWorkflow: String {
        """
        # Written by 'infractl init': checks the inventories on every push and pull request, with
        # findings as annotations on the changed lines.
        name: infractl
        on: [push, pull_request]
        env:
          INFRACTL_GIT: \(infractlGit)
        jobs:
          validate:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: swift-actions/setup-swift@v2
                with:
                  swift-version: "6.0"
              - name: Build infractl
                run: |
                  git clone --depth 1 "$INFRACTL_GIT" "$RUNNER_TEMP/infractl"
                  swift build -c release --package-path "$RUNNER_TEMP/infractl"
                  echo "$RUNNER_TEMP/infractl/.build/release" >> "$GITHUB_PATH"
              - run: infractl \(Self.validateArguments) --format github

        """
    }

    var gitlabJob: String {
        """
        # Written by 'infractl init'. Add it to .gitlab-ci.yml with:
        #   include:
        #     - local: .gitlab/infractl.gitlab-ci.yml
        infractl:
          image: swift:6.0
          variables:
            INFRACTL_GIT: \(infractlGit)
          script:
            - git clone --depth 1 "$INFRACTL_GIT" /tmp/infractl
            - swift build -c release --package-path /tmp/infractl
            - export PATH="/tmp/infractl/.build/release:$PATH"
            - infractl \(Self.validateArguments) --format junit --output infractl.xml --format text
          artifacts:
            when: always
            reports:
              junit: infractl.xml

        """
    }

    var preCommit: String {
        """
        # Written by 'infractl init': 'pre-commit install', then every commit that changes an
        # inventory runs infractl validate on it ('pre-commit run --all-files' checks them all).
        # infractl-validate builds infractl with Swift; infractl-validate-system uses one on PATH.
        repos:
          - repo: \(infractlGit)
            rev: main
            hooks:
              - id: infractl-validate

        """
    }
}
