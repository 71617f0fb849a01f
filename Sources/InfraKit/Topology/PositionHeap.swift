/// Positions, smallest first. A position whose input has left the range it was pushed for never
/// comes back to it (health only gets worse), so it is dropped for good when found at the top.
struct PositionHeap {
    private var heap: [Int] = []

    /// Empties the heap, keeping its storage.
    mutating func removeAll() {
        heap.removeAll(keepingCapacity: true)
    }

    mutating func push(_ position: Int) {
        heap.append(position)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child] < heap[parent] else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// The smallest position still in range, dropping those that are not.
    mutating func first(where inRange: (Int) -> Bool) -> Int? {
        while let top = heap.first {
            if inRange(top) { return top }
            popTop()
        }
        return nil
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left] < heap[smallest] { smallest = left }
            if right < heap.count, heap[right] < heap[smallest] { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
