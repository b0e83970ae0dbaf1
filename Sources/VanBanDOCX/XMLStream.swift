import CLibXML2
import Foundation

/// A pull parser over one XML part, on libxml2's xmlTextReader.
///
/// Safety: the reader is created with XML_PARSE_NONET and without XML_PARSE_NOENT, XML_PARSE_DTDLOAD
/// or XML_PARSE_XINCLUDE, so no entity is substituted and nothing is fetched; a part that carries a
/// DOCTYPE at all is refused (OOXML never has one).
final class XMLStream {
    enum Event { case start, end, text }

    struct Failure: Error { let line: Int; let reason: String }

    private let reader: xmlTextReaderPtr
    private let buffer: UnsafeMutableBufferPointer<CChar>
    private var skipNext = false
    private var pendingEnd = false
    private var nameCache: [UnsafeRawPointer: String] = [:]
    private var wordNamespace: UnsafeRawPointer?

    private(set) var event: Event = .start
    /// Local name of the current element (for `.start` and `.end`).
    private(set) var name = ""
    /// The element is in the WordprocessingML namespace (transitional or strict).
    private(set) var isWord = false
    /// The element is in the markup-compatibility namespace (mc:AlternateContent …).
    private(set) var isCompatibility = false

    /// libxml2's global state, set up once before any thread parses.
    private static let setUp: Void = xmlInitParser()

    init(_ data: Data) throws {
        _ = Self.setUp
        // xmlReaderForMemory reads from the caller's memory without copying: keep our own copy alive.
        buffer = .allocate(capacity: max(data.count, 1))
        data.copyBytes(to: UnsafeMutableRawBufferPointer(buffer))
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        guard let r = xmlReaderForMemory(buffer.baseAddress, Int32(clamping: data.count), nil, nil, options) else {
            buffer.deallocate()
            throw Failure(line: 0, reason: "cannot start the XML parser")
        }
        reader = r
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// Moves to the next start tag, end tag or text node; false at the end of the part.
    /// An empty element (`<w:b/>`) is reported as a start followed by an end.
    func next() throws -> Bool {
        if pendingEnd {
            pendingEnd = false
            event = .end
            return true
        }
        while true {
            let rc = skipNext ? xmlTextReaderNext(reader) : xmlTextReaderRead(reader)
            skipNext = false
            if rc == 0 { return false }
            if rc < 0 { throw failure("not well-formed") }
            switch Int32(xmlTextReaderNodeType(reader)) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                readName()
                event = .start
                pendingEnd = xmlTextReaderIsEmptyElement(reader) == 1
                return true
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                readName()
                event = .end
                return true
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                event = .text
                return true
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                throw failure("has a DTD or entity reference (not allowed in OOXML)")
            default:
                continue
            }
        }
    }

    /// After a `.start`, skips the element's content: the next event follows its end tag.
    func skip() {
        if pendingEnd { pendingEnd = false } else { skipNext = true }
    }

    /// The text of the current text node.
    var text: String {
        guard let v = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: v)
    }

    /// The value of attribute `local` (`w:val`, or an unprefixed `val`) of the current element.
    func attribute(_ local: String) -> String? {
        guard event == .start, xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        repeat {
            if let n = xmlTextReaderConstLocalName(reader), strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self), local) == 0 {
                let ns = xmlTextReaderConstNamespaceUri(reader)
                if ns == nil || isWordNamespace(ns!) { return xmlTextReaderConstValue(reader).map { String(cString: $0) } }
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
        return nil
    }

    /// `w:val` read as an integer.
    func int(_ local: String = "val") -> Int? { attribute(local).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    /// An OOXML on/off property: absent value means on; "0", "false", "off" mean off.
    var flag: Bool {
        guard let v = attribute("val") else { return true }
        return !["0", "false", "off", "none"].contains(v.lowercased())
    }

    private func readName() {
        if let n = xmlTextReaderConstLocalName(reader) {
            let key = UnsafeRawPointer(n)
            if let s = nameCache[key] { name = s } else {
                name = String(cString: n)
                // Names are interned in the reader's dictionary, so the pointer identifies the name.
                if nameCache.count < 4096 { nameCache[key] = name }
            }
        } else {
            name = ""
        }
        if let ns = xmlTextReaderConstNamespaceUri(reader) {
            isWord = isWordNamespace(ns)
            isCompatibility = !isWord && String(cString: ns) == "http://schemas.openxmlformats.org/markup-compatibility/2006"
        } else {
            isWord = false
            isCompatibility = false
        }
    }

    private func isWordNamespace(_ ns: UnsafePointer<xmlChar>) -> Bool {
        let key = UnsafeRawPointer(ns)
        if key == wordNamespace { return true }
        let s = String(cString: ns)
        if s == "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            || s == "http://purl.oclc.org/ooxml/wordprocessingml/main" {
            wordNamespace = key
            return true
        }
        return false
    }

    private func failure(_ reason: String) -> Failure {
        Failure(line: Int(xmlTextReaderGetParserLineNumber(reader)), reason: reason)
    }
}
