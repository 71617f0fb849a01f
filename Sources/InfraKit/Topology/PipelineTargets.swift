import InfraModel

extension InventoryIndex {
    /// The environment a pipeline stage acts on: the stage's own, or, when it names none and every
    /// service the pipeline deploys lives in one environment, that one. Nil when it is unknown.
    public func environment(of stage: Pipeline.Stage, in pipeline: Pipeline) -> String? {
        if let environment = stage.environment { return environment }
        let deployed = Set(pipeline.deploys.compactMap { services[$0]?.environment })
        return deployed.count == 1 ? deployed.first : nil
    }

    /// Whether the stage deploys into a production environment.
    public func deploysToProduction(_ stage: Pipeline.Stage, in pipeline: Pipeline) -> Bool {
        guard stage.kind == .deploy, let environment = environment(of: stage, in: pipeline) else { return false }
        return environments[environment]?.isProduction == true
    }

    /// Whether the stage deploys into a known environment that is not production.
    public func deploysOutsideProduction(_ stage: Pipeline.Stage, in pipeline: Pipeline) -> Bool {
        guard stage.kind == .deploy, let environment = environment(of: stage, in: pipeline),
              let known = environments[environment] else { return false }
        return !known.isProduction
    }

    /// The first stage that deploys into production, with its position.
    public func firstProductionDeploy(of pipeline: Pipeline) -> (offset: Int, stage: Pipeline.Stage)? {
        pipeline.stages.enumerated().first { deploysToProduction($0.element, in: pipeline) }
            .map { (offset: $0.offset, stage: $0.element) }
    }
}

extension Pipeline.Stage {
    /// How messages name a stage: its name, or its kind and position.
    public func label(at offset: Int) -> String {
        name ?? "\(kind.rawValue) (stage \(offset + 1))"
    }
}
