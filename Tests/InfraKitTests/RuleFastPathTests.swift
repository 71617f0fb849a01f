import Testing
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules

/// The rules' fast paths give what the plain way gives: messages joined in one allocation read as
/// the interpolation reads, and end-of-life-software's short list of releases, then its
/// dictionary, answer as a lookup in the table for every entity would.
@Suite("Fast paths: rules")
struct RuleFastPathTests {
    @Test func joinedMessagesReadAsInterpolation() {
        let long = String(repeating: "db-primary-", count: 12)
        #expect(MessageText.joined("host '", "h1", "' does not rotate its logs") == "host 'h1' does not rotate its logs")
        #expect(MessageText.joined("", "", "") == "")
        #expect(MessageText.joined("ab", "", "c") == "abc")
        // Several bytes a character, and a result long enough to need storage of its own.
        #expect(MessageText.joined("service 'café-☕︎' on '", long, "'") == "service 'café-☕︎' on '\(long)'")
        #expect(MessageText.joined("é", "\u{301}").utf8.elementsEqual("é\u{301}".utf8))
    }

    /// monitor-threshold-mismatch compares a metric with service names without lowercased copies:
    /// the same answers as lowercasing both, ASCII or not, capitals on either side.
    @Test func caseInsensitiveSearchAnswersAsLowercasingBoth() {
        let texts = ["Worker_Count", "api-PROCS", "", "queue.Instances", "É\u{301}TL workers", "Café-API procs", "İstanbul-Svc",
                     "ﬁle-svc count", "pro", "x"]
        let words = ["worker", "API", "", "Procs", "queue", "é", "E", "café-api", "İSTANBUL", "i̇stanbul", "FILE", "svc", "pro", "xx"]
        for text in texts {
            for word in words {
                #expect(TextSearch.caseInsensitiveContains(text, word) == TextSearch.contains(text.lowercased(), word.lowercased()),
                        "\(text) / \(word)")
                if !word.isEmpty && word.lowercased().utf8.allSatisfy({ $0 < 0x80 }) && text.utf8.allSatisfy({ $0 < 0x80 }) {
                    #expect(TextSearch.caseInsensitiveContains(text, word) == text.lowercased().contains(word.lowercased()),
                            "\(text) / \(word)")
                }
            }
        }
        #expect(TextSearch.caseInsensitiveContains("API-Workers", "api-w"))
        #expect(!TextSearch.caseInsensitiveContains("API-Workers", "api-x"))
    }

    /// More distinct releases than the rule keeps in its list, each on two hosts in two passes, so
    /// some are found in the list, some in the dictionary and some worked out afresh.
    @Test func endOfLifeFindingsDoNotDependOnHowReleasesAreRemembered() throws {
        let releases = EndOfLifeTable.entries.filter { !$0.cycle.isEmpty }.prefix(40).map { ($0.product, $0.cycle) }
        try #require(releases.count > 20)
        let hosts = (releases + releases.reversed()).enumerated().map { position, release in
            """
            {"id": "h\(position)", "environment": "prod", "provider": "aws-us-east-1",
             "os": {"name": "\(release.0)", "version": "\(release.1)"}}
            """
        }
        let text = RuleExample.inventory("\"hosts\": [" + hosts.joined(separator: ",\n") + "]")
        let settings = RuleSettings(asOf: try #require(Day(parsing: "2026-11-23")))
        let context = RuleContext(inventory: try decode(text).inventory, settings: settings)
        let found = EndOfLifeSoftwareRule().check(context)

        let expected = (releases + releases.reversed()).enumerated().compactMap { position, release -> String? in
            guard let entry = EndOfLifeSoftwareRule.entry(product: release.0, version: release.1),
                  entry.endOfSupport < settings.asOf else { return nil }
            let prefix = "\(release.0.lowercased()) \(release.1) on 'h\(position)'"
            guard entry.endOfLife >= settings.asOf else { return "\(prefix) reached end of life on \(entry.endOfLife)" }
            let phase = EndOfLifeTable.extendedSupport[entry.product] ?? "extended support"
            return "\(prefix) left regular security support on \(entry.endOfSupport); \(phase) until \(entry.endOfLife)"
        }
        #expect(!expected.isEmpty)
        // Both kinds of message are among them (Ubuntu 18.04 is in ESM on the day).
        #expect(expected.contains { $0.contains("left regular security support") })
        #expect(found.map(\.message) == expected)
    }
}

/// quorum-failure-domain groups a cluster's votes by comparing keys, not through dictionaries: on
/// clusters of two to six votes over hosts in several providers (one without a region), zones and
/// repeated hosts, its messages are those of grouping with `Dictionary(grouping:)`.
@Suite("Fast paths: quorum failure domains")
struct QuorumFailureDomainFastPathTests {
    @Test func groupingByComparisonNamesTheDomainsDictionariesName() throws {
        var random = SplitMix(seed: 7)
        let providers = ["aws-east", "aws-west", "linode-london", "bare"]
        let hosts = (0..<12).map { number -> String in
            let zone = ["", #", "zone": "a""#, #", "zone": "b""#][random.next(3)]
            return #"{"id": "h\#(number)", "environment": "prod", "provider": "\#(providers[random.next(4)])"\#(zone)}"#
        }
        let clusters = (0..<300).map { number -> String in
            let members = (0..<(2 + random.next(5))).map { _ in #"{"host": "h\#(random.next(12))"}"# }
            return #"{"id": "c\#(number)", "environment": "prod", "kind": "etcd", "consensus": "majority", "members": [\#(members.joined(separator: ", "))]}"#
        }
        let text = RuleExample.inventory("""
            "providers": [{"id": "aws-east", "kind": "aws", "region": "us-east-1"}, {"id": "aws-west", "kind": "aws", "region": "us-west-2"},
                          {"id": "linode-london", "kind": "linode", "region": "london"}, {"id": "bare", "kind": "metal"}],
            "hosts": [\(hosts.joined(separator: ",\n"))],
            "clusters": [\(clusters.joined(separator: ",\n"))]
            """)
        let context = RuleContext(inventory: try decode(text).inventory, settings: RuleSettings(asOf: .fallback))
        let found = QuorumFailureDomainRule().check(context).map(\.message)
        let expected = context.inventory.clusters.compactMap { Self.plainMessage($0, context.index) }
        #expect(found.count > 50 && found.count < 300)
        #expect(found == expected)
    }

    /// The rule as it was written first, with a dictionary per level.
    private static func plainMessage(_ cluster: Cluster, _ index: InventoryIndex) -> String? {
        let voters = cluster.votingMembers
        guard voters.count > 1 else { return nil }
        let known = voters.compactMap { member in
            index.hosts[member.host].flatMap { index.domain(provider: $0.provider, zone: $0.zone, host: $0.id) }
        }
        let regions = Dictionary(grouping: known, by: \.regionKey)
        let zones = Dictionary(grouping: known.filter { $0.zone != nil }) { "\($0.regionKey)/\($0.zone ?? "")" }
        let hosts = Dictionary(grouping: known.filter { $0.hostID != nil }) { $0.hostID ?? "" }
        let regionName: (FailureDomain) -> String = { domain in
            domain.region.map { "in region '\($0)' of \(domain.providerKind)" } ?? "with provider '\(domain.providerID)'"
        }
        let candidates: [(groups: [String: [FailureDomain]], name: (FailureDomain) -> String)] = [
            (regions.count > 1 ? regions : [:], regionName),
            (zones, { "in zone '\($0.zone ?? "")'" }),
            (hosts, { "on host '\($0.hostID ?? "")'" }),
        ]
        let quorum = Cluster.quorum(of: voters.count)
        for candidate in candidates {
            guard let group = candidate.groups.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) })?.value,
                  group.count >= quorum, let first = group.first else { continue }
            let onOneHost = Set(group.compactMap(\.hostID)).count == 1 && first.hostID != nil
            let name = onOneHost ? "on host '\(first.hostID ?? "")'" : candidate.name(first)
            return "\(group.count) of the \(voters.count) voting members of cluster '\(cluster.id)' are \(name): "
                + "losing it loses quorum (\(quorum) needed)"
        }
        return nil
    }
}

/// A small deterministic generator for varied test inventories.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ mixed >> 30) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ mixed >> 27) &* 0x94D0_49BB_1331_11EB
        return Int((mixed ^ mixed >> 31) % UInt64(bound))
    }
}
