import Foundation
import Testing
@testable import InfraJSON
@testable import InfraTopology
@testable import InfraOutput
@testable import InfraCLI

/// Issue 19: every command grows linearly. These tests check the structure that keeps it so (output
/// that grows with the inventory, not its square; work confined to what changed), without timing.
@Suite("Scaling")
struct ScalingTests {
    /// `links` services in one dependency chain, `link-0` first, each on its own host.
    static func chain(_ links: Int) -> String {
        let hosts = (0..<links).map { #"{"id": "host-\#($0)", "environment": "prod", "provider": "aws"}"# }
        let services = (0..<links).map { index in
            let dependency = index == 0 ? "" : #", "dependsOn": [{"target": "link-\#(index - 1)"}]"#
            return #"{"id": "link-\#(index)", "environment": "prod", "kind": "worker", "runsOn": ["host-\#(index)"]\#(dependency)}"#
        }
        return """
        {"infractl": 2, "name": "chain", "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "aws", "kind": "aws", "region": "us-east-1"}],
         "hosts": [\(hosts.joined(separator: ",\n"))],
         "services": [\(services.joined(separator: ",\n"))]}
        """
    }

    /// One majority cluster of `members` hosts.
    static func cluster(_ members: Int, zones: Int = 3) -> String {
        let hosts = (0..<members).map { #"{"id": "node-\#($0)", "environment": "prod", "provider": "aws", "zone": "z\#($0 % zones)"}"# }
        let voters = (0..<members).map { #"{"host": "node-\#($0)"}"# }
        return """
        {"infractl": 2, "name": "ring", "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "aws", "kind": "aws", "region": "us-east-1"}],
         "hosts": [\(hosts.joined(separator: ",\n"))],
         "clusters": [{"id": "ring", "environment": "prod", "kind": "etcd", "consensus": "majority", "members": [\(voters.joined(separator: ", "))]}]}
        """
    }

    static let links = 600

    @Test func blastRadiusOfALongChainPrintsALineOfBoundedLengthPerDependent() throws {
        let directory = try TemporaryDirectory()
        try directory.write("chain.json", Self.chain(Self.links))
        let run = runCLI(["blast-radius", "chain.json", "host-0"], directory: directory.path)
        #expect(run.code == 0)
        let lines = run.stdout.split(separator: "\n")
        // One line per dependent, distance headings, the header and the note: never a whole chain per line.
        #expect(lines.count < 3 * Self.links)
        #expect(lines.allSatisfy { $0.count < 200 })
        #expect(run.stdout.contains("  service 'link-599' (impaired): host-0 -> (594 more) -> link-594 -> link-595 -> link-596 -> link-597 -> link-598 -> link-599\n"))
        #expect(run.stdout.contains("--why DEPENDENT prints one whole"))
    }

    @Test func blastRadiusJSONOfALongChainShortensPathsAndCountsWhatItLeftOut() throws {
        let directory = try TemporaryDirectory()
        try directory.write("chain.json", Self.chain(Self.links))
        let run = runCLI(["blast-radius", "chain.json", "host-0", "--format", "json"], directory: directory.path)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let dependents = try #require(root["dependents"] as? [[String: Any]])
        #expect(dependents.count == Self.links)
        #expect(dependents.allSatisfy { (($0["path"] as? [Any])?.count ?? .max) <= BlastRadiusRenderer.pathLimit })
        let last = try #require(dependents.last)
        #expect(last["distance"] as? Int == Self.links)
        #expect(last["omitted"] as? Int == Self.links + 1 - BlastRadiusRenderer.pathLimit + 1)
    }

    @Test func blastRadiusWhyPrintsTheWholePathOfOneDependentWithReasons() throws {
        let directory = try TemporaryDirectory()
        try directory.write("chain.json", Self.chain(Self.links))
        let run = runCLI(["blast-radius", "chain.json", "host-0", "--why", "link-599"], directory: directory.path)
        #expect(run.code == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first == "why service 'link-599' is affected when 'host-0' fails in chain.json: 600 hops")
        #expect(lines.count == Self.links + 2)
        #expect(lines[1] == "  host 'host-0' (down): failed")
        #expect(lines.last == "  service 'link-599' (impaired): depends on service 'link-598', which is impaired")
        let json = runCLI(["blast-radius", "chain.json", "host-0", "--why", "link-3", "--format", "json"], directory: directory.path)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let path = try #require(root["path"] as? [[String: Any]])
        #expect(path.compactMap { $0["id"] as? String } == ["host-0", "link-0", "link-1", "link-2", "link-3"])
        #expect(path.first?["reason"] as? String == "failed")
        let unaffected = runCLI(["blast-radius", "chain.json", "host-5", "--why", "link-3"], directory: directory.path)
        #expect(unaffected.code == 2)
        #expect(unaffected.stderr.contains("'link-3' is not affected when 'host-5' fails"))
    }

    @Test func simulateOfALongChainPrintsEachCauseChainShortened() throws {
        let directory = try TemporaryDirectory()
        try directory.write("chain.json", Self.chain(Self.links))
        let run = runCLI(["simulate", "chain.json", "--fail", "host-0"], directory: directory.path)
        #expect(run.code == 0)
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count < 300 })
        #expect(run.stdout.contains("      because service 'link-598' <- service 'link-597' <- service 'link-596' <- service 'link-595' <- service 'link-594' <- (594 more) <- host 'host-0'\n"))
        let json = runCLI(["simulate", "chain.json", "--fail", "host-0", "--format", "json"], directory: directory.path)
        // Linear in the chain: a few hundred bytes per affected node, where whole chains took thousands.
        #expect(json.stdout.utf8.count < 400 * Self.links)
    }

    @Test func aOneHostChangeSimulatesOnlyTheHostAndProviderUpstreamOfIt() throws {
        let old = try decode(Self.chain(200)).inventory
        let new = try decode(Self.chain(200).replacingOccurrences(
            of: #""id": "host-150", "environment": "prod""#, with: #""id": "host-150", "environment": "prod", "zone": "a""#)).inventory
        let failures = TopologyDelta.failuresToSimulate(TopologyGraph(old), TopologyGraph(new), touched: ["host-150"])
        #expect(failures == ["host-150", "aws"])
        // A changed service at the end of the chain can be reached from every host before it.
        let reach = TopologyDelta.failuresToSimulate(TopologyGraph(old), TopologyGraph(new), touched: ["link-199"])
        #expect(reach?.count == 201)
        #expect(TopologyDelta.failuresToSimulate(TopologyGraph(old), TopologyGraph(new), touched: ["prod"]) == nil)
        #expect(TopologyDelta.failuresToSimulate(TopologyGraph(old), TopologyGraph(new), touched: nil) == nil)
    }

    @Test func diffReportsTheTopologyOfAChangedHostAsAFullComparisonWould() throws {
        let old = Self.chain(40)
        let new = old.replacingOccurrences(of: #""runsOn": ["host-20"]"#, with: #""runsOn": ["host-20", "host-21"]"#)
        let (run, _) = try DiffTests.diff(old, new)
        let limited = DiffTests.lines(run, section: "topology consequences")
        let oldInventory = try decode(old).inventory
        let newInventory = try decode(new).inventory
        let full = TopologyDelta(old: oldInventory, new: newInventory)
        #expect(limited.count == full.failures.count)
        // host-21 takes link-21 and what follows down either way; host-20 no longer does.
        #expect(full.failures.map(\.failure) == ["host 'host-20'"])
    }

    @Test func aClusterTallyAgreesWithCountingItsMembers() {
        var tally = InputTally()
        var heaps = InputTally.Heaps()
        var health = [Health](repeating: .up, count: 101)
        let votes = (0..<101).map { $0 % 5 != 0 }
        var generator = SystemRandomNumberGenerator()
        for position in (0..<101).shuffled(using: &generator) {
            tally.update(position, .member(votes: votes[position]), from: health[position], to: .down, heaps: &heaps)
            health[position] = .down
            #expect(tally.down == health.filter { $0 == .down }.count)
            #expect(tally.downVoters == zip(health, votes).filter { $0 == .down && $1 }.count)
            #expect(tally.firstDown == health.firstIndex(of: .down))
        }
    }

    @Test func anInstanceTallyFindsTheFirstInstanceInEachRangeAsStatesWorsen() {
        var tally = InputTally()
        var heaps = InputTally.Heaps()
        var health = [Health](repeating: .up, count: 40)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let position = Int.random(in: 0..<40, using: &generator)
            guard health[position] < .down else { continue }
            let worse = Health.allCases.filter { $0 > health[position] }.randomElement(using: &generator) ?? .down
            tally.update(position, .instance, from: health[position], to: worse, heaps: &heaps)
            health[position] = worse
            #expect(tally.firstImpairedInstance(&heaps) { health[$0] } == health.firstIndex { $0 >= .impaired && $0 < .down })
            #expect(tally.firstDegradedInstance(&heaps) { health[$0] } == health.firstIndex(of: .degraded))
            #expect(tally.firstInstanceHurt == health.firstIndex { $0 >= .impaired })
        }
    }

    @Test func simulateEachHostOnALargeClusterReportsEveryMemberAlike() throws {
        let directory = try TemporaryDirectory()
        try directory.write("ring.json", Self.cluster(2_000))
        let run = runCLI(["simulate", "ring.json", "--each", "host", "--format", "json"], directory: directory.path)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rows = try #require(root["rows"] as? [[String: Any]])
        #expect(rows.count == 2_000)
        #expect(rows.allSatisfy { $0["affected"] as? Int == 2 })
    }

    @Test func quorumFailureDomainGroupsTwoThousandVotersByZone() throws {
        let directory = try TemporaryDirectory()
        try directory.write("even.json", Self.cluster(2_000, zones: 2))
        try directory.write("one.json", Self.cluster(2_001, zones: 1))
        let even = runCLI(["validate", "--rule", "quorum-failure-domain", "even.json"], directory: directory.path)
        #expect(!even.stdout.contains("[quorum-failure-domain]"))
        let one = runCLI(["validate", "--rule", "quorum-failure-domain", "one.json"], directory: directory.path)
        #expect(one.stdout.contains("2001 of the 2001 voting members of cluster 'ring' are in zone 'z0'"))
    }

    @Test func severalFilesAreReportedAlikeWhateverTheOrderTheyAreCheckedIn() throws {
        let directory = try TemporaryDirectory()
        var names: [String] = []
        for index in 0..<12 {
            let name = "part-\(index < 10 ? "0" : "")\(index).json"
            try directory.write(name, Self.chain(5 + index).replacingOccurrences(of: #""name": "chain""#, with: #""name": "chain-\#(index)""#))
            names.append(name)
        }
        let forward = runCLI(["validate", "--format", "json"] + names, directory: directory.path)
        let backward = runCLI(["validate", "--format", "json"] + names.reversed(), directory: directory.path)
        #expect(forward.stdout == backward.stdout)
        #expect(names.allSatisfy { forward.stdout.contains(#""\#($0)""#) })
        let text = runCLI(["validate", "."], directory: directory.path)
        #expect(text.stdout == runCLI(["validate", "."], directory: directory.path).stdout)
    }
}
