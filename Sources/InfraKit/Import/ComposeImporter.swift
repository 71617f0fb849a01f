struct ComposeImporter {
    let root: JSONValue
    func read(into builder: inout ImportBuilder) {}
}
