import InfraModel

extension InventoryIndex {
    /// The backups that copy a datastore: those that name it, and those that copy the host it
    /// runs on, since a host snapshot carries the data on its disks.
    public func backups(covering datastore: Datastore) -> [Backup] {
        var covering = backupsOf[datastore.id] ?? []
        if case .host(let host) = datastore.hosting {
            covering += (backupsOf[host] ?? []).filter { backup in !covering.contains { $0.id == backup.id } }
        }
        return covering
    }
}
