import InfraModel

/// One release cycle of a product and the day its support ends.
public struct EndOfLifeEntry: Sendable {
    /// Lowercase product name as inventories write it: "ruby", "rails", "ubuntu", "postgres", ...
    public let product: String
    /// The release cycle: "1.9.3", "3.2", "14.04", "9.3". A version matches when it equals the cycle or starts with cycle + ".".
    public let cycle: String
    /// The last day of support (security fixes); the software is end of life after it.
    public let endOfLife: Day
    /// Where the date comes from: a URL of the vendor's page or endoflife.date page.
    public let source: String
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
    ]

    private static let rubyBranches = "https://www.ruby-lang.org/en/downloads/branches/"
    private static let ruby187 = "https://www.ruby-lang.org/en/news/2014/07/01/eol-for-1-8-7-and-1-9-2/"
    private static let rubyEOLDate = "https://endoflife.date/ruby"
    private static let railsEOLDate = "https://endoflife.date/rails"
    private static let ubuntuEOLDate = "https://endoflife.date/ubuntu"
    private static let ubuntu1404 = "https://news.softpedia.com/news/canonical-announces-ubuntu-14-04-lts-trusty-tahr-extended-security-maintenance-522784.shtml"
    private static let ubuntu1604 = "https://9to5linux.com/canonical-says-ubuntu-16-04-enters-extended-security-maintenance-on-april-30th-2021"
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

    /// Entries grouped by product and sorted by cycle.
    ///
    /// Notes on particular entries:
    /// - Ubuntu dates are the end of standard support, not of ESM / Ubuntu Pro.
    /// - Debian dates are the end of regular Debian security support (the Debian wiki's
    ///   "End of life date"), not of Debian LTS.
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

        // Ubuntu LTS (end of standard support)
        EndOfLifeEntry(product: "ubuntu", cycle: "12.04", endOfLife: day(2017, 4, 28), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "14.04", endOfLife: day(2019, 4, 30), source: ubuntu1404),
        EndOfLifeEntry(product: "ubuntu", cycle: "16.04", endOfLife: day(2021, 4, 30), source: ubuntu1604),
        EndOfLifeEntry(product: "ubuntu", cycle: "18.04", endOfLife: day(2023, 5, 31), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "20.04", endOfLife: day(2025, 5, 31), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "22.04", endOfLife: day(2027, 4, 1), source: ubuntuEOLDate),
        EndOfLifeEntry(product: "ubuntu", cycle: "24.04", endOfLife: day(2029, 5, 31), source: ubuntuEOLDate),

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

        // Django (LTS: 1.4, 1.8, 1.11, 2.2, 3.2, 4.2, 5.2)
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
        EndOfLifeEntry(product: "django", cycle: "4.2", endOfLife: day(2026, 4, 30), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "5.0", endOfLife: day(2025, 4, 2), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "5.1", endOfLife: day(2025, 12, 3), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "5.2", endOfLife: day(2028, 4, 30), source: djangoEOLDate),
        EndOfLifeEntry(product: "django", cycle: "6.0", endOfLife: day(2027, 4, 30), source: djangoEOLDate),

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

        // Erlang/OTP
        EndOfLifeEntry(product: "erlang", cycle: "18", endOfLife: day(2018, 11, 9), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "19", endOfLife: day(2019, 6, 21), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "20", endOfLife: day(2020, 6, 21), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "21", endOfLife: day(2021, 6, 19), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "22", endOfLife: day(2022, 5, 10), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "23", endOfLife: day(2023, 6, 5), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "24", endOfLife: day(2024, 5, 10), source: erlangEOLDate),
        EndOfLifeEntry(product: "erlang", cycle: "25", endOfLife: day(2025, 5, 17), source: erlangEOLDate),

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
        EndOfLifeEntry(product: "mongodb", cycle: "5.1", endOfLife: day(2022, 1, 18), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "5.2", endOfLife: day(2022, 3, 23), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "5.3", endOfLife: day(2022, 7, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "6.0", endOfLife: day(2025, 7, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "6.1", endOfLife: day(2023, 2, 9), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "6.2", endOfLife: day(2023, 4, 24), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "6.3", endOfLife: day(2023, 8, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "7.0", endOfLife: day(2027, 8, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "7.1", endOfLife: day(2024, 1, 23), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "7.2", endOfLife: day(2024, 3, 27), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "7.3", endOfLife: day(2024, 10, 31), source: mongoEOLDate),
        EndOfLifeEntry(product: "mongodb", cycle: "8.0", endOfLife: day(2029, 10, 31), source: mongoEOLDate),

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

        // Debian (end of regular security support, not LTS)
        EndOfLifeEntry(product: "debian", cycle: "6", endOfLife: day(2014, 5, 31), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "7", endOfLife: day(2016, 4, 25), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "8", endOfLife: day(2018, 6, 17), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "9", endOfLife: day(2020, 7, 18), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "10", endOfLife: day(2022, 9, 10), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "11", endOfLife: day(2024, 8, 14), source: debianEOLDate),
        EndOfLifeEntry(product: "debian", cycle: "12", endOfLife: day(2026, 6, 10), source: debianEOLDate),
    ]

    private static func day(_ y: Int, _ m: Int, _ d: Int) -> Day {
        guard let value = Day(year: y, month: m, day: d) else {
            preconditionFailure("EndOfLifeTable: invalid day \(y)-\(m)-\(d)")
        }
        return value
    }
}
