import InfraJSON
import InfraModel

package struct CredentialLiteralRule: InventoryOnlyRule {
    package init() {}

    package static let description = RuleDescription(
        identifier: "credential-literal",
        name: "Credential literal",
        family: .security,
        examines: EntityKind.allCases,
        cost: 0.15,
        severity: .fixed(.error),
        summary: "a credential written into the inventory itself (key block, access key id, password, token)",
        rationale: """
        The inventory lives in a repository that many people and every CI job can read; a credential \
        written into it is leaked the moment it is committed. infractl reports where it is and a \
        redacted form with a short fingerprint, never the value, so the report itself is safe to share.
        """,
        remediation: """
        Remove the value, rotate the credential (it must be treated as leaked), and describe the secret \
        as a `secrets` entity that says where it is stored instead.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "aws-us-east-1",
                       "description": "deploy key ↓AKIAIOSFODNN7EXAMPLE is in the user data"}]
            """,
            """
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web"],
                          "description": "connects with ↓DB_PASSWORD=s3cr3t-Passw0rd"}],
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london",
                       "tags": [↓"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA\\n-----END RSA PRIVATE KEY-----"]}]
            """,
            """
            "secrets": [{"id": "django", "storage": "source-code", "description": "settings.py: ↓SECRET_KEY = 'q8Zr2LmX7vTn4KpW9sYb3HcJ6fDg1AeU'"}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "secrets": [{"id": "db", "storage": "vault", "description": "password comes from ${DB_PASSWORD} at boot"}]
            """,
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london",
                       "description": "built from commit bf1c8e4a1204405d9289c786c89a76424185048a; export DO_API_TOKEN=YOUR_TOKEN"}]
            """,
        ],
        precision: .medium,
        securitySeverity: 9.5
    )

    package func check(_ inventory: Inventory) -> [Finding] {
        var findings: [Finding] = []
        guard let document = inventory.document else { return [] }
        // One stack for every walk: grown afresh for each of a large inventory's entities, it was
        // reallocated a few times per entity.
        var frames: [Frame] = []
        for member in document.root.memberSequence {
            guard let kind = EntityKind(arrayKey: member.name), member.value.kind == .array else {
                scan(member.value, under: [.key(member.name)], entityID: nil, frames: &frames, into: &findings)
                continue
            }
            for (index, element) in member.value.elementSequence.enumerated() {
                let id = element[kind == .waiver ? "target" : "id"]?.string
                scan(element, under: [], entityID: id ?? "\(kind.arrayKey)[\(index)]", frames: &frames, into: &findings)
            }
        }
        return findings
    }

    /// A container on the walk's stack: its children and how many of them were entered. The child
    /// entered last gives the container's step in the path.
    /// An object or array being walked: its children are read off the tape one at a time, so the
    /// walk allocates nothing per container.
    private struct Frame {
        let isObject: Bool
        let count: Int
        /// Children entered so far.
        var entered = 0
        /// Tape index of the next child (its key, for an object).
        var next: Int
        /// Tape index of the key of the member entered last.
        var lastKey = 0

        init(_ container: JSONNode, at index: Int) {
            isObject = container.kind == .object
            count = Int(container.count)
            next = index + 1
        }

        func step(in document: JSONDocument) -> PathStep {
            isObject ? .key(JSONValue(document: document, index: lastKey).string ?? "") : .index(entered - 1)
        }
    }

    /// Walks `root`, with `frames` as the stack of the containers the walk is inside (emptied first).
    ///
    /// The walk reads the tape's nodes and the file's bytes through their stable addresses rather
    /// than through a `JSONValue` for each: a value counts a reference on the document, and with a
    /// few hundred thousand values in a large inventory that counting cost more than the scan itself.
    /// Values are made only for what a finding needs (its path, its decoded text). The container
    /// being walked is a local value, not the top of `frames`: moving on to its next child then
    /// writes no array element (each write checked the array's uniqueness).
    private func scan(_ root: JSONValue, under prefix: [PathStep], entityID: String?, frames: inout [Frame],
                      into findings: inout [Finding]) {
        let document = root.document
        let nodes = document.tape
        let storage = document.source.storage
        frames.removeAll(keepingCapacity: true)
        // A root exists, so the file is not empty and has an address.
        guard let base = storage.baseAddress else { return }
        /// The bytes between a string's quotes, as written.
        func rawBytes(_ node: JSONNode) -> UnsafeBufferPointer<UInt8> {
            let start = Int(node.offset) + 1
            return UnsafeBufferPointer(start: base + start, count: Int(node.count) - start)
        }
        func nextIndex(_ index: Int) -> Int {
            let node = nodes[index]
            return node.isContainer ? Int(node.end) : index + 1
        }
        /// The path to a value of `current` (none when the root itself is the value).
        func path(in current: Frame?) -> String {
            PathStep.render(prefix + (frames + (current.map { [$0] } ?? [])).map { $0.step(in: document) })
        }
        func scanString(_ node: JSONNode, at index: Int, in current: Frame?) {
            // Most strings fail the cheap test on their raw bytes and are never decoded.
            guard CredentialScanner.mayContainCredential(rawBytes(node)) else { return }
            let isVerbatim = !node.flag
            // The raw bytes of a verbatim string are its text: scanned where they lie, never copied.
            let matches = isVerbatim ? CredentialScanner.scan(rawBytes(node))
                                     : CredentialScanner.scan(JSONValue(document: document, index: index).string ?? "")
            guard !matches.isEmpty else { return }
            let path = path(in: current)
            for match in matches {
                // Point into the string at the credential itself when the text is written verbatim.
                let offset = isVerbatim ? Int(node.offset) + 1 + match.range.lowerBound : Int(node.offset)
                findings.append(finding(match.kind, match.redacted, at: document.source.location(at: offset),
                                        path: path, entityID: entityID))
            }
        }

        let rootNode = nodes[root.index]
        guard rootNode.isContainer else {
            if rootNode.kind == .string { scanString(rootNode, at: root.index, in: nil) }
            return
        }
        var current = Frame(rootNode, at: root.index)
        while true {
            guard current.entered < current.count else {
                guard let parent = frames.popLast() else { return }
                current = parent
                continue
            }
            current.entered += 1
            let index: Int
            if current.isObject {
                let key = current.next
                let value = key + 1
                current.lastKey = key
                current.next = nextIndex(value)
                // Only a string value can be a literal credential: other keys are not looked at.
                if nodes[value].kind == .string, CredentialScanner.mayNameCredential(rawBytes(nodes[key])),
                   CredentialScanner.isCredentialName(JSONValue(document: document, index: key).string ?? ""),
                   let literal = JSONValue(document: document, index: value).string, CredentialScanner.isLiteralSecret(literal) {
                    // A value of a known shape is named for it (`"token": "ghp_…"` is a GitHub token).
                    let shape = CredentialScanner.scan(literal).first { $0.range == 0..<literal.utf8.count }
                    let redacted = shape?.redacted ?? CredentialScanner.redacted(Array(literal.utf8))
                    findings.append(finding(shape?.kind ?? .assignment, redacted, at: document.source.location(at: Int(nodes[value].offset)),
                                            path: path(in: current), entityID: entityID))
                    continue
                }
                index = value
            } else {
                index = current.next
                current.next = nextIndex(index)
            }
            let node = nodes[index]
            switch node.kind {
            case .object, .array:
                frames.append(current)
                current = Frame(node, at: index)
            case .string:
                scanString(node, at: index, in: current)
            default:
                break
            }
        }
    }

    private func finding(_ kind: CredentialScanner.Kind, _ redacted: String, at location: Location, path: String, entityID: String?) -> Finding {
        Finding(ruleID: Self.description.identifier, severity: .error, message: message(kind, redacted, path, entityID),
                entityID: entityID, fieldPath: path.isEmpty ? nil : path, location: location)
    }

    private func message(_ kind: CredentialScanner.Kind, _ redacted: String, _ path: String, _ entityID: String?) -> String {
        let place = entityID.map { "'\(path)' of '\($0)'" } ?? "'\(path)'"
        return "\(place) holds \(kind.rawValue): \(redacted)"
    }
}
