struct AnsibleImporter {
    let root: JSONValue
    func read(into builder: inout ImportBuilder) {}
}
