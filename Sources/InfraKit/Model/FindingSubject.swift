/// What a structural finding calls the thing being checked: "host 'web-1'", "hosts[3]", "the inventory".
///
/// Kept as its parts and rendered only when a finding is reported: checking a valid entity, the
/// common case, builds no text for it.
package enum FindingSubject: CustomStringConvertible, ExpressibleByStringLiteral {
    /// An entity with a valid id.
    case entity(EntityKind, id: String)
    /// An entity without a valid id, by its position in its array.
    case element(EntityKind, position: Int)
    /// Anything else, by name ("the inventory", "the configuration").
    case named(String)

    package init(stringLiteral name: String) {
        self = .named(name)
    }

    package var description: String {
        switch self {
        case .entity(let kind, let id): "\(kind.noun) '\(id)'"
        case .element(let kind, let position): "\(kind.arrayKey)[\(position)]"
        case .named(let name): name
        }
    }
}
