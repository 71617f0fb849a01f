/// What `infractl init` prints as it writes the `StarterFiles`: each file kept or written, shown
/// below the DIRECTORY given, and what to run next. Each line starts with our words; the
/// directory comes from the command line and goes through `TerminalText`.
package struct InitReportRenderer {
    /// DIRECTORY as the command line gives it (`.` by default).
    let directory: String

    package init(directory: String) {
        self.directory = directory
    }

    /// The note on standard error when no `--infractl-git` is given.
    package static var placeholderGitNote: String {
        "note: the CI snippets build infractl from \(StarterFiles.placeholderGit); give its git URL with --infractl-git, or edit INFRACTL_GIT and repo: in them\n"
    }

    /// A starter file's path below DIRECTORY, as the lines show it.
    package func shown(_ path: String) -> String {
        TerminalText.path(directory == "." ? path : directory + "/" + path)
    }

    package func kept(_ path: String) -> String {
        "kept    \(shown(path)) (exists; --force replaces it)\n"
    }

    package func wrote(_ path: String) -> String {
        "wrote   \(shown(path))\n"
    }

    /// The command to run next, from DIRECTORY.
    package var next: String {
        "next: infractl \(StarterFiles.validateArguments) (from \(TerminalText.escape(directory)))\n"
    }
}
