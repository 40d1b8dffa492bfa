import Foundation
import Testing
import FootprintTestSupport

/// `footprint whatif` through the binary: the table on stdout, every format into a folder, and usage errors.
struct WhatIfCLITests {
    static let example = ["whatif", "Fixtures/runs/example", "--tz", "Europe/Berlin", "--region", "DE", "--pue", "1.1"]

    @Test func printsTheRankedTableWithTheRunsPlaceMarked() throws {
        let result = try FootprintCLITests.run(Self.example + ["--regions", "FR,US-CA,gcp:europe-north1"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# What if: `Fixtures/runs/example`"))
        // The table's rows: "| rank | place | …".
        let rows = result.stdout.split(separator: "\n").filter {
            $0.hasPrefix("| ") && $0.dropFirst(2).first?.isNumber == true
        }
        #expect(rows.count == 4)
        #expect(rows.last?.contains("**Germany (DE)**, this run") == true)
        #expect(rows.first?.contains("gcp:europe-north1") == true)
    }

    @Test func writesEveryFormatTogetherAndByteIdentically() throws {
        let series = TestPaths.fixture("intensity/series-5min.csv")
        func write() throws -> (status: Int32, folder: String) {
            let folder = NSTemporaryDirectory() + "footprint-whatif-" + UUID().uuidString
            let result = try FootprintCLITests.run(
                Self.example + [
                    "--regions", "FR,SE", "--intensity-series", series, "--shift", "1", "--format", "md,csv,json,svg",
                    "--output", folder,
                ])
            #expect(result.stdout.isEmpty)
            return (result.status, folder)
        }
        let first = try write()
        let second = try write()
        #expect(first.status == 0 && second.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: first.folder).sorted()
        #expect(files == ["whatif.csv", "whatif.json", "whatif.md", "whatif.svg"])
        for file in files {
            #expect(
                FileManager.default.contents(atPath: first.folder + "/" + file)
                    == FileManager.default.contents(atPath: second.folder + "/" + file), "\(file)")
        }
        let data = try #require(FileManager.default.contents(atPath: first.folder + "/whatif.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 3 && rows.allSatisfy { $0["location"] is String && $0["kg_co2e"] is Double })
        #expect(json["shift"] is [String: Any])
    }

    @Test func refusesToWriteOverTheSeries() throws {
        let folder = NSTemporaryDirectory() + "footprint-whatif-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let series = folder + "/whatif.csv"
        try FileManager.default.copyItem(atPath: TestPaths.fixture("intensity/series-5min.csv"), toPath: series)
        let before = FileManager.default.contents(atPath: series)
        let result = try FootprintCLITests.run(
            Self.example + ["--intensity-series", series, "--format", "csv", "--output", folder])
        #expect(result.status == 3)
        #expect(result.stderr.contains("whatif.csv"))
        #expect(FileManager.default.contents(atPath: series) == before)
    }

    @Test(arguments: [
        (["--regions", "FR,Atlantis"], "'Atlantis'"),
        (["--regions", "aws:moon-1"], "unknown cloud region 'aws:moon-1'"),
        (["--shift", "6"], "--shift needs --intensity-series"),
        (["--regions", "FR", "--all-regions"], "give either --regions or --all-regions"),
        (["--format", "tex"], "unknown format 'tex' for whatif"),
    ])
    func usageErrorsNameTheProblem(arguments: [String], message: String) throws {
        let result = try FootprintCLITests.run(Self.example + arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
