/// Kubernetes quantities (`500m`, `2`, `512Mi`, `1G`) as CPUs and GiB.
enum Quantity {
    static func cpus(_ text: String) -> Double? {
        text.hasSuffix("m") ? Double(text.dropLast()).map { $0 / 1000 } : Double(text)
    }

    static func gibibytes(_ text: String) -> Double? {
        let units: [(String, Double)] = [("Ki", 0x1p10), ("Mi", 0x1p20), ("Gi", 0x1p30), ("Ti", 0x1p40),
                                         ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { ($0 * factor / Double(1 << 30) * 1000).rounded() / 1000 }
        }
        return Double(text).map { ($0 / Double(1 << 30) * 1000).rounded() / 1000 }
    }
}
