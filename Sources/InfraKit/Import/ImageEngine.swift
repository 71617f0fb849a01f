/// The datastore engine an image runs, by the image's name: `postgres:16-alpine` is postgres 16.
enum ImageEngine {
    static let engines: [(String, String)] = [
        ("postgres", "postgres"), ("postgis", "postgres"), ("mysql", "mysql"), ("mariadb", "mysql"), ("redis", "redis"),
        ("valkey", "redis"), ("mongo", "mongodb"), ("couchdb", "couchdb"), ("elasticsearch", "elasticsearch"),
        ("opensearch", "elasticsearch"), ("memcached", "memcached"), ("cassandra", "cassandra"), ("rabbitmq", "rabbitmq"),
    ]

    static func guess(_ image: String?) -> (engine: String?, version: String?) {
        guard let image else { return (nil, nil) }
        let last = image.split(separator: "/").last.map(String.init) ?? image
        let parts = last.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts[0].split(separator: "@").first.map(String.init) ?? parts[0]
        guard let engine = engines.first(where: { name == $0.0 || name.hasPrefix($0.0 + "-") })?.1 else { return (nil, nil) }
        let tag = parts.count > 1 ? parts[1].split(separator: "-").first.map(String.init) : nil
        return (engine, tag.flatMap { $0.first?.isNumber == true ? $0 : nil })
    }
}
