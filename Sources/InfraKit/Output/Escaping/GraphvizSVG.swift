/// What of Graphviz's SVG the HTML page may hold: its `<svg>` element, checked.
///
/// `DOTRenderer` gives Graphviz only `DOTText`'s escaped strings, so its SVG holds our drawing and
/// escaped text. The page still takes it only when every element is one Graphviz draws with
/// (no `script`, `foreignObject`, `a`, `image`, `use`) and no attribute is an event handler, a
/// link or a style; comments are dropped, and `#` in text is written `&#35;` as `HTMLText` writes
/// it. Anything else and the page falls back to the built-in layout.
enum GraphvizSVG {
    static let elements: Set<String> = ["svg", "g", "title", "text", "polygon", "polyline", "path", "ellipse", "defs",
                                        "linearGradient", "radialGradient", "stop"]

    /// The checked `<svg>` element of `document`, or nil when it holds anything else.
    static func checked(_ document: String) -> String? {
        let bytes = Array(document.utf8)
        guard let start = find(Array("<svg".utf8), in: bytes, from: 0) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count - start)
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "<") else {
                // A reference Graphviz wrote (`&#35;` in a title) is copied whole, its `#` kept.
                if byte == UInt8(ascii: "&"), let end = bytes[position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) {
                    output += bytes[position...end]
                    position = end + 1
                    continue
                }
                if byte == UInt8(ascii: "#") { output += "&#35;".utf8 } else { output.append(byte) }
                position += 1
                continue
            }
            if bytes[position...].starts(with: "<!--".utf8) {
                guard let end = find(Array("-->".utf8), in: bytes, from: position + 4) else { return nil }
                position = end + 3
                continue
            }
            guard let end = bytes[position...].firstIndex(of: UInt8(ascii: ">")),
                  isAllowedTag(bytes[(position + 1)..<end]) else { return nil }
            output += bytes[position...end]
            position = end + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the inside of `<...>` is an allowed element's start or end tag with allowed attributes.
    static func isAllowedTag(_ tag: ArraySlice<UInt8>) -> Bool {
        var rest = tag.drop { $0 == UInt8(ascii: "/") }
        let name = rest.prefix { isNameByte($0) }
        guard elements.contains(String(decoding: name, as: UTF8.self)) else { return false }
        rest = rest.dropFirst(name.count)
        while true {
            rest = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            if rest.isEmpty || rest.elementsEqual("/".utf8) { return true }
            let attribute = rest.prefix { isNameByte($0) }
            guard !attribute.isEmpty, isAllowedAttribute(String(decoding: attribute, as: UTF8.self).lowercased()) else { return false }
            rest = rest.dropFirst(attribute.count)
            guard rest.first == UInt8(ascii: "="), let quote = rest.dropFirst().first,
                  quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return false }
            rest = rest.dropFirst(2)
            guard let close = rest.firstIndex(of: quote) else { return false }
            rest = rest[(close + 1)...]
        }
    }

    private static func isAllowedAttribute(_ name: String) -> Bool {
        !(name.hasPrefix("on") || name.hasSuffix("href") || name == "style" || name.hasPrefix("xml:base"))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: "_")
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
