import Foundation
import FuzzSupport
@testable import FootprintKit

// The escapers, on any bytes taken as a name: an escaped Markdown cell has no unescaped `|`, no newline and no
// HTML tag, a code span has no backtick inside, and sanitised terminal text has no control character.
FuzzInput.run { path in
    // FileHandle, not FileManager, which leaks a buffer on empty files.
    guard let data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() else { return }
    let text = String(decoding: data, as: UTF8.self)
    // Scalars, not characters: a prepended or combining mark would join a backtick into one character.
    let code = MarkdownText.code(text)
    let isSpan = code.unicodeScalars.first == "`"
    if isSpan {
        let inner = code.unicodeScalars.dropFirst().dropLast()
        precondition(
            code.unicodeScalars.last == "`"
                && !inner.contains { "`|<>\\".unicodeScalars.contains($0) || TerminalText.isControl($0) },
            "code span: \(code.debugDescription)")
    }
    // Escaped text (a cell, or a code span that could not be one) and a warning line; `|` matters in cells only.
    let escapedCells = isSpan ? [MarkdownText.escaped(text)] : [MarkdownText.escaped(text), code]
    for (cell, isCell) in escapedCells.map({ ($0, true) }) + [(MarkdownText.line(text), false)] {
        var escaped = false
        for scalar in cell.unicodeScalars {
            precondition(!TerminalText.isControl(scalar), "control character in \(cell.debugDescription)")
            precondition(
                escaped || !(scalar == "<" || scalar == ">" || (isCell && scalar == "|")),
                "unescaped \(scalar) in \(cell.debugDescription)")
            escaped = !escaped && scalar == "\\"
        }
        precondition(!escaped, "dangling backslash in \(cell.debugDescription)")
    }
    let sanitized = TerminalText.sanitized(text)
    precondition(
        !sanitized.unicodeScalars.contains(where: TerminalText.isControl),
        "control character in \(sanitized.debugDescription)")
    precondition(
        !TerminalText.sanitized(text, keepingNewlines: true).unicodeScalars.contains {
            TerminalText.isControl($0) && $0 != "\n"
        })
}
