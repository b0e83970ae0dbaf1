import VanBanCore

/// One numbered-document mention found in a text. Offsets are UTF-8 offsets into the text
/// that was scanned.
public struct Mention: Sendable, Equatable {
    public enum Form: String, Sendable {
        /// `number/symbol` ("44/KH-UBND") or `number/year/symbol` ("02/2025/TT-BGDĐT").
        case state
        /// `number-type/issuer` ("57-NQ/TW").
        case party
        /// `number-type` with the issuer part missing ("03-NQ").
        case partial
    }

    /// From the type name (or the number when there is none) to the end of the date, if any.
    public var range: Range<Int>
    /// The number and symbol alone.
    public var symbolRange: Range<Int>
    /// Where the mention's own words end: after the issuer phrase when there is one.
    public var clauseEnd: Int
    /// The type name as written, white space collapsed ("Chương trình hành động").
    public var typeName: String?
    public var type: DocumentType?
    public var form: Form
    public var number: String
    /// The symbol after the number, without the year: "KH-UBND", "TT-BGDĐT", "NQ/TW".
    public var symbol: String
    /// Number and symbol as written; a line break inside is dropped, other white space kept.
    public var written: String
    /// `written` without white space, with ASCII hyphens and Đ for Ð.
    public var id: String
    /// `Fold.symbolKey(id)`: equal keys are the same document.
    public var key: String
    /// The year inside the symbol ("02/2025/TT-BGDĐT" -> 2025).
    public var symbolYear: Int?
    /// ISO date from "ngày 28/02/2025" / "ngày 22 tháng 8 năm 2025".
    public var date: String?
    /// The "của …" phrase after the mention, trimmed to the body's name.
    public var issuer: String?
    /// The word "số" stands before the number.
    public var hasNumberWord: Bool
    /// White space that is not a line break sits inside the symbol ("BKHCN- ĐP").
    public var hasStraySpace: Bool
    /// Offsets of white space inside the symbol, for callers that know where lines were joined.
    public var innerSpaces: [Int]
    /// The type part and issuer part of the symbol as written ("NQ", "TW"; "KH", "UBND").
    public var typeCode: String?
    public var issuerCode: String?
}
