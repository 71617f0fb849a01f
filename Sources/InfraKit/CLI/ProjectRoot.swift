#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory every path infractl prints, fingerprints or writes into a baseline or SARIF is
/// relative to: the directory of the configuration file (the nearest `.infractl.json` at or above
/// the working directory, no higher than the git top-level), else the git top-level, else the
/// working directory (or `--config`'s directory, outside any project). So `./x.json`, `x.json`, `dir/../x.json` and
/// `/abs/x.json` are all shown as `x.json`, from any working directory inside the project.
struct ProjectRoot: Sendable {
    static let configurationName = ".infractl.json"

    /// The root, absolute and normalised, with no trailing `/` (but `/` itself).
    let path: String
    /// The configuration file that decided the root, absolute; nil when none did.
    let configuration: String?
    /// What decided the root, for `infractl config`: `--config`, `.infractl.json`, `git`, `working directory`.
    let reason: String

    init(path: String, configuration: String?, reason: String) {
        self.path = path
        self.configuration = configuration
        self.reason = reason
    }

    /// The root for a run in `context`. When the working directory is in no project (no
    /// configuration or git above it), the first input's directory is searched the same way, so a
    /// run from `/` or `/tmp` names files as a run from inside the project does.
    ///
    /// `--config FILE` names the configuration but not the root: `--config ci/infractl.json` still
    /// shows `inventories/x.json`, not a path that leaves the root. Only when no project is found
    /// is the file's directory the root. Its `configuration` is the file either way.
    static func find(_ context: CommandContext, configPath: String?, inputs: [String] = []) -> ProjectRoot {
        let current = FileIdentity.normalized(context.currentDirectory)
        var found = find(from: current)
        if found.reason == "working directory", let input = inputs.first(where: { $0 != "-" && !$0.isEmpty }) {
            var directory = FileIdentity.normalized(context.absolute(input))
            if !isDirectory(directory) { directory = parent(of: directory) }
            let fromInput = find(from: directory)
            if fromInput.reason != "working directory" { found = fromInput }
        }
        guard let configPath else { return found }
        let file = FileIdentity.normalized(context.absolute(configPath))
        if found.reason == "working directory" {
            return ProjectRoot(path: parent(of: file), configuration: file, reason: "--config")
        }
        return ProjectRoot(path: found.path, configuration: file, reason: found.reason)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The root found from `current` upwards; `working directory` (`current` itself) when none is.
    private static func find(from current: String) -> ProjectRoot {
        let gitTop = gitTopLevel(from: current)
        var directory = current
        while true {
            let candidate = join(directory, configurationName)
            if access(candidate, F_OK) == 0 {
                return ProjectRoot(path: directory, configuration: candidate, reason: configurationName)
            }
            if directory == gitTop || directory == "/" { break }
            directory = parent(of: directory)
        }
        if let gitTop { return ProjectRoot(path: gitTop, configuration: nil, reason: "git") }
        return ProjectRoot(path: current, configuration: nil, reason: "working directory")
    }

    /// The nearest directory at or above `from` holding `.git` (a directory, or the file of a worktree).
    static func gitTopLevel(from start: String) -> String? {
        var directory = start
        while true {
            if access(join(directory, ".git"), F_OK) == 0 { return directory }
            if directory == "/" { return nil }
            directory = parent(of: directory)
        }
    }

    /// How `path` (as given, relative to `currentDirectory` or absolute) is shown: normalised and
    /// relative to the root (`.` for the root itself); absolute when it lies outside the root.
    func shown(_ path: String, currentDirectory: String) -> String {
        let absolute = FileIdentity.normalized(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
        if let relative = relative(absolute) { return relative }
        // A spelling through a symbolic link (`/tmp` for `/private/tmp`) is under the root once resolved.
        if let real = FileIdentity.realPath(absolute), let relative = relative(FileIdentity.normalized(real)) { return relative }
        return absolute
    }

    /// `absolute` relative to the root, or nil when it is not under it.
    private func relative(_ absolute: String) -> String? {
        if absolute == path { return "." }
        let prefix = path == "/" ? "/" : path + "/"
        guard absolute.hasPrefix(prefix) else { return nil }
        return String(absolute.dropFirst(prefix.count))
    }

    /// A shown path made absolute again, to open it.
    func absolute(_ shown: String) -> String {
        if shown.hasPrefix("/") { return shown }
        return shown == "." ? path : Self.join(path, shown)
    }


    /// A stored path (a baseline's, an older release's) in the shown form: `./x`, `a/../x` and
    /// `x` all become `x`. Absolute paths under the root become relative to it.
    func normalizedStored(_ path: String) -> String {
        guard !path.isEmpty, path != InputFiles.standardInputName else { return path }
        if path.hasPrefix("/") { return relative(FileIdentity.normalized(path)) ?? FileIdentity.normalized(path) }
        let normalized = String(FileIdentity.normalized(path).dropFirst())
        return normalized.isEmpty ? "." : normalized
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory == "/" ? "/" + name : directory + "/" + name
    }
}
