/// How host names are ordered in reports: runs of digits compare as numbers, so that `node2` comes before
/// `node10`.
enum HostName {
    /// Names compared with runs of digits as numbers, so that `node2` comes before `node10`.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        var left = Substring(lhs)
        var right = Substring(rhs)
        while let a = left.first, let b = right.first {
            if a.isASCII && a.isNumber && b.isASCII && b.isNumber {
                let leftDigits = left.prefix { $0.isASCII && $0.isNumber }
                let rightDigits = right.prefix { $0.isASCII && $0.isNumber }
                let leftValue = leftDigits.drop { $0 == "0" }
                let rightValue = rightDigits.drop { $0 == "0" }
                if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
                if leftValue != rightValue { return leftValue < rightValue }
                left = left.dropFirst(leftDigits.count)
                right = right.dropFirst(rightDigits.count)
            } else {
                if a != b { return a < b }
                left = left.dropFirst()
                right = right.dropFirst()
            }
        }
        return left.count < right.count || (left.isEmpty && right.isEmpty && lhs < rhs)
    }
}
