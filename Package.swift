// swift-tools-version:6.0
import PackageDescription

// The pipeline, one module per stage: readers -> Layout -> structurer -> Plan -> analyzers -> writers.
// A reader never imports the plan model; an analyzer never imports a reader.
let package = Package(
    name: "VanBan",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "VanBan", targets: ["VanBan"]),
        .executable(name: "vanban", targets: ["vanban"]),
        .executable(name: "vanban-bench", targets: ["vanban-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Vietnamese text folding and the dictionaries (data in Dictionaries/, linked in as resources).
        .target(name: "VanBanCore", resources: [.copy("Dictionaries")]),
        // The format-neutral layout every reader produces.
        .target(name: "VanBanLayout"),
        .target(name: "VanBanReaders", dependencies: ["VanBanLayout", "VanBanCore"]),
        // Legacy Vietnamese font encodings (TCVN3, VNI, VISCII, VPS, VIQR) decoded: Layout -> Layout.
        .target(name: "VanBanLegacy", dependencies: ["VanBanLayout", "VanBanCore"]),
        // Legacy Word (.doc) and RTF into DOCX through LibreOffice headless (Debian libreoffice-writer-nogui).
        .target(name: "VanBanConvert", dependencies: ["VanBanReaders"]),
        // Scans through OCR: poppler renders, tesseract (Debian tesseract-ocr, tesseract-ocr-vie) reads.
        .target(name: "VanBanOCR", dependencies: ["VanBanLayout", "VanBanPDF", "VanBanReaders"]),
        // C libraries from Debian: libpoppler-glib-dev, libxml2-dev.
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CHunspell", pkgConfig: "hunspell", providers: [.apt(["libhunspell-dev"])]),
        .target(name: "VanBanPDF", dependencies: ["VanBanLayout", "VanBanCore", "VanBanReaders", "CPoppler"]),
        .target(name: "VanBanDOCX", dependencies: [
            "VanBanLayout", "VanBanCore", "VanBanReaders", "CLibXML2",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // The plan and its JSON contract (vanban.plan/1).
        .target(name: "VanBanModel"),
        .target(name: "VanBanReferences", dependencies: ["VanBanModel", "VanBanCore"]),
        .target(name: "VanBanTasks", dependencies: ["VanBanModel", "VanBanCore", "VanBanReferences"]),
        .target(name: "VanBanCheck", dependencies: ["VanBanModel", "VanBanCore", "VanBanTasks"]),
        .target(name: "VanBanStructure", dependencies: ["VanBanLayout", "VanBanModel", "VanBanCore", "VanBanReferences"]),
        .target(name: "VanBanWriters", dependencies: ["VanBanModel"]),
        // The clerk's pass before signing: format (Nghị định 30), numbering, references, tables, spelling.
        .target(name: "VanBanLint", dependencies: ["VanBanModel", "VanBanCore", "CHunspell"]),
        .target(name: "VanBan", dependencies: [
            "VanBanCore", "VanBanLayout", "VanBanReaders", "VanBanPDF", "VanBanDOCX", "VanBanModel",
            "VanBanReferences", "VanBanTasks", "VanBanCheck", "VanBanStructure", "VanBanWriters",
            "VanBanLint",
            "VanBanLegacy", "VanBanConvert", "VanBanOCR",
        ]),
        // The corpus store and citation graph (SQLite through GRDB); it imports through VanBan.
        .target(name: "VanBanGraph", dependencies: ["VanBan", .product(name: "GRDB", package: "GRDB.swift")]),
        // The web app (`vanban serve`): routes, pages, the JSON API; templates are resources.
        .target(name: "VanBanServe", dependencies: [
            "VanBan", "VanBanGraph", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.copy("Templates")]),
        .executableTarget(name: "vanban", dependencies: [
            "VanBan", "VanBanGraph", "VanBanServe", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Seeded synthetic plans and corpora for the benchmark and the tests; no product ships it.
        .target(name: "VanBanSynthetic", dependencies: ["VanBan"]),
        .executableTarget(name: "vanban-bench", dependencies: [
            "VanBan", "VanBanGraph", "VanBanSynthetic", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "VanBanTests", dependencies: [
            "VanBan", "VanBanGraph", "VanBanSynthetic", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "VanBanServeTests", dependencies: [
            "VanBanServe", "VanBanGraph", .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
