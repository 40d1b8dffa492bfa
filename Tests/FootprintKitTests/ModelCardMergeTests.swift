import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// `--model-card-into`: the `co2_eq_emissions` block merged into model cards of `Fixtures/model-cards/`, every other
/// byte compared with the card as it was.
struct ModelCardMergeTests {
    static let block = """
        co2_eq_emissions:
          emissions: 107.8
          source: "footprint 0.2.0: measured GPU power (nvidia-smi) integrated over time x PUE 1.10 x grid intensity (OWID)"
          training_type: "fine-tuning"
          geographical_location: "Germany (DE)"
          hardware_used: "3 x NVIDIA A100-SXM4-80GB"

        """

    private func card(_ name: String) throws -> String {
        try String(contentsOfFile: TestPaths.fixture("model-cards/" + name), encoding: .utf8)
    }

    /// `text` split at the start of its front matter's closing `---` line (the first after the opening one).
    private func splitAtClosingLine(_ text: String) throws -> (String, String) {
        let bytes = Array(text.utf8)
        let marker = Array("\n---".utf8)
        let index = try #require(
            (3..<bytes.count - marker.count).first { Array(bytes[$0..<$0 + marker.count]) == marker })
        return (
            String(decoding: bytes[...index], as: UTF8.self), String(decoding: bytes[(index + 1)...], as: UTF8.self)
        )
    }

    // MARK: - Cards with front matter

    @Test func addsTheBlockBeforeTheClosingLineKeepingEveryOtherByte() throws {
        let original = try card("distilbert-imdb.md")
        let merged = try ModelCardMerge.merge(original, block: Self.block)
        let (frontMatter, rest) = try splitAtClosingLine(original)
        #expect(Array(merged.utf8) == Array((frontMatter + Self.block + rest).utf8))
        // The body's fenced `---` lines and its `co2_eq_emissions:` text are the body's, untouched.
        #expect(merged.contains("```yaml\n---\nlearning_rate: 2.0e-05\nco2_eq_emissions: not this one\n---\n```"))
    }

    @Test func replacesAnExistingBlockAndNothingElse() throws {
        let original = try card("with-emissions.md")
        let old = """
            co2_eq_emissions:
              emissions: 572.3
              source: "CodeCarbon"
              training_type: "fine-tuning"
              geographical_location: "Paris, France"
              hardware_used: "1 x NVIDIA V100"

            """
        #expect(original.components(separatedBy: old).count == 2)
        let merged = try ModelCardMerge.merge(original, block: Self.block)
        #expect(Array(merged.utf8) == Array(original.replacingOccurrences(of: old, with: Self.block).utf8))
        // The blank line and the comment after the old block stay before the next key.
        #expect(merged.contains(Self.block + "\n# evaluation on the test split\nmodel-index:\n"))
    }

    @Test func mergingAgainReplacesItsOwnBlock() throws {
        let once = try ModelCardMerge.merge(try card("distilbert-imdb.md"), block: Self.block)
        #expect(try ModelCardMerge.merge(once, block: Self.block) == once)
        let other = Self.block.replacingOccurrences(of: "107.8", with: "99.0")
        let twice = try ModelCardMerge.merge(once, block: other)
        #expect(Array(twice.utf8) == Array(once.replacingOccurrences(of: Self.block, with: other).utf8))
    }

    @Test func keepsCRLFLineEndingsAndWritesTheBlockWithThem() throws {
        let lf = try card("distilbert-imdb.md")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(crlf.utf8.count == lf.utf8.count + lf.utf8.filter { $0 == 0x0A }.count)
        let merged = try ModelCardMerge.merge(crlf, block: Self.block)
        let expected = try ModelCardMerge.merge(lf, block: Self.block).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Array(merged.utf8) == Array(expected.utf8))
        #expect(merged.contains("co2_eq_emissions:\r\n  emissions: 107.8\r\n"))
    }

    @Test func keepsAByteOrderMark() throws {
        let original = "\u{FEFF}---\nlicense: mit\n---\nbody\n"
        let merged = try ModelCardMerge.merge(original, block: Self.block)
        #expect(Array(merged.utf8) == Array(("\u{FEFF}---\nlicense: mit\n" + Self.block + "---\nbody\n").utf8))
    }

    @Test func replacesAScalarOrFlowValueAndKeepsListsOfOtherKeys() throws {
        let original = "---\nco2_eq_emissions: 10\ntags:\n- a\n- b\n---\n"
        #expect(
            try ModelCardMerge.merge(original, block: Self.block) == "---\n" + Self.block + "tags:\n- a\n- b\n---\n")
        let flow = "---\ntags:\n- a\nco2_eq_emissions: {emissions: 1,\n  source: x}\n---\nend"
        #expect(try ModelCardMerge.merge(flow, block: Self.block) == "---\ntags:\n- a\n" + Self.block + "---\nend")
        // A key that only starts with the name is another key.
        let longer = "---\nco2_eq_emissions_note: kept\n---\n"
        #expect(
            try ModelCardMerge.merge(longer, block: Self.block)
                == "---\nco2_eq_emissions_note: kept\n" + Self.block + "---\n")
    }

    // MARK: - Cards without front matter

    @Test func createsFrontMatterBeforeTheFirstByte() throws {
        let original = try card("plain-readme.md")
        let merged = try ModelCardMerge.merge(original, block: Self.block)
        #expect(Array(merged.utf8) == Array(("---\n" + Self.block + "---\n" + original).utf8))
        #expect(try ModelCardMerge.merge("", block: Self.block) == "---\n" + Self.block + "---\n")
        let crlf = "# title\r\nbody\r\n"
        #expect(
            try ModelCardMerge.merge(crlf, block: Self.block)
                == "---\r\n" + Self.block.replacingOccurrences(of: "\n", with: "\r\n") + "---\r\n" + crlf)
    }

    @Test func refusesAFrontMatterThatNeverCloses() throws {
        #expect(throws: FootprintError.self) {
            try ModelCardMerge.merge("---\nlicense: mit\nbody\n", block: Self.block)
        }
        // An opening line with more on it is not front matter.
        #expect(
            try ModelCardMerge.merge("--- title\ntext\n", block: Self.block)
                == "---\n" + Self.block + "---\n--- title\ntext\n")
    }

    // MARK: - Any text

    /// Edge shapes and every malformed fixture taken as a card: no crash, and merging again changes nothing.
    @Test func anyTextMergesOnceAndForAll() throws {
        let folder = TestPaths.fixture("malformed")
        var cards = [
            "", "---", "---\n", "---\r\n", "---\n---", "---\r\n---\r\n", "\u{FEFF}", "\u{FEFF}---\n---\n",
            "---\nco2_eq_emissions:", "---\nco2_eq_emissions:\n---", "---\nco2_eq_emissions:\n-\n- a\n\n#c\n  b\n---\n",
            "---\n\"co2_eq_emissions\": 1\nco2_eq_emissions: 2\n---\nx", "\n---\n---\n", "---\n\u{0}\u{1B}\n---\n",
        ]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) {
                cards.append(String(decoding: data, as: UTF8.self))
            }
        }
        for card in cards {
            guard let once = try? ModelCardMerge.merge(card, block: Self.block) else { continue }
            #expect(once.contains("co2_eq_emissions:"))
            #expect(try ModelCardMerge.merge(once, block: Self.block) == once, "\(card.debugDescription)")
        }
    }
}
