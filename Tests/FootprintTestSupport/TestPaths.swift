import Foundation

/// Paths to the repository's fixtures, to the shared real logs (absent in a user's clone) and to scratch space.
public enum TestPaths {
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func fixture(_ relative: String) -> String { repositoryRoot + "/Fixtures/" + relative }

    /// `../shared/real-logs/<relative>` when that folder exists, else nil (the test then skips, saying so).
    public static func sharedRealLog(_ relative: String) -> String? {
        let path = repositoryRoot + "/../shared/real-logs/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    public static var sharedRealLogsPresent: Bool { sharedRealLog("SOURCES.md") != nil }

    /// A fresh temporary folder.
    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "footprint-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to a new temporary file named `name` and returns its path.
    public static func write(_ bytes: [UInt8], named name: String) -> String {
        let path = temporaryFolder() + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    public static func write(_ text: String, named name: String) -> String { write(Array(text.utf8), named: name) }
}
