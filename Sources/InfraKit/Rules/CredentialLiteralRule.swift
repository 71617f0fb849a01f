struct CredentialLiteralRule: Rule {
    static let description = RuleDescription(
        identifier: "credential-literal",
        name: "Credential literal",
        family: .security,
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
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        guard let document = context.inventory.document else { return [] }
        var path: [PathStep] = []
        for member in document.root.members {
            guard let kind = EntityKind(arrayKey: member.name), member.value.kind == .array else {
                path = [.key(member.name)]
                scan(member.value, path: &path, entityID: nil, into: &findings)
                continue
            }
            for (index, element) in member.value.elements.enumerated() {
                let id = element.member(named: kind == .waiver ? "target" : "id")?.string
                path = []
                scan(element, path: &path, entityID: id ?? "\(kind.arrayKey)[\(index)]", into: &findings)
            }
        }
        return findings
    }

    /// What is left to scan, in document order from the end: a value (entered through a key or an
    /// index), a credential-named member, or the end of a container's path step.
    private enum Work {
        case visit(JSONValue, PathStep?)
        case namedCredential(key: String, value: JSONValue)
        case leave
    }

    /// Walks every string below `value`; a string under a credential-named key is a credential as
    /// a whole. Paths are rendered only for findings, and strings are decoded only when their raw
    /// bytes could hold a credential: inventories are large and almost all of their strings are not.
    /// The walk keeps its own stack: nesting as deep as `--max-depth` allows costs heap, not the
    /// thread's stack.
    private func scan(_ root: JSONValue, path: inout [PathStep], entityID: String?, into findings: inout [Finding]) {
        var work: [Work] = [.visit(root, nil)]
        while let next = work.popLast() {
            let value: JSONValue
            switch next {
            case .leave:
                path.removeLast()
                continue
            case .namedCredential(let key, let literal):
                path.append(.key(key))
                let redacted = CredentialScanner.redacted(Array((literal.string ?? "").utf8))
                findings.append(finding(.assignment, redacted, at: literal.location, path: PathStep.render(path), entityID: entityID))
                path.removeLast()
                continue
            case .visit(let visited, let step):
                value = visited
                if let step {
                    path.append(step)
                    work.append(.leave)
                }
            }
            switch value.kind {
            case .object:
                var children: [Work] = []
                for member in value.members {
                    if member.key.withRawStringBytes(CredentialScanner.mayNameCredential) == true,
                       CredentialScanner.isCredentialName(member.name), let literal = member.value.string, !literal.isEmpty {
                        children.append(.namedCredential(key: member.name, value: member.value))
                    } else {
                        children.append(.visit(member.value, .key(member.name)))
                    }
                }
                work += children.reversed()
            case .array:
                work += value.elements.enumerated().reversed().map { .visit($0.element, .index($0.offset)) }
            case .string:
                guard value.withRawStringBytes(CredentialScanner.mayContainCredential) == true, let text = value.string else { continue }
                for match in CredentialScanner.scan(text) {
                    // Point into the string at the credential itself when the text is written verbatim.
                    let offset = value.isVerbatimString ? value.offset + 1 + match.range.lowerBound : value.offset
                    findings.append(finding(match.kind, match.redacted, at: value.document.source.location(at: offset),
                                            path: PathStep.render(path), entityID: entityID))
                }
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
