import Testing
@testable import InfraModel

@Suite("Durations, days and schedules")
struct ValueTests {
    @Test(arguments: [("30s", 30), ("15m", 900), ("4h", 14_400), ("7d", 604_800), ("12w", 7_257_600), ("0s", 0),
                      ("99999999999w", 99_999_999_999 * 604_800)])
    func parsesDurations(_ text: String, _ seconds: Int) {
        #expect(Duration(parsing: text)?.seconds == seconds)
    }

    @Test(arguments: ["", "4", "h", "4 h", "4hours", "-4h", "+4h", "1.5h", "4H", "99999999999999w", "123456789012w",
                      "٤h", "4h\u{301}", "４h"])
    func rejectsDurations(_ text: String) {
        #expect(Duration(parsing: text) == nil)
    }

    @Test func describesDurationsInTheLargestUnit() {
        #expect(Duration(seconds: 86_400).description == "1d")
        #expect(Duration(seconds: 90).description == "90s")
        #expect(Duration(seconds: 14 * 86_400).description == "2w")
    }

    @Test func parsesRealDaysOnly() {
        #expect(Day(parsing: "2024-02-29") == Day(year: 2024, month: 2, day: 29))
        #expect(Day(parsing: "2023-02-29") == nil)
        #expect(Day(parsing: "2024-13-01") == nil)
        #expect(Day(parsing: "2024-1-01") == nil)
        #expect(Day(parsing: "1900-02-29") == nil)
        #expect(Day(parsing: "2000-02-29") != nil)
        #expect(Day(parsing: "0000-01-01") == nil)
        #expect(Day(parsing: "２０２４-01-01") == nil)
        #expect(Day(parsing: "2024-01-01x") == nil)
    }

    @Test func countsDaysBetween() throws {
        let epoch = try #require(Day(parsing: "1970-01-01"))
        #expect(epoch.daysSinceEpoch == 0)
        let start = try #require(Day(parsing: "2024-01-01"))
        let end = try #require(Day(parsing: "2025-01-01"))
        #expect(start.days(to: end) == 366)
        #expect(start.description == "2024-01-01")
    }

    @Test func parsesSchedules() throws {
        #expect(Schedule.parse("every 4h") == .success(.every(Duration(seconds: 14_400))))
        guard case .success(.cron(let daily)) = Schedule.parse("@daily") else { Issue.record("no cron"); return }
        #expect(daily.minutes == [0] && daily.hours == [0])
        guard case .success(.cron(let expression)) = Schedule.parse("*/15 9-17 * jan-mar mon-fri") else {
            Issue.record("no cron")
            return
        }
        #expect(expression.minutes == [0, 15, 30, 45])
        #expect(expression.hours == Set(9...17))
        #expect(expression.months == [1, 2, 3])
        #expect(expression.daysOfWeek == Set(1...5))
        #expect(!expression.dayOfMonthRestricted && expression.dayOfWeekRestricted)
        guard case .success(.cron(let sunday)) = Schedule.parse("0 2 1,15 * 7") else { Issue.record("no cron"); return }
        #expect(sunday.daysOfWeek == [0])
        #expect(sunday.daysOfMonth == [1, 15])
    }

    @Test(arguments: ["0 2 * *", "60 * * * *", "* * 0 * *", "* * * 13 *", "5-1 * * * *", "*/0 * * * *", "@yearly", "every", "every 4 hours", "a b c d e"])
    func rejectsSchedules(_ text: String) {
        guard case .failure(let error) = Schedule.parse(text) else {
            Issue.record("'\(text)' parsed")
            return
        }
        #expect(!error.message.isEmpty)
    }
}
