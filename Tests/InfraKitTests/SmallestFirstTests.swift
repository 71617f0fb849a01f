import Testing
@testable import InfraModel

/// `moveSmallestToFront` leaves exactly the smallest elements in front, whatever the input's order,
/// size and runs, and whatever the count asked for.
struct SmallestFirstTests {
    @Test(arguments: [0, 1, 2, 3, 10, 257, 5_000])
    func theSmallestAreInFront(size: Int) {
        var numbers = SourceFileTests.Numbers(state: UInt64(size) + 1)
        let shapes: [[Int]] = [
            (0..<size).map { _ in numbers.next(1_000_000) },
            Array(0..<size),
            Array((0..<size).reversed()),
            (0..<size).map { $0 % 7 },  // runs of equal values: ties broken by position below
            (0..<size).map { $0 % 2 == 0 ? $0 : size - $0 },  // organ pipe
        ]
        for (shape, values) in shapes.enumerated() {
            // Pairs (value, position): a strict total order, as the findings' keys are.
            let elements = values.enumerated().map { ($1, $0) }
            let less = { (a: (Int, Int), b: (Int, Int)) in a < b }
            let sorted = elements.sorted(by: less)
            for count in Set([0, 1, size / 3, size / 2, size - 1, size, size + 5]) where count >= 0 {
                var moved = elements
                moved.moveSmallestToFront(count, by: less)
                let front = moved.prefix(min(count, size)).sorted(by: less)
                #expect(front.elementsEqual(sorted.prefix(min(count, size)), by: ==), "shape \(shape), count \(count)")
                // Nothing lost or repeated.
                #expect(moved.sorted(by: less).elementsEqual(sorted, by: ==), "shape \(shape), count \(count)")
            }
        }
    }
}
