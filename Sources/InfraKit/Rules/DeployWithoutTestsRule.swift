import InfraModel

struct DeployWithoutTestsRule: Rule {
    static let description = RuleDescription(
        identifier: "deploy-without-tests",
        name: "Deploy without tests",
        family: .delivery,
        examines: [.pipeline],
        severity: .inProduction(.warning),
        summary: "a pipeline that deploys to production with no test stage before it",
        rationale: """
        A pipeline that can put code into production without running the test suite first ships every \
        regression the tests would have caught, and users find it instead of CI. Tests run after the \
        deploy, or only in some other pipeline, do not stop the release. A deploy stage that names no \
        environment counts as production when every service the pipeline deploys is in production.
        """,
        remediation: """
        Add a `test` stage (the test suite, in CI) before the production deploy stage, and make the \
        deploy depend on it passing. A pipeline that installs a vendor's tested release rather than \
        code built here says so with `"artifact": "upstream"` (format version 2).
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1"]}],
            "pipelines": [{"id": "cap-deploy", "deploys": ["app"], "stages": [
              {"kind": "build"},
              ↓{"name": "cap production deploy", "kind": "deploy", "environment": "prod"},
              {"kind": "deploy", "environment": "prod"},
              {"kind": "test"}
            ]}]
            """,
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "linode-london"}, {"id": "qa-1", "environment": "staging", "provider": "linode-london"}],
            "services": [
              {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1"]},
              {"id": "app-qa", "environment": "staging", "kind": "web", "runsOn": ["qa-1"]}
            ],
            "pipelines": [
              {"id": "edeliver", "deploys": ["app-qa", "app"], "stages": [
                {"kind": "build"}, {"kind": "deploy", "environment": "staging"}, {"kind": "verify", "environment": "staging"},
                ↓{"kind": "deploy", "environment": "prod"}
              ]},
              {"id": "hotfix", "deploys": ["app"], "stages": [↓{"kind": "deploy"}]}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "aws-us-east-1"}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1"]}],
            "pipelines": [{"id": "release", "deploys": ["app"], "trigger": {"manual": true}, "stages": [
              {"name": "pr-lint-and-rspec", "kind": "test"}, {"kind": "approve"}, {"kind": "deploy", "environment": "prod"}
            ]}]
            """,
            """
            "hosts": [{"id": "dev-1", "environment": "staging", "provider": "linode-london"}, {"id": "app-1", "environment": "prod", "provider": "linode-london"}],
            "services": [
              {"id": "app-staging", "environment": "staging", "kind": "web", "runsOn": ["dev-1"]},
              {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1"]}
            ],
            "pipelines": [
              {"id": "git-deploy", "deploys": ["app-staging"], "stages": [{"kind": "deploy"}, {"kind": "migrate"}]},
              {"id": "unknown-target", "deploys": ["app-staging", "app"], "stages": [{"kind": "deploy"}]}
            ]
            """,
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "forum", "environment": "prod", "kind": "web", "runsOn": ["app-1"]}],
            "pipelines": [{"id": "upgrade", "deploys": ["forum"], "trigger": {"manual": true}, "artifact": "upstream",
                           "stages": [{"name": "fetch the release tag", "kind": "build"}, {"kind": "deploy", "environment": "prod"}]}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.pipelines.compactMap { pipeline in
            // A vendor's release was tested by the vendor; later production deploys repeat the same
            // gap: the first one is the finding.
            guard pipeline.artifact != .upstream, let (offset, stage) = context.index.firstProductionDeploy(of: pipeline),
                  !pipeline.stages.prefix(offset).contains(where: { $0.kind == .test }) else { return nil }
            return context.finding(Self.description, message(pipeline, stage.label(at: offset)), entityID: pipeline.id,
                                   origin: stage.origin)
        }
    }

    private func message(_ pipeline: Pipeline, _ stage: String) -> String {
        "pipeline '\(pipeline.id)' deploys to production at stage '\(stage)' with no test stage before it"
    }
}
