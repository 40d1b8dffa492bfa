import Foundation
import Testing
import FootprintTestSupport

/// `footprint report RUN --model-card-into FILE` end to end: the card written is the card read with the run's block
/// merged in, byte for byte, in one step; links, inputs and cards that cannot be merged are refused and left as
/// they were.
struct ModelCardIntoTests {
    static let example = ["Fixtures/runs/example", "--tz", "Europe/Berlin", "--region", "DE", "--pue", "1.1"]

    /// The block `--format model-card` prints for the example run.
    static func block() throws -> String {
        let result = try FootprintCLITests.run(["report"] + example + ["--format", "model-card"])
        #expect(result.status == 0)
        return result.stdout
    }

    /// A copy of a fixture card in a fresh folder.
    static func copy(_ name: String) throws -> (path: String, original: Data) {
        let path = TestPaths.temporaryFolder() + "/README.md"
        try FileManager.default.copyItem(atPath: TestPaths.fixture("model-cards/" + name), toPath: path)
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func mergesIntoACardKeepingItsOtherKeysAndBody() throws {
        let block = try Self.block()
        let (path, original) = try Self.copy("distilbert-imdb.md")
        let result = try FootprintCLITests.run(["report"] + Self.example + ["--model-card-into", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# Footprint of"), "the report itself still goes to standard output")
        let text = String(decoding: original, as: UTF8.self)
        let closing = try #require(text.range(of: "\n---\n\n<!--"))
        let expected =
            String(text[...closing.lowerBound]) + block + String(text[text.index(after: closing.lowerBound)...])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected.utf8))
        let folder = (path as NSString).deletingLastPathComponent
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder) == ["README.md"],
            "no lock or temporary file left")
    }

    @Test func replacesTheBlockOfACardThatHasOne() throws {
        let block = try Self.block()
        let (path, original) = try Self.copy("with-emissions.md")
        let result = try FootprintCLITests.run(["report"] + Self.example + ["--model-card-into", path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = String(decoding: original, as: UTF8.self)
        let start = try #require(text.range(of: "co2_eq_emissions:\n"))
        let end = try #require(text.range(of: "\n\n# evaluation", range: start.upperBound..<text.endIndex))
        let expected = String(text[..<start.lowerBound]) + block + String(text[text.index(after: end.lowerBound)...])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected.utf8))
    }

    @Test func createsFrontMatterInACardWithoutAndAMissingCard() throws {
        let block = try Self.block()
        let (path, original) = try Self.copy("plain-readme.md")
        #expect(try FootprintCLITests.run(["report"] + Self.example + ["--model-card-into", path]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(("---\n" + block + "---\n").utf8) + original)
        let missing = TestPaths.temporaryFolder() + "/README.md"
        #expect(try FootprintCLITests.run(["report"] + Self.example + ["--model-card-into", missing]).status == 0)
        #expect(try String(contentsOfFile: missing, encoding: .utf8) == "---\n" + block + "---\n")
    }

    @Test func refusesALinkAnInputAndAnUnclosedFrontMatter() throws {
        let (target, original) = try Self.copy("distilbert-imdb.md")
        let link = (target as NSString).deletingLastPathComponent + "/link.md"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let linked = try FootprintCLITests.run(["report"] + Self.example + ["--model-card-into", link])
        #expect(linked.status == 3 && linked.stderr.contains("it is a symbolic link"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == original)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)

        let log = FootprintCLITests.repositoryRoot + "/Fixtures/runs/example/nvidia-smi.csv"
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        let input = try FootprintCLITests.run(["report"] + Self.example + ["--model-card-into", log])
        #expect(input.status == 3 && input.stderr.contains("a log this report reads"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == before)

        let unclosed = TestPaths.write("---\nlicense: mit\n# no closing line\n", named: "README.md")
        let output = TestPaths.temporaryFolder() + "/out"
        let refused = try FootprintCLITests.run(
            ["report"] + Self.example + ["--model-card-into", unclosed, "--format", "json", "--output", output])
        #expect(refused.status == 1 && refused.stderr.contains("no later --- line closes"))
        #expect(try String(contentsOfFile: unclosed, encoding: .utf8) == "---\nlicense: mit\n# no closing line\n")
        #expect(!FileManager.default.fileExists(atPath: output), "nothing is written when the card cannot be merged")

        let shard = try FootprintCLITests.run(
            ["report"] + Self.example + ["--shard", "1/2", "--output", output, "--model-card-into", unclosed])
        #expect(shard.status == 1 && shard.stderr.contains("--model-card-into needs the whole run"))
    }
}
