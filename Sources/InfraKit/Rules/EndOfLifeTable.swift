import InfraModel

/// One release cycle of a product and the days its two phases of support end.
public struct EndOfLifeEntry: Sendable {
    /// Lowercase product name as inventories write it: "ruby", "rails", "ubuntu", "postgres", ...
    public let product: String
    /// The release cycle: "1.9.3", "3.2", "14.04", "9.3". A version matches when it equals the cycle or starts with cycle + ".".
    public let cycle: String
    /// The last day of regular (standard) security support.
    public let endOfSupport: Day
    /// The last day of any support, LTS, ESM or extended support included; the software is end of
    /// life after it. The same day as `endOfSupport` when the cycle has no extended phase.
    public let endOfLife: Day
    /// Where the dates come from: a URL of the vendor's page or endoflife.date page.
    public let source: String

    /// Whether security fixes go on, in a phase `EndOfLifeTable.extendedSupport` names, after regular support.
    public var hasExtendedSupport: Bool { endOfLife > endOfSupport }

    /// A cycle with one phase: support ends, and the cycle is end of life, on one day.
    public init(product: String, cycle: String, endOfLife: Day, source: String) {
        self.init(product: product, cycle: cycle, endOfSupport: endOfLife, endOfExtendedSupport: endOfLife, source: source)
    }

    /// A cycle whose regular support ends before its extended (LTS, ESM, paid) support does.
    public init(product: String, cycle: String, endOfSupport: Day, endOfExtendedSupport: Day, source: String) {
        self.product = product
        self.cycle = cycle
        self.endOfSupport = endOfSupport
        self.endOfLife = max(endOfSupport, endOfExtendedSupport)
        self.source = source
    }
}

/// Built-in release cycles and end-of-life dates for the `end-of-life-software` rule.
///
/// Every date was read from the page named in `source`. Cycles whose date could not be
/// confirmed are left out, so a version that matches no entry is "unknown", not "supported".
public enum EndOfLifeTable {
    /// Alternative names inventories use for the same product ("postgresql" -> "postgres").
    public static let aliases: [String: String] = [
        "ruby-on-rails": "rails",
        "rubyonrails": "rails",
        "ror": "rails",
        "ubuntu-linux": "ubuntu",
        "postgresql": "postgres",
        "pg": "postgres",
        "pgsql": "postgres",
        "python2": "python",
        "python3": "python",
        "cpython": "python",
        "erlang-otp": "erlang",
        "erlang/otp": "erlang",
        "otp": "erlang",
        "deis-v1": "deis",
        "deis-paas": "deis",
        "container-linux": "coreos",
        "coreos-container-linux": "coreos",
        "coreos-linux": "coreos",
        "mongo": "mongodb",
        "node": "nodejs",
        "node.js": "nodejs",
        "debian-gnu-linux": "debian",
        "debian-linux": "debian",
        "clickhouse-server": "clickhouse",
        "apache-kafka": "kafka",
        "kafka-server": "kafka",
        "redis-server": "redis",
        "valkey-server": "valkey",
        "elastic": "elasticsearch",
        "es": "elasticsearch",
        "elastic-search": "elasticsearch",
        "opensearch-project": "opensearch",
        "open-search": "opensearch",
        "mysql-server": "mysql",
        "mysql-community": "mysql",
        "mysql-community-server": "mysql",
        "mariadb-server": "mariadb",
        "maria-db": "mariadb",
    ]

    /// What each product calls support after regular support ends, for the products that have
    /// such a phase; the rule's message names it ("Debian LTS until 2028-06-30").
    public static let extendedSupport: [String: String] = [
        "ubuntu": "ESM (Ubuntu Pro)",
        "debian": "Debian LTS",
        "mysql": "Oracle Extended Support",
        "mariadb": "MariaDB Enterprise support",
        "valkey": "extended security support",
    ]

    private static let rubyBranches = "https://www.ruby-lang.org/en/downloads/branches/"
    private static let ruby187 = "https://www.ruby-lang.org/en/news/2014/07/01/eol-for-1-8-7-and-1-9-2/"
    private static let rubyEOLDate = "https://endoflife.date/ruby"
    private static let railsEOLDate = "https://endoflife.date/rails"
    private static let ubuntuEOLDate = "https://endoflife.date/ubuntu"
    private static let postgresEOLDate = "https://endoflife.date/postgresql"
    private static let pythonDevguide = "https://devguide.python.org/versions/"
    private static let pythonReleaseCycle = "https://peps.python.org/api/release-cycle.json"
    private static let pythonEOLDate = "https://endoflife.date/python"
    private static let djangoEOLDate = "https://endoflife.date/django"
    private static let elixirEOLDate = "https://endoflife.date/elixir"
    private static let erlangEOLDate = "https://endoflife.date/erlang"
    private static let deisV1 = "https://github.com/deis/deis/issues/4312"
    private static let coreOS = "https://github.com/coreos/manifest/releases"
    private static let mongoEOLDate = "https://endoflife.date/mongodb"
    private static let nodeSchedule = "https://github.com/nodejs/Release/blob/main/schedule.json"
    private static let nodeEOLDate = "https://endoflife.date/nodejs"
    private static let debianEOLDate = "https://endoflife.date/debian"
    private static let clickhouseEOLDate = "https://endoflife.date/clickhouse"
    private static let kafkaEOLDate = "https://endoflife.date/apache-kafka"
    private static let redisEOLDate = "https://endoflife.date/redis"
    private static let valkeyEOLDate = "https://endoflife.date/valkey"
    private static let elasticsearchEOLDate = "https://endoflife.date/elasticsearch"
    private static let opensearchEOLDate = "https://endoflife.date/opensearch"
    private static let mysqlEOLDate = "https://endoflife.date/mysql"
    private static let mariadbEOLDate = "https://endoflife.date/mariadb"

    /// Entries grouped by product and sorted by cycle.
    ///
    /// Dates read from endoflife.date are its page's front matter (the repository
    /// endoflife-date/endoflife.date, `products/<name>.md`, as of 2026-08-22); a cycle the page
    /// gives no end date for yet is left out.
    ///
    /// Notes on particular entries:
    /// - Ubuntu LTS: regular support is standard support (`eol`), extended is Expanded Security
    ///   Maintenance (`eoes`), which needs Ubuntu Pro: free for personal use on a few machines,
    ///   paid for organisations. Interim releases have standard support only.
    /// - Debian: regular support is the Debian security team's (`eol`), extended is Debian LTS
    ///   (`eoes`), free and public, for a subset of packages and architectures. Freexian's paid
    ///   ELTS beyond it is not counted.
    /// - MySQL: regular support is Oracle Premier Support, extended is Oracle Extended Support
    ///   (paid); Innovation releases (8.1 to 8.3, 9.x but LTS) have no extended phase.
    /// - MariaDB: regular support is the community's, extended is MariaDB Enterprise support
    ///   (paid), where endoflife.date gives a later date for it.
    /// - Valkey: regular support is maintenance support, extended is extended security support.
    /// - Kafka: only the Apache project's support counts; Confluent's support for its own
    ///   distribution, which endoflife.date also lists, covers Confluent's build, not Apache's.
    /// - Redis: `eol` is the end of security fixes for the cycle; 6.2, 7.2 and 7.4 get them for
    ///   longer than the cycles after them.
    /// - ClickHouse: regular releases get three months, LTS releases (x.3, x.8) a year;
    ///   endoflife.date lists cycles from 25.1, so older ones are unknown here.
    /// - Elasticsearch "6" and "7" cover every minor release of the major (7.17 is the last);
    ///   8.x cycles before 8.16 are not listed on the page.
    /// - Node.js, Python, Django, Rails, Elixir and Erlang: the end of security fixes; the
    ///   phase before it (maintenance, "security support" only) is still upstream support.
    /// - Rails 4.2 to 7.1 use endoflife.date's "security support" date; severe-security
    ///   backports beyond it are not counted.
    /// - Erlang/OTP 25's date is endoflife.date's three-year projection; erlang/otp's
    ///   SECURITY.md confirms OTP 25 and older are no longer supported.
    /// - MongoDB "x.1" to "x.3" are Rapid Releases (Atlas only). Vendor gives months only;
    ///   endoflife.date uses the last day of the month.
    /// - "deis" cycle "1" is Deis v1 PaaS (CoreOS/fleet based), not Deis Workflow (v2).
    /// - "coreos" has an empty cycle: the whole of CoreOS Container Linux reached end of
    ///   life on one day, so the entry covers every version, including an unstated one.
    public static let entries: [EndOfLifeEntry] = [
        // Ruby
        EndOfLifeEntry(product: "ruby", cycle: "1.8.7", endOfLife: day(2014, 7, 31), source: ruby187),
        EndOfLifeEntry(product: "ruby", cycle: "1.9.3", endOfLife: day(2015, 2, 23), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "2.0", endOfLife: day(2016, 2, 24), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "2.1", endOfLife: day(2017, 3, 31), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "2.2", endOfLife: day(2018, 3, 31), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "2.3", endOfLife: day(2019, 3, 31), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "2.4", endOfLife: day(2020, 3, 31), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "2.5", endOfLife: day(2021, 4, 5), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "2.6", endOfLife: day(2022, 4, 12), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "2.7", endOfLife: day(2023, 3, 31), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "3.0", endOfLife: day(2024, 4, 23), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "3.1", endOfLife: day(2025, 3, 26), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "3.2", endOfLife: day(2026, 4, 1), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "3.3", endOfLife: day(2027, 3, 31), source: rubyBranches),
        EndOfLifeEntry(product: "ruby", cycle: "3.4", endOfLife: day(2028, 3, 31), source: rubyEOLDate),
        EndOfLifeEntry(product: "ruby", cycle: "4.0", endOfLife: day(2029, 3, 31), source: rubyEOLDate),

        // Ruby on Rails
        // Rails 3.2 was the last 3.x series: it kept severe-security fixes until the next major
        // release, Rails 5.0 (2016-06-30), whose maintenance policy no longer lists it.
        EndOfLifeEntry(product: "rails", cycle: "3.2", endOfLife: day(2016, 6, 30),
                       source: "https://guides.rubyonrails.org/v5.0/maintenance_policy.html"),
        EndOfLifeEntry(product: "rails", cycle: "4.2", endOfLife: day(2017, 4, 27), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "5.0", endOfLife: day(2018, 4, 9), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "5.1", endOfLife: day(2019, 8, 25), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "5.2", endOfLife: day(2022, 6, 1), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "6.0", endOfLife: day(2023, 6, 1), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "6.1", endOfLife: day(2024, 10, 1), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "7.0", endOfLife: day(2025, 4, 1), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "7.1", endOfLife: day(2025, 10, 1), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "7.2", endOfLife: day(2026, 8, 9), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "8.0", endOfLife: day(2026, 11, 7), source: railsEOLDate),
        EndOfLifeEntry(product: "rails", cycle: "8.1", endOfLife: day(2027, 10, 10), source: railsEOLDate),

        // Ubuntu: standard support, then ESM (see the note above); interim releases have no ESM
        EndOfLifeEntry(product: "ubuntu", cycle: "12.04", endOfSupport: day(2017, 4, 28), endOfExtendedSupport: day(2019, 4, 26), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "14.04", endOfSupport: day(2019, 4, 2), endOfExtendedSupport: day(2024, 4, 2), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "16.04", endOfSupport: day(2021, 4, 2), endOfExtendedSupport: day(2026, 4, 2), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "18.04", endOfSupport: day(2023, 5, 31), endOfExtendedSupport: day(2028, 4, 1), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "20.04", endOfSupport: day(2025, 5, 31), endOfExtendedSupport: day(2030, 4, 2), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "20.10", endOfLife: day(2021, 7, 22), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "21.04", endOfLife: day(2022, 1, 20), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "21.10", endOfLife: day(2022, 7, 14), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "22.04", endOfSupport: day(2027, 4, 1), endOfExtendedSupport: day(2032, 4, 9), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "22.10", endOfLife: day(2023, 7, 20), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "23.04", endOfLife: day(2024, 1, 20), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "23.10", endOfLife: day(2024, 7, 12), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "24.04", endOfSupport: day(2029, 5, 31), endOfExtendedSupport: day(2036, 5, 31), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "24.10", endOfLife: day(2025, 7, 10), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "25.04", endOfLife: day(2026, 1, 17), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "25.10", endOfLife: day(2026, 7, 1), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "26.04", endOfSupport: day(2031, 4, 30), endOfExtendedSupport: day(2036, 4, 30), source: ubuntuEOLDate),

        // PostgreSQL
        EndOfLifeEntry(product: "postgres", cycle: "9.0", endOfLife: day(2015, 10, 8), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "9.1", endOfLife: day(2016, 10, 27), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "9.2", endOfLife: day(2017, 11, 9), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "9.3", endOfLife: day(2018, 11, 8), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "9.4", endOfLife: day(2020, 2, 13), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "9.5", endOfLife: day(2021, 2, 11), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "9.6", endOfLife: day(2021, 11, 11), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "10", endOfLife: day(2022, 11, 10), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "11", endOfLife: day(2023, 11, 9), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "12", endOfLife: day(2024, 11, 21), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "13", endOfLife: day(2025, 11, 13), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "14", endOfLife: day(2026, 11, 12), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "15", endOfLife: day(2027, 11, 11), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "16", endOfLife: day(2028, 11, 9), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "17", endOfLife: day(2029, 11, 8), source: postgresEOLDate),
        EndOfLifeEntry(product: "postgres", cycle: "18", endOfLife: day(2030, 11, 14), source: postgresEOLDate),

        // Python
        EndOfLifeEntry(product: "python", cycle: "2.6", endOfLife: day(2013, 10, 29), source: pythonDevguide),
        EndOfLifeEntry(product: "python", cycle: "2.7", endOfLife: day(2020, 1, 1), source: pythonDevguide),
        EndOfLifeEntry(product: "python", cycle: "3.3", endOfLife: day(2017, 9, 29), source: pythonDevguide),
        EndOfLifeEntry(product: "python", cycle: "3.4", endOfLife: day(2019, 3, 18), source: pythonDevguide),
        EndOfLifeEntry(product: "python", cycle: "3.5", endOfLife: day(2020, 9, 30), source: pythonDevguide),
        EndOfLifeEntry(product: "python", cycle: "3.6", endOfLife: day(2021, 12, 23), source: pythonDevguide),
        EndOfLifeEntry(product: "python", cycle: "3.7", endOfLife: day(2023, 6, 27), source: pythonReleaseCycle),
        EndOfLifeEntry(product: "python", cycle: "3.8", endOfLife: day(2024, 10, 7), source: pythonReleaseCycle),
        EndOfLifeEntry(product: "python", cycle: "3.9", endOfLife: day(2025, 10, 31), source: pythonReleaseCycle),
        EndOfLifeEntry(product: "python", cycle: "3.10", endOfLife: day(2026, 10, 31), source: pythonEOLDate),
        EndOfLifeEntry(product: "python", cycle: "3.11", endOfLife: day(2027, 10, 31), source: pythonEOLDate),
        EndOfLifeEntry(product: "python", cycle: "3.12", endOfLife: day(2028, 10, 31), source: pythonEOLDate),
        EndOfLifeEntry(product: "python", cycle: "3.13", endOfLife: day(2029, 10, 31), source: pythonEOLDate),
        EndOfLifeEntry(product: "python", cycle: "3.14", endOfLife: day(2030, 10, 31), source: pythonEOLDate),

        // Django (LTS: 1.4, 1.8, 1.11, 2.2, 3.2, 4.2, 5.2)
        EndOfLifeEntry(product: "django", cycle: "1.3", endOfLife: day(2013, 2, 26), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "1.4", endOfLife: day(2015, 10, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "1.5", endOfLife: day(2014, 9, 2), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "1.6", endOfLife: day(2015, 4, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "1.7", endOfLife: day(2015, 12, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "1.8", endOfLife: day(2018, 4, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "1.9", endOfLife: day(2017, 4, 4), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "1.10", endOfLife: day(2017, 12, 2), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "1.11", endOfLife: day(2020, 4, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "2.0", endOfLife: day(2019, 4, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "2.1", endOfLife: day(2019, 12, 2), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "2.2", endOfLife: day(2022, 4, 11), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "3.0", endOfLife: day(2021, 4, 6), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "3.1", endOfLife: day(2021, 12, 7), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "3.2", endOfLife: day(2024, 4, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "4.0", endOfLife: day(2023, 4, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "4.1", endOfLife: day(2023, 12, 1), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "4.2", endOfLife: day(2026, 4, 7), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "5.0", endOfLife: day(2025, 4, 2), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "5.1", endOfLife: day(2025, 12, 3), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "5.2", endOfLife: day(2028, 4, 30), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "6.0", endOfLife: day(2027, 4, 30), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "6.1", endOfLife: day(2027, 12, 31), source: djangoEOLDate),

        // Elixir (security patches for the last five minor branches)
        EndOfLifeEntry(product: "elixir", cycle: "1.4", endOfLife: day(2019, 6, 24), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.5", endOfLife: day(2020, 1, 27), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.6", endOfLife: day(2020, 10, 6), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.7", endOfLife: day(2021, 5, 19), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.8", endOfLife: day(2021, 12, 3), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.9", endOfLife: day(2022, 9, 1), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.10", endOfLife: day(2023, 6, 19), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.11", endOfLife: day(2023, 12, 22), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.12", endOfLife: day(2024, 6, 12), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.13", endOfLife: day(2024, 12, 19), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.14", endOfLife: day(2025, 10, 16), source: elixirEOLDate),
        EndOfLifeEntry(product: "elixir", cycle: "1.15", endOfLife: day(2026, 6, 3), source: elixirEOLDate),

        // Erlang/OTP (27 to 29: endoflife.date's projection, three years after release)
        EndOfLifeEntry(product: "erlang", cycle: "18", endOfLife: day(2018, 11, 9), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "19", endOfLife: day(2019, 6, 21), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "20", endOfLife: day(2020, 6, 21), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "21", endOfLife: day(2021, 6, 19), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "22", endOfLife: day(2024, 3, 18), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "23", endOfLife: day(2024, 3, 14), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "24", endOfLife: day(2024, 5, 10), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "25", endOfLife: day(2025, 5, 17), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "26", endOfLife: day(2026, 5, 26), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "27", endOfLife: day(2027, 5, 20), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "28", endOfLife: day(2028, 5, 20), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "29", endOfLife: day(2029, 5, 11), source: erlangEOLDate),

        // Deis v1 PaaS ("support ends February 13, 2017", deis-admin on 2017-01-19)
        EndOfLifeEntry(product: "deis", cycle: "1", endOfLife: day(2017, 2, 13), source: deisV1),

        // CoreOS Container Linux (every version; see the note above)
        EndOfLifeEntry(product: "coreos", cycle: "", endOfLife: day(2020, 5, 26), source: coreOS),

        // MongoDB
        EndOfLifeEntry(product: "mongodb", cycle: "2.6", endOfLife: day(2016, 10, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "3.0", endOfLife: day(2018, 2, 28), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "3.2", endOfLife: day(2018, 9, 30), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "3.4", endOfLife: day(2020, 1, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "3.6", endOfLife: day(2021, 4, 30), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "4.0", endOfLife: day(2022, 4, 30), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "4.2", endOfLife: day(2023, 4, 30), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "4.4", endOfLife: day(2024, 2, 29), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "5.0", endOfLife: day(2024, 10, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "5.1", endOfLife: day(2022, 1, 19), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "5.2", endOfLife: day(2022, 3, 23), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "5.3", endOfLife: day(2022, 7, 19), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "6.0", endOfLife: day(2025, 7, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "6.1", endOfLife: day(2023, 2, 9), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "6.2", endOfLife: day(2023, 4, 24), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "6.3", endOfLife: day(2023, 8, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "7.0", endOfLife: day(2027, 8, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "7.1", endOfLife: day(2024, 1, 23), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "7.2", endOfLife: day(2024, 3, 27), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "7.3", endOfLife: day(2024, 10, 2), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "8.0", endOfLife: day(2029, 10, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "8.1", endOfLife: day(2025, 9, 30), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "8.2", endOfLife: day(2026, 7, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "8.3", endOfLife: day(2029, 10, 31), source: mongoEOLDate),

        // Node.js
        EndOfLifeEntry(product: "nodejs", cycle: "0.10", endOfLife: day(2016, 10, 31), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "0.12", endOfLife: day(2016, 12, 31), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "4", endOfLife: day(2018, 4, 30), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "5", endOfLife: day(2016, 6, 30), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "6", endOfLife: day(2019, 4, 30), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "7", endOfLife: day(2017, 6, 30), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "8", endOfLife: day(2019, 12, 31), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "9", endOfLife: day(2018, 6, 30), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "10", endOfLife: day(2021, 4, 30), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "11", endOfLife: day(2019, 6, 1), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "12", endOfLife: day(2022, 4, 30), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "13", endOfLife: day(2020, 6, 1), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "14", endOfLife: day(2023, 4, 30), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "15", endOfLife: day(2021, 6, 1), source: nodeSchedule),
        EndOfLifeEntry(product: "nodejs", cycle: "16", endOfLife: day(2023, 9, 11), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "17", endOfLife: day(2022, 6, 1), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "18", endOfLife: day(2025, 4, 30), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "19", endOfLife: day(2023, 6, 1), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "20", endOfLife: day(2026, 4, 30), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "21", endOfLife: day(2024, 6, 1), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "22", endOfLife: day(2027, 4, 30), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "23", endOfLife: day(2025, 6, 1), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "24", endOfLife: day(2028, 4, 30), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "25", endOfLife: day(2026, 6, 1), source: nodeEOLDate),
        EndOfLifeEntry(product: "nodejs", cycle: "26", endOfLife: day(2029, 4, 30), source: nodeEOLDate),

        // Debian: regular security support, then Debian LTS
        EndOfLifeEntry(product: "debian", cycle: "6", endOfSupport: day(2014, 5, 31), endOfExtendedSupport: day(2016, 2, 29), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "7", endOfSupport: day(2016, 4, 25), endOfExtendedSupport: day(2018, 5, 31), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "8", endOfSupport: day(2018, 6, 17), endOfExtendedSupport: day(2020, 6, 30), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "9", endOfSupport: day(2020, 7, 18), endOfExtendedSupport: day(2022, 7, 1), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "10", endOfSupport: day(2022, 9, 10), endOfExtendedSupport: day(2024, 6, 30), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "11", endOfSupport: day(2024, 8, 14), endOfExtendedSupport: day(2026, 8, 31), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "12", endOfSupport: day(2026, 7, 11), endOfExtendedSupport: day(2028, 6, 30), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "13", endOfSupport: day(2028, 8, 9), endOfExtendedSupport: day(2030, 6, 30), source: debianEOLDate),

        // ClickHouse
        EndOfLifeEntry(product: "clickhouse", cycle: "25.1", endOfLife: day(2025, 4, 22), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.2", endOfLife: day(2025, 5, 22), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.3", endOfLife: day(2026, 3, 20), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.4", endOfLife: day(2025, 7, 29), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.5", endOfLife: day(2025, 8, 29), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.6", endOfLife: day(2025, 9, 27), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.7", endOfLife: day(2025, 11, 1), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.8", endOfLife: day(2026, 8, 29), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.9", endOfLife: day(2025, 12, 18), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.10", endOfLife: day(2026, 1, 30), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.11", endOfLife: day(2026, 2, 27), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "25.12", endOfLife: day(2026, 3, 26), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "26.1", endOfLife: day(2026, 5, 5), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "26.2", endOfLife: day(2026, 5, 21), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "26.3", endOfLife: day(2027, 3, 26), source: clickhouseEOLDate),
        EndOfLifeEntry(product: "clickhouse", cycle: "26.4", endOfLife: day(2026, 7, 22), source: clickhouseEOLDate),

        // Apache Kafka
        EndOfLifeEntry(product: "kafka", cycle: "0.7", endOfLife: day(2013, 12, 3), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "0.8", endOfLife: day(2015, 11, 23), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "0.9", endOfLife: day(2016, 5, 22), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "0.10", endOfLife: day(2018, 7, 2), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "0.11", endOfLife: day(2018, 7, 2), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "1.0", endOfLife: day(2018, 7, 8), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "1.1", endOfLife: day(2018, 7, 30), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.0", endOfLife: day(2018, 11, 20), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.1", endOfLife: day(2019, 3, 22), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.2", endOfLife: day(2019, 12, 1), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.3", endOfLife: day(2019, 12, 16), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.4", endOfLife: day(2020, 4, 15), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.5", endOfLife: day(2020, 8, 10), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.6", endOfLife: day(2021, 11, 15), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.7", endOfLife: day(2021, 11, 15), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "2.8", endOfLife: day(2022, 9, 19), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.0", endOfLife: day(2022, 9, 19), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.1", endOfLife: day(2022, 9, 19), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.2", endOfLife: day(2022, 9, 28), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.3", endOfLife: day(2023, 2, 6), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.4", endOfLife: day(2023, 6, 13), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.5", endOfLife: day(2023, 10, 3), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.6", endOfLife: day(2024, 2, 27), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.7", endOfLife: day(2024, 7, 26), source: kafkaEOLDate),
        EndOfLifeEntry(product: "kafka", cycle: "3.8", endOfLife: day(2024, 11, 6), source: kafkaEOLDate),

        // Redis
        EndOfLifeEntry(product: "redis", cycle: "5.0", endOfLife: day(2022, 4, 27), source: redisEOLDate),
        EndOfLifeEntry(product: "redis", cycle: "6.0", endOfLife: day(2022, 5, 31), source: redisEOLDate),
        EndOfLifeEntry(product: "redis", cycle: "6.2", endOfLife: day(2027, 4, 1), source: redisEOLDate),
        EndOfLifeEntry(product: "redis", cycle: "7.0", endOfLife: day(2024, 7, 29), source: redisEOLDate),
        EndOfLifeEntry(product: "redis", cycle: "7.2", endOfLife: day(2029, 12, 1), source: redisEOLDate),
        EndOfLifeEntry(product: "redis", cycle: "7.4", endOfLife: day(2029, 12, 1), source: redisEOLDate),
        EndOfLifeEntry(product: "redis", cycle: "8.0", endOfLife: day(2026, 12, 1), source: redisEOLDate),
        EndOfLifeEntry(product: "redis", cycle: "8.2", endOfLife: day(2030, 9, 1), source: redisEOLDate),

        // Valkey: maintenance support, then extended security support
        EndOfLifeEntry(product: "valkey", cycle: "7.2", endOfSupport: day(2027, 4, 16), endOfExtendedSupport: day(2029, 4, 16), source: valkeyEOLDate),
        EndOfLifeEntry(product: "valkey", cycle: "8.0", endOfLife: day(2027, 9, 15), source: valkeyEOLDate),
        EndOfLifeEntry(product: "valkey", cycle: "8.1", endOfSupport: day(2028, 3, 31), endOfExtendedSupport: day(2030, 3, 31), source: valkeyEOLDate),
        EndOfLifeEntry(product: "valkey", cycle: "9.0", endOfLife: day(2028, 10, 21), source: valkeyEOLDate),

        // Elasticsearch
        EndOfLifeEntry(product: "elasticsearch", cycle: "6", endOfLife: day(2022, 2, 10), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "7", endOfLife: day(2026, 1, 15), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "8.16", endOfLife: day(2025, 4, 15), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "8.17", endOfLife: day(2025, 8, 12), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "8.18", endOfLife: day(2025, 10, 21), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "8.19", endOfLife: day(2027, 7, 15), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "9.0", endOfLife: day(2025, 10, 23), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "9.1", endOfLife: day(2026, 2, 3), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "9.2", endOfLife: day(2026, 5, 5), source: elasticsearchEOLDate),
        EndOfLifeEntry(product: "elasticsearch", cycle: "9.3", endOfLife: day(2026, 8, 4), source: elasticsearchEOLDate),

        // OpenSearch
        EndOfLifeEntry(product: "opensearch", cycle: "1", endOfLife: day(2025, 5, 6), source: opensearchEOLDate),

        // MySQL: Premier Support, then Extended Support
        EndOfLifeEntry(product: "mysql", cycle: "5.5", endOfSupport: day(2015, 12, 31), endOfExtendedSupport: day(2018, 12, 31), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "5.6", endOfSupport: day(2018, 2, 28), endOfExtendedSupport: day(2021, 2, 28), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "5.7", endOfSupport: day(2020, 10, 31), endOfExtendedSupport: day(2023, 10, 31), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "8.0", endOfSupport: day(2025, 4, 30), endOfExtendedSupport: day(2026, 4, 30), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "8.1", endOfLife: day(2023, 10, 25), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "8.2", endOfLife: day(2023, 12, 14), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "8.3", endOfLife: day(2024, 4, 10), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "8.4", endOfSupport: day(2029, 4, 30), endOfExtendedSupport: day(2032, 4, 30), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "9.0", endOfLife: day(2024, 10, 15), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "9.1", endOfLife: day(2025, 1, 21), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "9.2", endOfLife: day(2025, 4, 15), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "9.3", endOfLife: day(2025, 7, 22), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "9.4", endOfLife: day(2025, 10, 21), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "9.5", endOfLife: day(2026, 1, 20), source: mysqlEOLDate),
        EndOfLifeEntry(product: "mysql", cycle: "9.6", endOfLife: day(2026, 4, 21), source: mysqlEOLDate),

        // MariaDB: community support, then Enterprise support
        EndOfLifeEntry(product: "mariadb", cycle: "5.1", endOfLife: day(2015, 2, 1), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "5.2", endOfLife: day(2015, 11, 10), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "5.3", endOfLife: day(2017, 3, 1), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "5.5", endOfLife: day(2020, 4, 11), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.0", endOfLife: day(2019, 3, 31), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.1", endOfLife: day(2020, 10, 17), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.2", endOfLife: day(2022, 5, 23), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.3", endOfLife: day(2023, 5, 25), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.4", endOfLife: day(2024, 6, 18), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.5", endOfSupport: day(2025, 6, 24), endOfExtendedSupport: day(2025, 7, 16), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.6", endOfSupport: day(2026, 7, 6), endOfExtendedSupport: day(2029, 8, 23), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.7", endOfLife: day(2023, 2, 9), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.8", endOfLife: day(2023, 5, 20), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.9", endOfLife: day(2023, 8, 22), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.10", endOfLife: day(2023, 11, 17), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "10.11", endOfLife: day(2028, 2, 16), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.0", endOfLife: day(2024, 6, 6), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.1", endOfLife: day(2024, 8, 21), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.2", endOfLife: day(2024, 11, 21), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.3", endOfLife: day(2024, 5, 29), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.4", endOfSupport: day(2029, 5, 29), endOfExtendedSupport: day(2033, 1, 16), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.5", endOfLife: day(2024, 11, 21), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.6", endOfLife: day(2025, 2, 13), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.7", endOfLife: day(2025, 5, 12), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "11.8", endOfSupport: day(2028, 6, 4), endOfExtendedSupport: day(2033, 10, 22), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "12.0", endOfLife: day(2025, 11, 18), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "12.1", endOfLife: day(2026, 2, 13), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "12.2", endOfLife: day(2026, 5, 28), source: mariadbEOLDate),
        EndOfLifeEntry(product: "mariadb", cycle: "12.3", endOfLife: day(2029, 6, 12), source: mariadbEOLDate),
    ]

    private static func day(_ y: Int, _ m: Int, _ d: Int) -> Day {
        guard let value = Day(year: y, month: m, day: d) else {
            preconditionFailure("EndOfLifeTable: invalid day \(y)-\(m)-\(d)")
        }
        return value
    }
}
