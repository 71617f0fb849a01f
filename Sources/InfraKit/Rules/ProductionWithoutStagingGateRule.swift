import InfraModel

struct ProductionWithoutStagingGateRule: Rule {
    static let description = RuleDescription(
        identifier: "production-without-staging-gate",
        name: "Production without staging gate",
        family: .delivery,
        examines: [.pipeline],
        severity: .inProduction(.note),
        summary: "a pipeline that deploys to production without a non-production deploy before it",
        rationale: """
        A release that goes straight to production has never run with real configuration, real \
        migrations and a real deploy procedure: whatever tests cannot see (a missing environment \
        variable, a slow migration, a broken asset build) is found by users. A deploy to staging, QA \
        or another non-production environment first catches it. Staging often has a pipeline of its \
        own (main auto-deploys to staging, a tag is promoted to production); the inventory cannot say \
        which commit went where, so a pipeline elsewhere that deploys to a non-production environment \
        counts as the gate, and only a production path with no non-production deploy anywhere is reported.
        """,
        remediation: """
        Deploy every release to a staging (or QA) environment before production, in the same pipeline \
        or in a staging pipeline that production releases are promoted from, and record that deploy \
        stage with its environment.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1"]}],
            "pipelines": [{"id": "release", "deploys": ["app"], "stages": [
              {"kind": "test"}, ↓{"name": "deploy production", "kind": "deploy", "environment": "prod"},
              {"kind": "deploy", "environment": "staging"}
            ]}]
            """,
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "aws-us-east-1"}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1"]}],
            "pipelines": [
              {"id": "deploy", "deploys": ["app"], "stages": [{"kind": "test"}, {"kind": "build", "environment": "staging"}, ↓{"kind": "deploy"}]},
              {"id": "hotfix", "deploys": ["app"], "stages": [↓{"kind": "deploy", "environment": "prod"}]}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "linode-london"}, {"id": "qa-1", "environment": "staging", "provider": "linode-london"}],
            "services": [
              {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1"]},
              {"id": "app-qa", "environment": "staging", "kind": "web", "runsOn": ["qa-1"]}
            ],
            "pipelines": [{"id": "edeliver", "deploys": ["app-qa", "app"], "stages": [
              {"kind": "build"}, {"kind": "deploy", "environment": "staging"}, {"kind": "deploy", "environment": "prod"}
            ]}]
            """,
            """
            "hosts": [{"id": "prod-1", "environment": "prod", "provider": "aws-us-east-1"}, {"id": "staging-1", "environment": "staging", "provider": "aws-us-east-1"}],
            "services": [
              {"id": "prod-web", "environment": "prod", "kind": "web", "runsOn": ["prod-1"]},
              {"id": "staging-web", "environment": "staging", "kind": "web", "runsOn": ["staging-1"]}
            ],
            "pipelines": [
              {"id": "deploy-production", "deploys": ["prod-web"], "trigger": {"manual": true},
               "stages": [{"kind": "test"}, {"kind": "approve"}, {"kind": "deploy", "environment": "prod"}]},
              {"id": "deploy-staging", "deploys": ["staging-web"], "trigger": {"branch": "main"},
               "stages": [{"kind": "test"}, {"kind": "deploy"}]}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let pipelines = context.inventory.pipelines
        return pipelines.compactMap { pipeline in
            guard let (offset, stage) = context.index.firstProductionDeploy(of: pipeline) else { return nil }
            let gatedHere = pipeline.stages.prefix(offset).contains { context.index.deploysOutsideProduction($0, in: pipeline) }
            let gatedElsewhere = pipelines.contains { other in
                other.id != pipeline.id && other.stages.contains { context.index.deploysOutsideProduction($0, in: other) }
            }
            guard !gatedHere, !gatedElsewhere else { return nil }
            return context.finding(Self.description, message(pipeline, stage.label(at: offset)), entityID: pipeline.id,
                                   origin: stage.origin)
        }
    }

    private func message(_ pipeline: Pipeline, _ stage: String) -> String {
        "pipeline '\(pipeline.id)' deploys to production at stage '\(stage)' without deploying to a non-production environment first"
    }
}
