import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
import FootprintTestSupport
#endif

/// Every output format against the committed snapshots (`Scripts/update-snapshots.sh` rewrites them), byte for
/// byte, which also proves reruns are deterministic; the SVG is well-formed XML with the expected series; the
/// LaTeX compiles with pdflatex where TeX is installed.
struct SnapshotTests {
    static let runs: [(name: String, arguments: [String])] = [
        ("example", ["Fixtures/runs/example", "--tz", "Europe/Berlin", "--region", "DE", "--pue", "1.1"]),
        (
            "training-resumed",
            [
                "Fixtures/runs/training-resumed", "--tz", "Asia/Kolkata", "--region", "DE", "--pue-preset", "google",
                "--embodied", "--target", "train/loss<=0.5",
            ]
        ),
    ]
    static let files = [
        "report.md", "report.csv", "report.json", "report.tex", "report.bib", "report.svg", "report.html",
        "model-card.yaml",
    ]

    static func render(_ run: (name: String, arguments: [String])) throws -> String {
        let folder = NSTemporaryDirectory() + "footprint-snapshot-" + UUID().uuidString
        let result = try FootprintCLITests.run(
            ["report"] + run.arguments + ["--format", "md,csv,json,tex,svg,html,model-card", "--output", folder])
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    @Test(arguments: runs.map(\.name))
    func everyFormatMatchesItsSnapshot(run: String) throws {
        let entry = try #require(Self.runs.first { $0.name == run })
        let first = try Self.render(entry)
        let second = try Self.render(entry)
        for file in Self.files {
            let fresh = try #require(FileManager.default.contents(atPath: first + "/" + file), "\(file) not written")
            let again = try #require(FileManager.default.contents(atPath: second + "/" + file))
            #expect(fresh == again, "\(run)/\(file) differs between two runs")
            let snapshot = FileManager.default.contents(
                atPath: FootprintCLITests.repositoryRoot + "/Fixtures/snapshots/\(run)/" + file)
            #expect(
                fresh == snapshot,
                "\(run)/\(file) differs from its snapshot (Scripts/update-snapshots.sh rewrites them after an intended change)"
            )
        }
    }

    @Test func svgIsWellFormedWithTheSeries() throws {
        let folder = try Self.render(Self.runs[1])
        let data = try #require(FileManager.default.contents(atPath: folder + "/report.svg"))
        let document = try XMLDocument(data: data)
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        let titles = try root.nodes(forXPath: "//*[local-name()='polyline']/*[local-name()='title']").compactMap(
            \.stringValue)
        #expect(Set(titles) == ["GPU 0", "GPU 1"])
        let shaded = try root.nodes(forXPath: "//*[local-name()='rect']/*[local-name()='title']").compactMap(
            \.stringValue)
        #expect(shaded.contains("training window") && shaded.filter { $0 == "evaluation" }.count == 3)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("Power (W)") && text.contains("Time (UTC") && text.contains("local time, Asia/Kolkata"))
    }

    @Test func modelCardHoldsTheMeasurement() throws {
        let folder = try Self.render(Self.runs[1])
        let card = try String(contentsOfFile: folder + "/model-card.yaml", encoding: .utf8)
        let data = try #require(FileManager.default.contents(atPath: folder + "/report.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let kilograms = try #require((json["emissions"] as? [String: Any])?["kg_co2e"] as? Double)
        #expect(card.hasPrefix("co2_eq_emissions:\n  emissions: \(String(format: "%.1f", kilograms * 1000))\n"))
        #expect(
            card.contains("geographical_location: \"Germany (DE)\"")
                && card.contains("hardware_used: \"2 x NVIDIA A100-SXM4-40GB\""))
    }

    static var pdflatex: String? {
        ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: pdflatex != nil, "pdflatex is not installed (.ci/run installs texlive-latex-recommended)"))
    func latexCompiles() throws {
        let folder = try Self.render(Self.runs[1])
        let document =
            "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n\\input{report.tex}\n\\bibliographystyle{plain}\n\\bibliography{report}\n\\end{document}\n"
        #expect(FileManager.default.createFile(atPath: folder + "/paper.tex", contents: Data(document.utf8)))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.pdflatex))
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "paper.tex"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/paper.pdf"))
    }

    @Test func verifyConfirmsAndDetectsChanges() throws {
        let folder = try Self.render(Self.runs[0])
        let same = try FootprintCLITests.run(["verify", folder + "/report.json", "Fixtures/runs/example"])
        #expect(same.status == 0 && same.stdout.hasPrefix("verified:"))
        // A copy of the run with one log changed no longer verifies.
        let copy = NSTemporaryDirectory() + "footprint-verify-" + UUID().uuidString
        try FileManager.default.copyItem(
            atPath: FootprintCLITests.repositoryRoot + "/Fixtures/runs/example", toPath: copy)
        var log = try String(contentsOfFile: copy + "/nvidia-smi.csv", encoding: .utf8)
        log = log.replacingOccurrences(
            of: ", 0, NVIDIA A100-SXM4-80GB, GPU-00000000-1111-2222-3333-444455556666, 3",
            with: ", 0, NVIDIA A100-SXM4-80GB, GPU-00000000-1111-2222-3333-444455556666, 2")
        try log.write(toFile: copy + "/nvidia-smi.csv", atomically: true, encoding: .utf8)
        let changed = try FootprintCLITests.run(["verify", folder + "/report.json", copy])
        #expect(changed.status == 5)
        #expect(
            changed.stdout.contains("nvidia-smi.csv: its content changed") && changed.stdout.contains("energy.joules"))
    }
}
