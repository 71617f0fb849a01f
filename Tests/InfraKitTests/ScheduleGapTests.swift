import Testing
@testable import InfraModel

@Suite("Longest gap between scheduled runs")
struct ScheduleGapTests {
    private static let hour = 3_600
    private static let day = 86_400

    private func gap(_ text: String) -> Int? {
        guard case .success(let schedule) = Schedule.parse(text) else {
            Issue.record("'\(text)' does not parse")
            return nil
        }
        return schedule.longestGap?.seconds
    }

    @Test(arguments: [
        ("@hourly", 3_600),
        ("@daily", 86_400),
        ("@weekly", 604_800),
        ("0 2 * * *", 86_400),
        ("0 */4 * * *", 14_400),
        ("*/15 * * * *", 900),
        ("every 4h", 14_400),
        ("every 90s", 90),
    ] as [(String, Int)])
    func regularSchedules(_ text: String, _ seconds: Int) {
        #expect(gap(text) == seconds)
    }

    @Test func weekdaysOnlyLeaveTheWeekend() {
        // Friday 02:00 to Monday 02:00.
        #expect(gap("0 2 * * 1-5") == 72 * Self.hour)
        #expect(gap("0 2 * * mon-fri") == 72 * Self.hour)
    }

    @Test func theTimeOfDayDoesNotChangeADailyGap() {
        #expect(gap("30 23 * * *") == 24 * Self.hour)
        #expect(gap("0 1 * * *") == 24 * Self.hour)
    }

    @Test func runsOnBothSidesOfMidnight() {
        // 01:00 to 23:00 is 22 hours; 23:00 to the next 01:00 only 2.
        #expect(gap("0 1,23 * * *") == 22 * Self.hour)
        #expect(gap("0 9-17 * * *") == 16 * Self.hour)
    }

    @Test func monthlyRunsWaitForTheLongestMonth() {
        #expect(gap("0 0 1 * *") == 31 * Self.day)
        #expect(gap("@monthly") == 31 * Self.day)
    }

    @Test func theThirtyFirstSkipsShortMonths() {
        // Jul 31 to Aug 31 is 31 days, but Aug 31 to Oct 31 is 61.
        #expect(gap("0 0 31 * *") == 61 * Self.day)
    }

    @Test func aLeapDayComesEveryFourYears() {
        #expect(gap("0 0 29 2 *") == (4 * 365 + 1) * Self.day)
    }

    @Test func restrictedDayFieldsMatchEitherDay() {
        // The 1st, the 15th and every Friday: never more than a week apart.
        #expect(gap("0 0 1,15 * 5") == 7 * Self.day)
        // Without the day of week, only the 1st and the 15th: up to 17 days (15th to the 1st of a 31-day month).
        #expect(gap("0 0 1,15 * *") == 17 * Self.day)
    }

    @Test func aStarredDayFieldNarrowsTheOther() {
        // `*/2` starts with `*`, so as in Vixie cron both day fields must match: odd dates only,
        // and the 31st to the 1st is one day when a month has 31 days but 2 days otherwise.
        #expect(gap("0 0 */2 * *") == 2 * Self.day)
        #expect(gap("0 0 */2 * 1") != nil)
    }

    @Test func aDayThatNeverComesNeverRepeats() {
        #expect(gap("0 0 30 2 *") == nil)
        #expect(gap("0 0 31 4,6,9,11 *") == nil)
    }

    @Test func theWindowIsEightWholeYears() throws {
        let start = try #require(Day(parsing: "2024-01-01"))
        let end = try #require(Day(parsing: "2032-01-01"))
        #expect(CronExpression.gapWindow == start.daysSinceEpoch..<end.daysSinceEpoch)
        #expect(CronExpression.weekday(start.daysSinceEpoch) == 1)
    }
}
