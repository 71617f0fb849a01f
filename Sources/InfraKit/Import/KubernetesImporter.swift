import InfraJSON

/// Reads `kubectl get ... -o json` (a `List`, or one object): Deployments, StatefulSets and
/// DaemonSets as services run by the platform, Services and Ingresses as load balancers of what
/// they select, CronJobs as jobs, PersistentVolumeClaims (and StatefulSets' claim templates) as
/// datastores, PodDisruptionBudgets as a tag on what they protect, Secrets by reference only.
struct KubernetesImporter {
    let root: JSONValue

    /// One object of the list, with what every mapping needs.
    struct Object {
        let kind: String
        let name: String
        let namespace: String
        let value: JSONValue

        var address: String { "\(kind)/\(namespace)/\(name)" }
        var spec: JSONValue? { value["spec"] }
    }

    static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet"]

    func read(into builder: inout ImportBuilder) {
        let items = root.text("kind") == "List" || root["items"] != nil ? root.blocks("items") : [root]
        let objects = items.compactMap(Self.object).sorted { ($0.kind, $0.namespace, $0.name) < ($1.kind, $1.namespace, $1.name) }
        var mapping = KubernetesMapping(objects: objects)
        mapping.run(&builder)
    }

    private static func object(_ value: JSONValue) -> Object? {
        guard let kind = value.text("kind"), let name = value["metadata"]?.text("name") else { return nil }
        return Object(kind: kind, name: name, namespace: value["metadata"]?.text("namespace") ?? "default", value: value)
    }
}

/// The mappings of `KubernetesImporter`, in order: workloads first, then what selects them.
struct KubernetesMapping {
    typealias Object = KubernetesImporter.Object
    let objects: [Object]
    /// Workload (namespace, name) to its service id and readiness check.
    var workloads: [String: (id: String, object: Object, check: JSONOutput?)] = [:]
    var services: [String: (id: String, check: JSONOutput?)] = [:]

    init(objects: [Object]) { self.objects = objects }

    mutating func run(_ builder: inout ImportBuilder) {
        for object in objects {
            switch object.kind {
            case "Deployment", "StatefulSet", "DaemonSet": workload(object, &builder)
            case "Service", "Ingress", "CronJob", "PersistentVolumeClaim", "Secret", "PodDisruptionBudget": break
            default: builder.unmapped(type: object.kind, address: object.address)
            }
        }
        for object in objects where object.kind == "Service" { service(object, &builder) }
        for object in objects {
            switch object.kind {
            case "Ingress": ingress(object, &builder)
            case "CronJob": cronJob(object, &builder)
            case "PersistentVolumeClaim": claim(object, &builder)
            case "Secret": secret(object, &builder)
            default: break
            }
        }
    }

    func provider(_ builder: inout ImportBuilder) -> String {
        builder.provider(kind: builder.defaultProvider ?? "kubernetes", region: nil)
    }

    func environment(_ object: Object, _ builder: inout ImportBuilder) -> String {
        builder.environment(ImportID.environmentName(object.namespace))
    }

    private mutating func workload(_ object: Object, _ builder: inout ImportBuilder) {
        let pod = object.spec?["template"]?["spec"]
        let containers = pod?.blocks("containers") ?? []
        let check = containers.lazy.compactMap { Self.probe($0.block("readinessProbe") ?? $0.block("livenessProbe")) }.first
        let selected = objects.contains { $0.kind == "Service" && $0.namespace == object.namespace && Self.selects($0.spec?["selector"], object) }
        var fields = FieldList()
        fields.add("environment", environment(object, &builder))
        fields.add("kind", selected ? "web" : "worker")
        fields.add("provider", provider(&builder))
        fields.add("supervisor", "platform")
        if object.kind != "DaemonSet" { fields.add("processes") { $0.add("count", object.spec?.integer("replicas") ?? 1) } }
        let ports = containers.flatMap { $0.blocks("ports") }.compactMap { port in
            port.integer("containerPort").map { FieldList.port($0, port.text("protocol")) }
        }
        if !ports.isEmpty { fields.add("ports", .array(ports)) }
        fields.add("healthCheck", check)
        fields.add("resources", Self.resources(containers))
        let budgets = objects.filter { $0.kind == "PodDisruptionBudget" && $0.namespace == object.namespace && Self.selects($0.spec?["selector"]?["matchLabels"], object) }
        fields.add("tags", strings: budgets.isEmpty ? [] : ["disruption-budget"])
        let id = builder.add(.service, name: "\(object.namespace).\(object.name)", address: object.address, fields: fields)
        workloads["\(object.namespace)/\(object.name)"] = (id, object, check)
        plainCredentials(containers, of: object, usedBy: id, &builder)
        for template in object.spec?.blocks("volumeClaimTemplates") ?? [] { volume(template, of: object, image: containers.first?.text("image"), &builder) }
    }

    /// Whether `selector` (labels to match) picks the pods of `workload`.
    static func selects(_ selector: JSONValue?, _ workload: Object) -> Bool {
        guard let selector, !selector.members.isEmpty,
              let labels = workload.spec?["template"]?["metadata"]?["labels"] else { return false }
        return selector.members.allSatisfy { labels.text($0.name) == $0.value.string }
    }

    static func probe(_ probe: JSONValue?) -> JSONOutput? {
        guard let probe else { return nil }
        var fields = FieldList()
        if let http = probe.block("httpGet") {
            fields.add("kind", (http.text("scheme") ?? "HTTP").lowercased())
            fields.add("path", http.text("path"))
        } else {
            fields.add("kind", probe["tcpSocket"] != nil ? "tcp" : probe["grpc"] != nil ? "grpc" : "exec")
        }
        fields.add("interval", "\(probe.integer("periodSeconds") ?? 10)s")
        return fields.output
    }

    /// The pod's requested CPUs and memory (GiB), summed over its containers.
    static func resources(_ containers: [JSONValue]) -> JSONOutput? {
        let requests = containers.compactMap { $0["resources"]?["requests"] }
        let cpus = requests.compactMap { $0.text("cpu").flatMap(Quantity.cpus) }
        let memory = requests.compactMap { $0.text("memory").flatMap(Quantity.gibibytes) }
        var fields = FieldList()
        if !cpus.isEmpty { fields.add("cpus", .double(cpus.reduce(0, +))) }
        if !memory.isEmpty { fields.add("memoryGiB", .double(memory.reduce(0, +))) }
        return fields.members.isEmpty ? nil : fields.output
    }
}
