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
    ],
    targets: [
        // Vietnamese text folding and the dictionaries (data in Dictionaries/, linked in as resources).
        .target(name: "VanBanCore", resources: [.copy("Dictionaries")]),
        // The format-neutral layout every reader produces.
        .target(name: "VanBanLayout"),
        .target(name: "VanBanReaders", dependencies: ["VanBanLayout", "VanBanCore"]),
        // C libraries from Debian: libpoppler-glib-dev, libxml2-dev.
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
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
        .target(name: "VanBan", dependencies: [
            "VanBanCore", "VanBanLayout", "VanBanReaders", "VanBanPDF", "VanBanDOCX", "VanBanModel",
            "VanBanReferences", "VanBanTasks", "VanBanCheck", "VanBanStructure", "VanBanWriters",
        ]),
        // The corpus store and citation graph (SQLite through GRDB); it imports through VanBan.
        .target(name: "VanBanGraph", dependencies: ["VanBan", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "vanban", dependencies: [
            "VanBan", "VanBanGraph", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Seeded synthetic plans and corpora for the benchmark and the tests; no product ships it.
        .target(name: "VanBanSynthetic", dependencies: ["VanBan"]),
        .executableTarget(name: "vanban-bench", dependencies: [
            "VanBan", "VanBanGraph", "VanBanSynthetic", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "VanBanTests", dependencies: [
            "VanBan", "VanBanGraph", "VanBanSynthetic", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ]
)
