/// The checks the decoder makes while it reads an inventory. Each has its own rule id so that
/// every output format, configuration and waiver treats structural problems like any other finding.
public enum StructuralRule: String, CaseIterable, Sendable {
    case formatVersion = "format-version"
    case wrongType = "wrong-type"
    case missingField = "missing-field"
    case unknownKey = "unknown-key"
    case duplicateKey = "duplicate-key"
    case invalidEnum = "invalid-enum"
    case invalidValue = "invalid-value"
    case invalidID = "invalid-id"
    case duplicateID = "duplicate-id"
    case danglingReference = "dangling-reference"
    case wrongReferenceKind = "wrong-reference-kind"
    case invalidDuration = "invalid-duration"
    case invalidDate = "invalid-date"
    case invalidSchedule = "invalid-schedule"

    public var identifier: String { rawValue }

    public var summary: String {
        switch self {
        case .formatVersion: "the `infractl` format version is missing or not supported"
        case .wrongType: "a value has the wrong JSON type (a string where an array belongs, ...)"
        case .missingField: "a required field is missing"
        case .unknownKey: "a key the format does not define (with a \"did you mean\" suggestion)"
        case .duplicateKey: "the same key appears twice in one object"
        case .invalidEnum: "a value outside a closed list of allowed values"
        case .invalidValue: "a value of the right type that is out of range or inconsistent"
        case .invalidID: "an id that is not lowercase letters, digits, '.', '_' and '-'"
        case .duplicateID: "two entities share an id (ids are unique across the whole file)"
        case .danglingReference: "a reference to an id no entity has"
        case .wrongReferenceKind: "a reference to an entity of the wrong kind"
        case .invalidDuration: "a duration that is not an integer and one unit of s, m, h, d, w"
        case .invalidDate: "a date that is not a real YYYY-MM-DD day"
        case .invalidSchedule: "a schedule that is not cron, @hourly/@daily/@midnight/@weekly/@monthly or 'every N<unit>'"
        }
    }
}
