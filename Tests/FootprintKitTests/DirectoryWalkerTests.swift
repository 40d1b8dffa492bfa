import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// One walker's rules, seen the same way by run discovery, audit discovery and the audit cache.
@Suite struct DirectoryWalkerTests {
    /// `root/` with files out of order, a hidden file, a link to a file outside, a link to a folder, a broken
    /// link and a subfolder.
    private func makeTree() throws -> (root: String, outside: String) {
        let root = TestPaths.temporaryFolder()
        let outside = TestPaths.temporaryFolder() + "/target.csv"
        let manager = FileManager.default
        #expect(manager.createFile(atPath: outside, contents: Data("a,b\n".utf8)))
        for name in ["b.csv", "a.csv", ".hidden.csv"] {
            #expect(manager.createFile(atPath: root + "/" + name, contents: Data("x".utf8)))
        }
        try manager.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        #expect(manager.createFile(atPath: root + "/sub/c.csv", contents: Data("y".utf8)))
        try manager.createSymbolicLink(atPath: root + "/linked.csv", withDestinationPath: outside)
        try manager.createSymbolicLink(atPath: root + "/folder-link", withDestinationPath: root + "/sub")
        try manager.createSymbolicLink(atPath: root + "/broken.csv", withDestinationPath: root + "/missing")
        return (root, outside)
    }

    @Test func listingFollowsTheRules() throws {
        let (root, _) = try makeTree()
        guard case .success(let listing) = DirectoryWalker.listing(of: root) else {
            Issue.record("the folder could not be listed")
            return
        }
        #expect(listing.files == ["a.csv", "b.csv", "linked.csv"])
        #expect(listing.folders == ["sub"])
        #expect(listing.skipped.map(\.name) == ["broken.csv", "folder-link"])
        #expect(listing.skipped.map(\.reason) == [.brokenLink, .linkToFolder])
        var visited: [String] = []
        DirectoryWalker.forEachFile(under: root) { visited.append($0) }
        #expect(visited == ["a.csv", "b.csv", "linked.csv", "sub/c.csv"])
        #expect(DirectoryWalker.metadata(of: root + "/linked.csv")?.sizeBytes == 4)
    }

    @Test func unreadableFolderIsAFailureWithTheReason() {
        guard case .failure(let error) = DirectoryWalker.listing(of: "/nonexistent-footprint-folder") else {
            Issue.record("a missing folder was listed")
            return
        }
        #expect(!error.reason.isEmpty)
    }

    @Test func cacheFingerprintFollowsALinkedLogAndIgnoresHiddenFiles() throws {
        let (root, outside) = try makeTree()
        let before = AuditCache.fingerprint(of: root)
        #expect(FileManager.default.createFile(atPath: root + "/.another-hidden", contents: Data("z".utf8)))
        #expect(AuditCache.fingerprint(of: root) == before)
        #expect(FileManager.default.createFile(atPath: outside, contents: Data("a,b\n1,2\n".utf8)))
        #expect(AuditCache.fingerprint(of: root) != before)
    }

    @Test func runDiscoveryReportsWhatItSkipped() throws {
        let (root, _) = try makeTree()
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: root, limits: InputLimits(), findings: &findings)
        #expect(files.map(\.displayPath) == ["a.csv", "b.csv", "linked.csv", "sub/c.csv"])
        let messages = findings.allFindings().map(\.description)
        #expect(messages.contains { $0.contains("folder-link") && $0.contains("symbolic link to a folder") })
        #expect(messages.contains { $0.contains("broken.csv") && $0.contains("broken symbolic link") })
    }
}
