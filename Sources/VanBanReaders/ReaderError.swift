import Foundation

/// Why a file could not be read. Every case names the file, so the CLI can print it as is.
public struct ReaderError: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case missing, unreadable, empty, notUTF8, legacyEncoding, unsupportedFormat
        case corrupt, encrypted, noTextLayer, notZip, notDocx, legacyDoc, malformedXML
    }
    public let file: String
    public let kind: Kind
    public let detail: String

    public init(file: String, kind: Kind, detail: String) {
        self.file = file; self.kind = kind; self.detail = detail
    }

    public var description: String { "\(file): \(detail)" }
}
