extension Schedule {
    /// The longest time between two consecutive runs: the most data a failure just before a run
    /// can lose. Nil when the schedule never runs twice (it never repeats).
    public var longestGap: Duration? {
        switch self {
        case .every(let interval): interval
        case .cron(let expression): expression.longestGap
        }
    }
}

extension CronExpression {
    /// The days, counted from 1970-01-01, over which the longest gap is measured: 2024-01-01 up
    /// to 2032-01-01. Eight whole years meet months of every length, every weekday on every
    /// date and a leap day twice; a fixed window keeps the answer deterministic.
    static let gapWindow = 19_723..<22_645

    /// The longest gap between consecutive runs over `gapWindow`, nil with fewer than
    /// two runs in that window.
    public var longestGap: Duration? {
        let runsInDay = hours.flatMap { hour in minutes.map { minute in hour * 3_600 + minute * 60 } }.sorted()
        guard let firstInDay = runsInDay.first, let lastInDay = runsInDay.last else { return nil }
        // Gaps between runs of the same day are the same on every day that runs.
        let longestInDay = zip(runsInDay, runsInDay.dropFirst()).map { $1 - $0 }.max()
        // Most schedules run every day (`0 */4 * * *`, `@daily`): the longest gap is then the longer
        // of the gaps within a day and the one across midnight, as the walk below would find.
        if months.count == 12, !dayOfMonthRestricted, !dayOfWeekRestricted, daysOfMonth.count >= 31, daysOfWeek.isSuperset(of: 0...6) {
            return Duration(seconds: max(longestInDay ?? 0, 86_400 - lastInDay + firstInDay))
        }

        var lastRun: Int?
        var longest: Int?
        for dayNumber in Self.gapWindow {
            guard let day = Day(daysSinceEpoch: dayNumber), runs(on: day, weekday: Self.weekday(dayNumber)) else { continue }
            let dayStart = dayNumber * 86_400
            if let lastRun { longest = max(longest ?? 0, dayStart + firstInDay - lastRun) }
            if let longestInDay { longest = max(longest ?? 0, longestInDay) }
            lastRun = dayStart + lastInDay
        }
        return longest.map { Duration(seconds: $0) }
    }

    /// Whether the schedule runs on `day`: as in Vixie cron, when both day fields are restricted
    /// either may match; otherwise both must.
    func runs(on day: Day, weekday: Int) -> Bool {
        guard months.contains(day.month) else { return false }
        let dateMatches = daysOfMonth.contains(day.day)
        let weekdayMatches = daysOfWeek.contains(weekday)
        if dayOfMonthRestricted && dayOfWeekRestricted { return dateMatches || weekdayMatches }
        return dateMatches && weekdayMatches
    }

    /// 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday.
    static func weekday(_ daysSinceEpoch: Int) -> Int {
        ((daysSinceEpoch % 7) + 7 + 4) % 7
    }
}
