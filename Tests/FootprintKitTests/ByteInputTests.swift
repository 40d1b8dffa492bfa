import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// A stream that hands out at most `step` bytes per read, so that reads straddle buffer refills.
private final class SteppedStream: ByteStream {
    private let bytes: [UInt8]
    private let step: Int
    private var offset = 0
    let notes: [String] = []

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = step
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
        let count = min(step, buffer.count, bytes.count - offset)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}

/// The byte view every reader outside `Input/` goes through.
@Suite struct ByteViewTests {
    private let text = Array("ab,\"c d\",,e\u{0}f".utf8)

    @Test func indexesAndCountsLikeACollection() {
        text.withByteView { bytes in
            #expect(bytes.count == text.count && bytes.startIndex == 0 && bytes.endIndex == text.count)
            #expect(bytes[0] == UInt8(ascii: "a") && bytes[bytes.count - 1] == UInt8(ascii: "f"))
            #expect(Array(bytes) == text)
            #expect(String(decoding: bytes, as: UTF8.self) == "ab,\"c d\",,e\u{0}f")
            #expect(bytes.elementsEqual(text) && bytes.allSatisfy { $0 < 0x80 })
        }
        #expect(ByteView().isEmpty && ByteView().count == 0)
    }

    @Test func subViewsStartAtZero() {
        text.withByteView { bytes in
            let quoted = bytes.extracting(3..<8)
            #expect(quoted.count == 5 && quoted[0] == 0x22 && quoted[4] == 0x22)
            #expect(quoted.string(in: 1..<4) == "c d")
            #expect(bytes.extracting(4..<4).isEmpty)
            #expect(bytes.string(in: 0..<bytes.count) == "ab,\"c d\",,e\u{0}f")
        }
    }

    @Test func searchesFromAnIndex() {
        text.withByteView { bytes in
            #expect(bytes.firstIndex(of: UInt8(ascii: ","), from: 0) == 2)
            #expect(bytes.firstIndex(of: UInt8(ascii: ","), from: 3) == 8)
            #expect(bytes.firstIndex(of: 0, from: 0) == 11)
            #expect(bytes.firstIndex(of: UInt8(ascii: "z"), from: 0) == nil)
            #expect(bytes.firstIndex(of: UInt8(ascii: "a"), from: bytes.count) == nil)
            #expect(bytes.firstIndex(from: 0) { $0 == 0x22 } == 3)
            #expect(bytes.firstIndex(from: 4) { $0 == 0x22 } == 7)
            #expect(bytes.firstIndex(from: 0) { $0 == UInt8(ascii: "z") } == bytes.count)
            #expect(ByteView().firstIndex(from: 0) { _ in true } == 0)
        }
    }

    @Test func findsEitherOfTwoBytesAsAByteLoopDoes() {
        // Every start in lines of every length up to 40 (the word loop and its tail), with the sought bytes at
        // random places among bytes that differ from them by one bit (0x80 and 0x01 apart, which the word trick
        // must not take for them).
        var generator = SystemRandomNumberGenerator()
        let filler: [UInt8] = [0x2d, 0x2a, 0xac, 0xa2, 0x23, 0x21, 0x00, 0xff, 0x61]
        for length in 0...40 {
            for _ in 0..<20 {
                let line = (0..<length).map { _ in
                    Int.random(in: 0..<8, using: &generator) == 0
                        ? (Bool.random(using: &generator) ? UInt8(ascii: ",") : 0x22)
                        : filler.randomElement(using: &generator)!
                }
                line.withByteView { bytes in
                    for start in 0...length {
                        let expected = line[start...].firstIndex { $0 == UInt8(ascii: ",") || $0 == 0x22 }
                        #expect(bytes.firstIndex(of: UInt8(ascii: ","), or: 0x22, from: start) == expected)
                    }
                }
            }
        }
    }

    @Test func comparesWithStoredBytes() {
        text.withByteView { bytes in
            #expect(bytes.extracting(0..<2).equals(Array("ab".utf8)))
            #expect(!bytes.extracting(0..<2).equals(Array("ac".utf8)))
            #expect(!bytes.extracting(0..<2).equals(Array("abc".utf8)))
            #expect(bytes.extracting(2..<2).equals([]))
        }
    }

    /// Views of every length up to 80 bytes (word by word from 8 to 64, `memcmp` otherwise), at offsets into the
    /// stored bytes, against copies with one byte changed at each place.
    @Test func comparesWordByWordAsByteByByte() {
        let stored = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for offset in [0, 1, 7, 13] {
            for length in 0...80 where offset + length <= stored.count {
                let same = Array(stored[offset..<(offset + length)])
                same.withByteView { view in
                    #expect(view.equals(stored, at: offset), "\(length) at \(offset)")
                    #expect(view.equals(same) && !view.equals(same + [0]), "\(length)")
                    for place in 0..<length {
                        var changed = stored
                        changed[offset + place] ^= 0x80
                        #expect(!view.equals(changed, at: offset), "\(length) at \(offset), byte \(place)")
                    }
                }
                // One byte along, the bytes differ (no two neighbours of `stored` are equal).
                let shifted = Array(stored[offset..<(offset + length)]).withByteView {
                    $0.equals(stored, at: offset + 1)
                }
                #expect(shifted == (length == 0), "\(length) at \(offset)")
            }
        }
    }

    @Test func loadsLittleEndianIntegersAtAnyOffset() {
        let bytes: [UInt8] = [0xFF, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]
        bytes.withByteView { view in
            #expect(view.littleEndianUInt16(at: 1) == 0x0201)
            #expect(view.littleEndianUInt32(at: 1) == 0x0403_0201)
            #expect(view.littleEndianUInt64(at: 1) == 0x0807_0605_0403_0201)
            #expect(view.littleEndianUInt32(at: 5) == 0x0807_0605)
        }
    }

    @Test func appendsToArraysInOneCopy() {
        var out: [UInt8] = [0x2A]
        text.withByteView { bytes in out.append(contentsOf: bytes.extracting(0..<2)) }
        #expect(out == [0x2A, UInt8(ascii: "a"), UInt8(ascii: "b")])
    }

    @Test func rawBuffersAndArraysLendTheSameView() {
        let fromArray = text.withByteView { Array($0) }
        let fromRaw = text.withUnsafeBytes { raw in raw.withByteView { Array($0) } }
        let fromTyped = text.withUnsafeBufferPointer { typed in typed.withByteView { Array($0) } }
        #expect(fromArray == text && fromRaw == text && fromTyped == text)
    }
}

/// The owned, refilled window of the TFRecord and JSON readers.
@Suite struct StreamBufferTests {
    private let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }

    @Test(arguments: [1, 3, 64, 4096])
    func fillsAcrossShortReadsAndTracksTheOffset(step: Int) throws {
        let input = StreamBuffer(stream: SteppedStream(bytes, step: step), chunkBytes: 16)
        var read: [UInt8] = []
        while try input.fill(atLeast: 10) {
            #expect(input.offset == read.count)
            read.append(contentsOf: input.withUnreadBytes { Array($0.extracting(0..<10)) })
            #expect(input[0] == read[read.count - 10] && input[9] == read[read.count - 1])
            input.consume(10)
        }
        #expect(read == bytes)
        #expect(input.isAtEnd && input.count == 0 && input.offset == 1000)
    }

    @Test func growsToFitTheLongestRunAskedFor() throws {
        let input = StreamBuffer(stream: SteppedStream(bytes, step: 7), chunkBytes: 16)
        #expect(try input.fill(atLeast: 600))
        #expect(input.count >= 600)
        #expect(input.withUnreadBytes { Array($0.extracting(0..<600)) } == Array(bytes[0..<600]))
        input.consume(599)
        #expect(try input.fill(atLeast: 401))
        #expect(input.withUnreadBytes { Array($0) } == Array(bytes[599...]))
        #expect(try !input.fill(atLeast: 402))
        #expect(input.count == 401 && input.offset == 599)
    }
}

/// Splitting lines into field ranges.
@Suite struct LineFieldsTests {
    private func split(_ line: String, maximum: Int = 8) -> [String]? {
        var fields = LineFields(maximumCount: maximum)
        let bytes = Array(line.utf8)
        return bytes.withByteView { view in
            guard fields.split(view, at: UInt8(ascii: ",")) else { return nil }
            return (0..<fields.count).map { view.string(in: fields[$0]) }
        }
    }

    @Test func splitsOutsideQuotesAndTrims() {
        #expect(split("a, b ,\t\"c,d\" ,") == ["a", "b", "c,d", ""])
        #expect(split("") == [""])
        #expect(split("\"unclosed, quote") == ["unclosed, quote"])
        #expect(split("1,2,3,4,5,6,7,8") == ["1", "2", "3", "4", "5", "6", "7", "8"])
        #expect(split("1,2,3,4,5,6,7,8,9") == nil)
        // A quote in a later word than the first separators still holds the separators after it.
        #expect(split("1,2,3,4,5,6,7,\"8,9\"") == ["1", "2", "3", "4", "5", "6", "7", "8,9"])
        #expect(split("1,2,3,4,5,6,7,8,\"9\"") == nil)
    }

    /// The split as specified, byte by byte: separators outside double quotes end fields; each field is trimmed of
    /// spaces, tabs and quotes.
    private func referenceSplit(_ bytes: [UInt8], at separator: UInt8 = UInt8(ascii: ",")) -> [String] {
        var fields: [[UInt8]] = [[]]
        var inQuotes = false
        for byte in bytes {
            if byte == 0x22 { inQuotes.toggle() }
            if byte == separator, !inQuotes { fields.append([]) } else { fields[fields.count - 1].append(byte) }
        }
        let trim: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x22 }
        return fields.map { field in
            var slice = field[...]
            while let first = slice.first, trim(first) { slice.removeFirst() }
            while let last = slice.last, trim(last) { slice.removeLast() }
            return String(decoding: slice, as: UTF8.self)
        }
    }

    /// Lines of every length up to 40 bytes from separators, bytes one above and below them (a word-at-a-time
    /// test that borrows across bytes mistakes `,-` for two separators), quotes, blanks and digits.
    @Test func agreesWithTheByteByByteSplitOnGeneratedLines() {
        let alphabet = Array(",,-+\" \t0a.".utf8) + [0x2B, 0x2D, 0xAC, 0x00]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0...56 {
            for _ in 0..<60 {
                let line = (0..<length).map { _ -> UInt8 in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return alphabet[Int(state >> 33) % alphabet.count]
                }
                var fields = LineFields(maximumCount: 64)
                let got = line.withByteView { view -> [String]? in
                    guard fields.split(view, at: UInt8(ascii: ",")) else { return nil }
                    return (0..<fields.count).map { view.string(in: fields[$0]) }
                }
                #expect(got == referenceSplit(line), "\(line)")
                #expect(fields.hadQuotes == line.contains(0x22), "\(line)")
            }
        }
        #expect(split("12.5,-,-3,\t-") == ["12.5", "-", "-3", "-"])
    }

    /// The same with few fields allowed and other separators (0xDD is the complement of a quote, and 0x00 the
    /// byte a padded word is made of): a split fails exactly when the line has too many fields, and says whether
    /// the line has a quote either way.
    @Test func agreesWithTheByteByByteSplitAtAnySeparatorAndLimit() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for separator: UInt8 in [0x3B, 0xDD, 0x00, 0x2C] {
            let alphabet = [separator, separator, 0x22, 0x20, 0x30, 0x61, 0xDD, 0x00, 0x2C]
            for maximum in [1, 2, 3, 5] {
                for length in 0...40 {
                    for _ in 0..<20 {
                        let line = (0..<length).map { _ -> UInt8 in
                            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                            return alphabet[Int(state >> 33) % alphabet.count]
                        }
                        var fields = LineFields(maximumCount: maximum)
                        let got = line.withByteView { view -> [String]? in
                            guard fields.split(view, at: separator) else { return nil }
                            return (0..<fields.count).map { view.string(in: fields[$0]) }
                        }
                        let expected = referenceSplit(line, at: separator)
                        #expect(got == (expected.count > maximum ? nil : expected), "\(line) at \(separator)")
                        #expect(fields.hadQuotes == line.contains(0x22), "\(line) at \(separator)")
                    }
                }
            }
        }
    }

    @Test func splitsAtRunsOfWhitespace() {
        var fields = LineFields(maximumCount: 3)
        let line = Array("  # gpu\t pwr   sm ".utf8)
        line.withByteView { view in
            let tooMany = fields.splitAtWhitespace(view)
            #expect(!tooMany)
            let columns = view.extracting(4..<view.count)
            let fits = fields.splitAtWhitespace(columns)
            #expect(fits && (0..<fields.count).map { columns.string(in: fields[$0]) } == ["gpu", "pwr", "sm"])
            let blank = fields.splitAtWhitespace(view.extracting(0..<2))
            #expect(blank && fields.isEmpty)
        }
    }
}

/// The row readers' number fast path against the full field reading.
@Suite struct FieldBytesTests {
    private func both(_ text: String) -> (number: Double?, reading: FieldReading) {
        let bytes = Array(text.utf8)
        return bytes.withByteView { (FieldBytes.number($0, 0..<$0.count), FieldBytes.reading($0, 0..<$0.count)) }
    }

    @Test func fastNumbersAreTheReadingsNumbers() {
        for text in ["287.45 W", "0 %", "97", "-3.5", "+12", "250 mW", "1.5 kW", "1410 MHz", "0.000001", "12.", "7 Wh"]
        {
            let (number, reading) = both(text)
            #expect(number != nil && reading == .number(number!), "\(text)")
        }
        #expect(both("250 mW").number == 0.25 && both("1.5 kW").number == 1500)
    }

    /// Generated decimals of up to 15 digits (whose digits and power of ten are exact in a Double, so that one
    /// division rounds once) read as the C library reads them, with and without a sign and a unit; the digits of a
    /// fraction past the 18th are dropped; more than 18 whole digits go to the C library.
    @Test func generatedDecimalsReadAsTheLibraryReadsThem() {
        var state: UInt64 = 0x5851_F42D_4C95_7F2D
        func digits(_ count: Int) -> String {
            String(
                (0..<count).map { _ -> Character in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Character(String((state >> 33) % 10))
                })
        }
        for whole in 0...8 {
            for fraction in 0...7 where whole + fraction > 0 {
                for _ in 0..<20 {
                    let text = digits(whole) + (fraction > 0 ? "." + digits(fraction) : "")
                    let expected = Double(text.hasPrefix(".") ? "0" + text : text)!
                    #expect(both(text).number == expected, "\(text)")
                    #expect(both("-" + text + " W").number == -expected, "\(text)")
                }
            }
        }
        #expect(both("1.0000000000000000009").number == 1)
        // The leading 0 is one of the 18 digits kept.
        #expect(both("0.1234567890123456789").number == 12_345_678_901_234_567 / 1e17)
        #expect(both("123456789012345678").number == 123_456_789_012_345_678)
        #expect(both("1234567890123456789.5").number == 1_234_567_890_123_456_789.5)
        #expect(both(".5 %").number == 0.5 && both("5.").number == 5 && both(".").number == nil)
    }

    /// Exponents and long numbers go through the C library, in both; what is not a number is nil, never zero.
    @Test func theNumberIsTheReadingsNumberOrNone() {
        let cases: [(String, FieldReading, Double?)] = [
            ("[N/A]", .unavailable("[N/A]"), nil), ("N/A", .unavailable("N/A"), nil), ("-", .unavailable("-"), nil),
            ("", .unavailable("empty"), nil), ("1e3", .number(1000), 1000), ("9.5e1 %", .number(95), 95),
            ("12345678901234567890", .number(12_345_678_901_234_567_168), 12_345_678_901_234_567_168),
            ("inf", .unreadable, nil), ("0x1A", .unreadable, nil), ("12.5.3", .unreadable, nil),
            ("12 W/s", .unreadable, nil),
        ]
        for (text, expectedReading, expectedNumber) in cases {
            let (number, reading) = both(text)
            #expect(reading == expectedReading && number == expectedNumber, "\(text)")
        }
    }
}

/// The `strtod` fallback for numbers the fast paths leave alone.
@Suite struct DecimalTextTests {
    private func parse(_ text: String) -> (value: Double, length: Int)? { DecimalText.double(Array(text.utf8)) }

    @Test func readsTheLongestNumericPrefix() {
        #expect(parse("123456789012345678901234")! == (1.2345678901234568e23, 24))
        #expect(parse("2.5e-310 W")! == (Double("2.5e-310")!, 8))
        #expect(parse(" 12abc")! == (12, 3))
        #expect(parse("1e400")!.value == .infinity)
        #expect(parse("1\u{0}2")! == (1, 1))
        #expect(parse("W") == nil && parse("") == nil)
    }
}

/// Where the JSON scanner locates a malformed number: after the bytes it read, as before numbers were parsed in
/// one pass over the buffer.
@Suite struct JSONNumberLocationTests {
    private func failure(_ text: String) -> (message: String, offset: Int?)? {
        let scanner = JSONScanner(
            stream: SteppedStream(Array(text.utf8), step: 2), displayPath: "n.json", maximumDepth: 8)
        do throws(FootprintError) {
            _ = try scanner.readNumber()
            return nil
        } catch {
            return (error.message, error.location?.byteOffset)
        }
    }

    @Test func errorsFollowTheBytesRead() {
        #expect(failure("  01 ")! == ("a number may not have a leading zero", 3))
        #expect(failure("-x")! == ("'x' cannot start a number", 2))
        #expect(failure("12. ")! == ("a digit must follow the decimal point", 3))
        #expect(failure("1e+ ")! == ("a digit must follow the exponent marker", 3))
        #expect(failure("-")! == ("the document ends in the middle of a value", 1))
        #expect(failure("")! == ("the document ends in the middle of a value", 0))
    }

    @Test func numbersEndAtTheFirstByteOutsideTheGrammar() throws {
        let scanner = JSONScanner(
            stream: SteppedStream(Array("-0.5e-3-1 1234567890123456789012e-2".utf8), step: 3),
            displayPath: "n.json", maximumDepth: 8)
        #expect(try scanner.readNumber() == -0.0005)
        #expect(scanner.byteOffset == 7)
        #expect(try scanner.readNumber() == -1)
        #expect(try scanner.readNumber() == 12_345_678_901_234_567_890.12)
        try scanner.expectEnd()
    }
}

/// Keys and strings handed out as views: read in place when buffered whole, else unescaped into a copy first.
@Suite struct JSONKeyViewTests {
    @Test(arguments: [1, 2, 4096])
    func keysAndStringsReadTheSameWhereverTheBufferEnds(step: Int) throws {
        let text = #"{"ph": "X", "a\u0062c" : "d\"e", "": 1}"#
        let scanner = JSONScanner(
            stream: SteppedStream(Array(text.utf8), step: step), displayPath: "k.json", maximumDepth: 8)
        try scanner.expect(UInt8(ascii: "{"))
        var first = true
        var seen: [String] = []
        while let key = try scanner.nextKey(first: &first, { String(decoding: $0, as: UTF8.self) }) {
            if try scanner.peekToken() == UInt8(ascii: "\"") {
                seen.append(key + "=" + (try scanner.readString { String(decoding: $0, as: UTF8.self) }))
            } else {
                seen.append(key + "=" + String(try scanner.readNumber()))
            }
        }
        try scanner.expectEnd()
        #expect(seen == ["ph=X", "abc=d\"e", "=1.0"])
    }
}
