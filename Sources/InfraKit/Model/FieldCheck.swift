/// What the schema walk checks of one field's values, flattened out of its `FieldType`.
///
/// Walking a `FieldType` copies its payload (the lists of kinds and words, the nested schemas) and
/// counts a reference on it at every value; a check is plain data read from its schema's table, so
/// a valid value costs no reference at all. `FieldType` stays the one definition: a value a check
/// does not accept is walked against its `FieldType` again, which says what is wrong with it. A
/// check may leave a valid value to that walk (an escaped string, a fraction), never the reverse.
struct FieldCheck {
    enum Code: UInt8 {
        /// Left to the full walk: constants, schedules, durations or objects, lists of lists.
        case other
        case text, boolean, integer, number, choice, openChoice, identifier, reference, referenceOrLiteral, duration, date
        /// An object of `schema`, walked key by key.
        case object
    }

    /// The check of the value, or of each element when `isList`.
    let code: Code
    let isList: Bool
    /// `reference`, `referenceOrLiteral`: the kinds of entity the id may name (`EntityKind.bit`).
    let kinds: UInt16
    /// `integer`: the values allowed.
    let range: ClosedRange<Int>
    /// `number`: the smallest value allowed.
    let minimum: Double
    /// `choice`: where its words are among the schema's words (`ObjectSchema.words(of:)`).
    let words: Range<Int>
    /// `object`: the object's schema. Not counted: the field's type holds it as long as the schema
    /// holding this check lives. Held unretained, so that walking into it counts no reference either
    /// (an `unowned(unsafe)` one is counted while it is used).
    let schema: Unmanaged<ObjectSchema>? // buys: walking into nested objects without reference counts (~4% with the schema tables, BENCHMARKS issue 20)

    /// A check that accepts nothing, so every value gets the full walk.
    static let none = FieldCheck(.version(0)) { _ in 0..<0 }

    /// The check of `type`; `addWords` stores the words of a choice and says where they went.
    init(_ type: FieldType, addWords: ([String]) -> Range<Int>) {
        var code = Code.other
        var kinds: UInt16 = 0
        var range = 0...0
        var minimum = 0.0
        var words = 0..<0
        var schema: ObjectSchema?
        var isList = false
        var type = type
        if case .list(let element) = type {
            isList = true
            type = element
        }
        switch type {
        case .text: code = .text
        case .boolean: code = .boolean
        case .integer(let allowed): (code, range) = (.integer, allowed)
        case .number(let lowest): (code, minimum) = (.number, lowest)
        case .choice(let allowed): (code, words) = (.choice, addWords(allowed))
        case .openChoice: code = .openChoice
        case .identifier: code = .identifier
        case .reference(let allowed): (code, kinds) = (.reference, EntityKind.bits(allowed))
        case .referenceOrLiteral(let allowed): (code, kinds) = (.referenceOrLiteral, EntityKind.bits(allowed))
        case .duration: code = .duration
        case .date: code = .date
        case .object(let nested): (code, schema) = (.object, nested)
        case .version, .schedule, .durationOrObject, .list: code = .other
        }
        self.code = code
        self.isList = isList
        self.kinds = kinds
        self.range = range
        self.minimum = minimum
        self.words = words
        self.schema = schema.map(Unmanaged.passUnretained) // buys: as `schema`
    }
}

extension EntityKind {
    /// This kind as one bit of a set of kinds (`FieldCheck.kinds`).
    var bit: UInt16 {
        switch self {
        case .environment: 1 << 0
        case .provider: 1 << 1
        case .host: 1 << 2
        case .cluster: 1 << 3
        case .service: 1 << 4
        case .datastore: 1 << 5
        case .backup: 1 << 6
        case .monitor: 1 << 7
        case .pipeline: 1 << 8
        case .job: 1 << 9
        case .secret: 1 << 10
        case .dns: 1 << 11
        case .waiver: 1 << 12
        }
    }

    static func bits(_ kinds: [EntityKind]) -> UInt16 {
        kinds.reduce(0) { $0 | $1.bit }
    }
}
