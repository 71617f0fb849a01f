import InfraJSON

/// The files one run writes (`--output`, `--write-baseline`, `docs --inject`), checked before
/// anything is read or written: no file may be written twice (the first output would be lost),
/// and no input may be written over (the inventory would be lost). Files are compared by what
/// they are (`FileIdentity`), not by how they are spelled; a path that does not exist yet is
/// compared by its absolute spelling, its links followed.
///
/// A directory walk skips the outputs it meets (`skips`): a report written into the directory it
/// checks is not read back as an inventory on the next run.
struct OutputTargets {
    /// What each output path names: its identity when it exists, else its absolute path.
    private enum Target: Hashable {
        case file(FileIdentity)
        case absent(String)
    }

    private let targets: [(path: String, target: Target)]
    /// The existing regular files among the outputs.
    let identities: Set<FileIdentity>

    /// Checks `paths` (as given) for repeats; `usage` is the command's usage text for the error.
    init(_ paths: [String?], context: CommandContext, usage: String) throws(ToolError) {
        var targets: [(path: String, target: Target)] = []
        var identities = Set<FileIdentity>()
        for path in paths.compactMap({ $0 }) {
            let absolute = context.absolute(path)
            let target: Target
            if let identity = FileIdentity(path: absolute) {
                // A device (`/dev/null`, `/dev/stdout`) may take several outputs: nothing is replaced.
                guard FileIdentity.isRegularFile(absolute) else { continue }
                target = .file(identity)
                identities.insert(identity)
            } else if case .success(let followed) = FileIdentity.followingLinks(absolute) {
                target = .absent(FileIdentity.normalized(followed))
            } else {
                target = .absent(FileIdentity.normalized(absolute))
            }
            if let first = targets.first(where: { $0.target == target }) {
                throw .usage("'\(first.path)' and '\(path)' are the same output file; give each output its own file", usage: usage)
            }
            targets.append((path, target))
        }
        self.targets = targets
        self.identities = identities
    }

    /// Refuses an output that is one of `inputs` (files named on the command line, a configuration,
    /// a baseline): writing it would destroy what was read.
    func checkNotInputs(_ inputs: [String?], context: CommandContext, usage: String) throws(ToolError) {
        for input in inputs.compactMap({ $0 }) where input != "-" {
            guard let identity = FileIdentity(path: context.absolute(input)), identities.contains(identity),
                  let output = targets.first(where: { $0.target == .file(identity) }) else { continue }
            throw .usage("'\(output.path)' would write over the input '\(input)'; choose another output file", usage: usage)
        }
    }

    /// Whether a walk should leave out the file `identity` names, because this run writes it.
    func skips(_ identity: FileIdentity) -> Bool {
        identities.contains(identity)
    }
}
