/// How code reaches the services it deploys: a trigger and a sequence of stages.
public struct Pipeline: Entity {
    public static let kind = EntityKind.pipeline

    public enum Trigger: Hashable, Sendable {
        case branch(String)
        case tag(String)
        case manual
    }

    public enum StageKind: String, CaseIterable, Sendable {
        case test, build, deploy, approve, verify, migrate
    }

    public enum Strategy: String, CaseIterable, Sendable {
        case restart, rolling
        case hotUpgrade = "hot-upgrade"
        case blueGreen = "blue-green"
        case recreate
    }

    /// What the pipeline deploys (format version 2).
    public enum Artifact: String, CaseIterable, Sendable {
        /// Built from this system's own code: its tests are ours to run.
        case built
        /// A vendor's release (a tagged tarball, a package, an image), tested by the vendor.
        case upstream
    }

    public struct Stage: Sendable {
        public let name: String?
        public let kind: StageKind
        public let environment: String?
        public let origin: Origin
    }

    public let id: String
    public let origin: Origin
    public let deploys: [String]
    public let trigger: Trigger?
    public let tool: String?
    public let stages: [Stage]
    public let strategy: Strategy?
    public let rollbackProcedure: String?
    public let artifact: Artifact?

    static let fields: [FieldSchema] = [
        .required("deploys", "what it deploys", .list(.reference([.service]))),
        .optional("trigger", "what starts it", .object(ObjectSchema("trigger", [
            .optional("branch", "a push to this branch", .text),
            .optional("tag", "a tag matching this", .text),
            .optional("manual", "a person starts it; write `true`", .boolean),
        ], exactlyOneOf: ["branch", "tag", "manual"]))),
        .optional("tool", "e.g. `capistrano`, `github-actions`", .text),
        .required("stages", "the steps, in order", .list(.object(ObjectSchema("stage", [
            .optional("name", "the stage's name", .text),
            .required("kind", "what the stage does", .choice(choices(StageKind.self))),
            .optional("environment", "the environment the stage acts on", .reference([.environment])),
        ])))),
        .optional("strategy", "how new code replaces old", .choice(choices(Strategy.self))),
        .optional("rollback", "how a bad release is undone", .object(ObjectSchema("rollback", [.optional("procedure", "how to roll back, or where it is written down", .text)]))),
        .optional("artifact", "what it deploys: `built` (built from this system's own code, the default) or `upstream` (a vendor's release — a tagged tarball, a package, an image — tested by its vendor, so no test stage of ours is expected)", .choice(choices(Artifact.self))).since(2),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id else { return nil }
        self.id = id
        self.origin = reader.origin
        self.deploys = reader.strings("deploys")
        self.trigger = reader.object("trigger") { trigger in
            if let branch = trigger.string("branch") { return .branch(branch) }
            if let tag = trigger.string("tag") { return .tag(tag) }
            return trigger.bool("manual") == true ? .manual : nil
        }
        self.tool = reader.string("tool")
        self.stages = reader.list("stages") { stage in
            stage.choice("kind", StageKind.self).map {
                Stage(name: stage.string("name"), kind: $0, environment: stage.string("environment"), origin: stage.origin)
            }
        }
        self.strategy = reader.choice("strategy", Strategy.self)
        self.rollbackProcedure = reader.object("rollback") { $0.string("procedure") }
        self.artifact = reader.choice("artifact", Artifact.self)
    }
}

extension Pipeline.StageKind: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

extension Pipeline.Strategy: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

extension Pipeline.Artifact: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}
