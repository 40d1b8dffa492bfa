import Testing
@testable import FootprintKit

/// The CSV parser of the bundled tables and of audit CSVs read back by `merge`.
@Suite struct ReferenceCSVTests {
    @Test func quotingLineEndsAndText() {
        let text =
            "a,b,c\r\n1,\"two, \"\"quoted\"\"\",3\r\n\"multi\nline\",,Zürich\n\"\",x\"y\"z,\"end\"\r\nlast,row"
        #expect(
            ReferenceCSV.rows(text) == [
                ["1", "two, \"quoted\"", "3"], ["multi\nline", "", "Zürich"], ["", "xyz", "end"], ["last", "row"],
            ])
    }

    @Test func emptyAndHeaderOnly() {
        #expect(ReferenceCSV.rows("").isEmpty)
        #expect(ReferenceCSV.rows("a,b\n").isEmpty)
        #expect(ReferenceCSV.rows("a,b\n\n") == [[""]])
    }

    /// The bundled tables parse into their rows.
    @Test func bundledTablesParse() {
        #expect(GridIntensityTable.bundled.latest.count > 150)
        #expect(GPUSpecTable.bundled.specs.count > 20)
    }
}
