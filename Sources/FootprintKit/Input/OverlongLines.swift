/// The lines longer than the maximum that a reader skipped: how many, and the numbers of the first few.
struct OverlongLines: Equatable {
    private(set) var numbers: [Int] = []
    private(set) var count = 0

    mutating func note(line: Int) {
        count += 1
        if numbers.count < FindingLog.keptPerKind { numbers.append(line) }
    }
}
