import InfraJSON

/// Where a piece of the model came from: its JSON value and its field path inside the entity.
///
/// Rules use it to point a finding at the field that caused it (`origin.location(of: "tls")`)
/// and to give the finding a path (`dependsOn[2].tls`) that does not change when lines move.
public struct Origin: Sendable {
    public let value: JSONValue
    /// Field path from the entity, empty for the entity itself.
    public let path: String

    public init(value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    /// The location of `key`'s value, or of this object when the key is absent.
    public func location(of key: String? = nil) -> Location {
        if let key, let member = value[key] { return member.location }
        return value.location
    }

    /// The field path of `key` inside this object.
    public func path(of key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    public func child(_ key: String) -> Origin? {
        value[key].map { Origin(value: $0, path: path(of: key)) }
    }
}
