import InfraJSON
import InfraModel

/// Kubernetes Services, Ingresses, CronJobs, volumes and Secrets.
extension KubernetesMapping {
    /// A Service balances the workloads it selects; Kubernetes sends traffic only to ready pods, so
    /// their readiness probe is its health check.
    mutating func service(_ object: Object, _ builder: inout ImportBuilder) {
        let selected = objects.filter { KubernetesImporter.workloadKinds.contains($0.kind) && $0.namespace == object.namespace
            && Self.selects(object.spec?["selector"], $0) }
        let backends = selected.compactMap { workloads["\($0.namespace)/\($0.name)"] }
        let type = object.spec?.text("type") ?? "ClusterIP"
        var fields = FieldList()
        fields.add("environment", environment(object, &builder))
        fields.add("kind", "load-balancer")
        fields.add("provider", provider(&builder))
        let ports = (object.spec?.blocks("ports") ?? []).compactMap { port in
            port.integer("port").map { FieldList.port($0, port.text("protocol")) }
        }
        if !ports.isEmpty { fields.add("ports", .array(ports)) }
        fields.add("public", type == "LoadBalancer" || type == "NodePort")
        fields.add("healthCheck", backends.compactMap { $0.check }.first)
        fields.add("balances", strings: backends.map { $0.id }.sorted())
        let id = builder.add(.service, name: "\(object.namespace).svc.\(object.name)", address: object.address, fields: fields)
        services["\(object.namespace)/\(object.name)"] = (id, backends.compactMap { $0.check }.first)
    }

    mutating func ingress(_ object: Object, _ builder: inout ImportBuilder) {
        let rules = object.spec?.blocks("rules") ?? []
        let names = rules.flatMap { $0["http"]?.blocks("paths") ?? [] }.compactMap { $0["backend"]?["service"]?.text("name") }
            + [object.spec?["defaultBackend"]?["service"]?.text("name")].compactMap { $0 }
        let backends = Set(names).sorted().compactMap { services["\(object.namespace)/\($0)"] }
        let terminates = !(object.spec?.blocks("tls") ?? []).isEmpty
        var fields = FieldList()
        fields.add("environment", environment(object, &builder))
        fields.add("kind", "load-balancer")
        fields.add("provider", provider(&builder))
        fields.add("ports", .array([FieldList.port(80, "http")] + (terminates ? [FieldList.port(443, "https")] : [])))
        fields.add("public", true)
        fields.add("tls", .object([("terminates", .bool(terminates))]))
        fields.add("healthCheck", backends.compactMap { $0.check }.first)
        fields.add("balances", strings: backends.map { $0.id })
        builder.add(.service, name: "\(object.namespace).ingress.\(object.name)", address: object.address, fields: fields)
    }

    mutating func cronJob(_ object: Object, _ builder: inout ImportBuilder) {
        guard let schedule = object.spec?.text("schedule"), case .success = Schedule.parse(schedule) else {
            builder.note("\(object.address): schedule '\(object.spec?.text("schedule") ?? "")' is not one infractl reads; the job was not written")
            return
        }
        var fields = FieldList()
        fields.add("environment", environment(object, &builder))
        fields.add("schedule", schedule)
        builder.add(.job, name: "\(object.namespace).cronjob.\(object.name)", address: object.address, fields: fields)
    }

    mutating func claim(_ object: Object, _ builder: inout ImportBuilder) {
        volume(object.value, of: object, image: nil, &builder)
    }

    /// A volume claim as a datastore: its engine guessed from the image of the StatefulSet that
    /// claims it (`postgres:16` is postgres), else `volume`; its size from the request.
    mutating func volume(_ claim: JSONValue, of object: Object, image: String?, _ builder: inout ImportBuilder) {
        let claimName = claim["metadata"]?.text("name") ?? object.name
        let (engine, version) = ImageEngine.guess(image)
        var fields = FieldList()
        fields.add("environment", environment(object, &builder))
        fields.add("engine", engine ?? "volume")
        fields.add("version", version)
        fields.add("hosting", .object([("provider", .string(provider(&builder)))]))
        fields.add("storage") { $0.add("sizeGiB", claim["spec"]?["resources"]?["requests"]?.text("storage").flatMap(Quantity.gibibytes).map(JSONOutput.double)) }
        let name = object.kind == "PersistentVolumeClaim" ? "\(object.namespace).pvc.\(claimName)" : "\(object.namespace).\(object.name).\(claimName)"
        builder.add(.datastore, name: name, address: object.kind == "PersistentVolumeClaim" ? object.address : "\(object.address)/\(claimName)", fields: fields)
    }

    /// A Secret by reference: the platform keeps it; the workloads that read it use it. Its data is never read.
    mutating func secret(_ object: Object, _ builder: inout ImportBuilder) {
        let users = workloads.values.filter { workload in
            Self.secretNames(workload.object).contains(object.name) && workload.object.namespace == object.namespace
        }
        var fields = FieldList()
        fields.add("storage", "platform-settings")
        fields.add("usedBy", strings: users.map { $0.id }.sorted())
        fields.add("environment", environment(object, &builder))
        builder.add(.secret, name: "\(object.namespace).secret.\(object.name)", address: object.address, fields: fields)
    }

    /// The Secrets a workload's pods read: environment references, `envFrom` and volumes.
    static func secretNames(_ workload: Object) -> Set<String> {
        let pod = workload.spec?["template"]?["spec"]
        let containers = pod?.blocks("containers") ?? []
        let fromEnv = containers.flatMap { $0.blocks("env") }.compactMap { $0["valueFrom"]?["secretKeyRef"]?.text("name") }
        let fromEnvFrom = containers.flatMap { $0.blocks("envFrom") }.compactMap { $0["secretRef"]?.text("name") }
        let fromVolumes = (pod?.blocks("volumes") ?? []).compactMap { $0["secret"]?.text("secretName") }
        return Set(fromEnv + fromEnvFrom + fromVolumes)
    }

    /// Environment variables written into the manifest whose value is a credential: reported, and
    /// written as a secret kept in source, never by value.
    func plainCredentials(_ containers: [JSONValue], of object: Object, usedBy id: String, _ builder: inout ImportBuilder) {
        for variable in containers.flatMap({ $0.blocks("env") }) {
            guard let name = variable.text("name"), let value = variable.text("value"),
                  CredentialScanner.isCredentialName(name) && CredentialScanner.isLiteralSecret(value) || !CredentialScanner.scan(value).isEmpty else { continue }
            builder.note("\(object.address): environment variable '\(name)' holds a credential in plain text in the manifest; it was not copied")
            var fields = FieldList()
            fields.add("storage", "source-code")
            fields.add("usedBy", strings: [id])
            builder.add(.secret, name: "\(id).env.\(name)", address: "\(object.address)/env/\(name)", fields: fields)
        }
    }
}
