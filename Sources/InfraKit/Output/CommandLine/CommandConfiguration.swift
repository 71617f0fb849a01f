/// What a command is called, what it does and what it takes: the one source of its `--help`, the
/// man page and the shell completions (`HelpRenderer`, `ManPageRenderer`, `CompletionsRenderer`).
package struct CommandConfiguration: Sendable {
    package let name: String
    package let abstract: String
    package let usage: String
    package let discussion: String
    package let arguments: [(String, String)]
    package let options: [OptionSpec]
    /// The words the argument is one of, when it is a closed set rather than a path: the shell
    /// completions offer them.
    package let argumentWords: [String]?

    package init(name: String, abstract: String, usage: String, discussion: String, arguments: [(String, String)],
                 options: [OptionSpec], argumentWords: [String]? = nil) {
        (self.name, self.abstract, self.usage, self.discussion) = (name, abstract, usage, discussion)
        (self.arguments, self.options, self.argumentWords) = (arguments, options, argumentWords)
    }

    /// The options with `--help`, as `--help`, the man page and the completions list them.
    package var allOptions: [OptionSpec] {
        options + [.flag("--help", "Show this help", short: "-h")]
    }
}
