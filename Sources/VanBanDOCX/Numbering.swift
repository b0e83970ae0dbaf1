import Foundation

/// numbering.xml: abstract list definitions and the list instances (w:num) that point to them.
struct Numbering {
    struct Level {
        var start = 0              // Word's default when w:start is absent
        var format = "decimal"
        var customFormat: String?  // w:numFmt w:val="custom" w:format="001, 002, 003, ..."
        var text: String?
        var restart: Int?          // w:lvlRestart: 0 = never, n = after level n (1-based) is used
        var isLegal = false
        var paragraphStyle: String?
        var indent: Double?
    }

    struct Abstract {
        var levels: [Int: Level] = [:]
        var numStyleLink: String?
    }

    struct Instance {
        var abstractId: Int
        var startOverrides: [Int: Int] = [:]
        var levelOverrides: [Int: Level] = [:]
        var hasOverrides: Bool { !startOverrides.isEmpty || !levelOverrides.isEmpty }
    }

    var abstracts: [Int: Abstract] = [:]
    var instances: [Int: Instance] = [:]

    init() {}

    init(_ x: XMLStream) throws {
        var abstract: (id: Int, def: Abstract)?
        var instance: (id: Int, def: Instance)?
        var level: (ilvl: Int, def: Level)?
        var overrideLevel: Int?
        var inPPr = false
        var choiceSeen = false
        while try x.next() {
            if x.event == .end {
                guard x.isWord || x.isCompatibility else { continue }
                switch x.name {
                case "lvl":
                    if let l = level {
                        if let o = overrideLevel, instance != nil { instance?.def.levelOverrides[o] = l.def }
                        else { abstract?.def.levels[l.ilvl] = l.def }
                    }
                    level = nil
                case "abstractNum": if let a = abstract { abstracts[a.id] = a.def }; abstract = nil
                case "num": if let n = instance { instances[n.id] = n.def }; instance = nil
                case "lvlOverride": overrideLevel = nil
                case "pPr": inPPr = false
                case "AlternateContent": choiceSeen = false
                default: break
                }
                continue
            }
            guard x.event == .start else { continue }
            if x.isCompatibility {
                // A Word 2010 custom number format sits in mc:Choice with a plain fallback: take the first choice.
                if x.name == "Choice" { if choiceSeen { x.skip() } else { choiceSeen = true } }
                else if x.name == "Fallback" { x.skip() }
                continue
            }
            guard x.isWord else { continue }
            if ignoredSubtrees.contains(x.name) || x.name == "numPicBullet" || x.name == "rPr" { x.skip(); continue }
            switch x.name {
            case "abstractNum": abstract = (x.int("abstractNumId") ?? -1, Abstract())
            case "num": instance = (x.int("numId") ?? -1, Instance(abstractId: -1))
            case "abstractNumId": if instance != nil { instance?.def.abstractId = x.int() ?? -1 }
            case "lvlOverride": overrideLevel = x.int("ilvl")
            case "startOverride": if let o = overrideLevel, let v = x.int() { instance?.def.startOverrides[o] = v }
            case "lvl": level = (x.int("ilvl") ?? 0, Level())
            case "numStyleLink": abstract?.def.numStyleLink = x.attribute("val")
            case "pPr": inPPr = true
            default:
                guard level != nil else { continue }
                switch x.name {
                case "start": if let v = x.int() { level?.def.start = v }
                case "numFmt":
                    level?.def.format = x.attribute("val") ?? "decimal"
                    level?.def.customFormat = x.attribute("format")
                case "lvlText": level?.def.text = x.attribute("val")
                case "lvlRestart": level?.def.restart = x.int()
                case "isLgl": level?.def.isLegal = x.flag
                case "pStyle": level?.def.paragraphStyle = x.attribute("val")
                case "ind" where inPPr:
                    if let v = x.int("left") ?? x.int("start") { level?.def.indent = Double(v) / 20 }
                default: break
                }
            }
        }
    }

    /// The abstract definition behind instance `numId`, following w:numStyleLink through the
    /// numbering style to the list that defines the levels.
    func abstractId(for numId: Int, styles: Styles) -> Int? {
        guard var id = instances[numId]?.abstractId else { return nil }
        var hops = 0
        while let a = abstracts[id], let link = a.numStyleLink, hops < 8 {
            guard let n = styles.numId(ofNumberingStyle: link), let next = instances[n]?.abstractId, next != id else { break }
            id = next
            hops += 1
        }
        return abstracts[id] == nil ? nil : id
    }

    /// The level definition for instance `numId` at `ilvl`, overrides applied.
    func level(_ ilvl: Int, numId: Int, styles: Styles) -> Level? {
        guard let inst = instances[numId], let aid = abstractId(for: numId, styles: styles) else { return nil }
        var lvl = inst.levelOverrides[ilvl] ?? abstracts[aid]?.levels[ilvl]
        if let s = inst.startOverrides[ilvl] { lvl?.start = s }
        return lvl
    }

    /// The level of a list whose w:lvl names paragraph style `style` (numbering given by a style
    /// without an explicit w:ilvl).
    func level(linkedTo style: String, numId: Int, styles: Styles) -> Int? {
        guard let aid = abstractId(for: numId, styles: styles), let a = abstracts[aid] else { return nil }
        return a.levels.first { $0.value.paragraphStyle == style }?.key
    }
}
