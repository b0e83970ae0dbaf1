import Foundation

/// The API, described for tools (OpenAPI 3.1), served at /api/openapi.json.
enum OpenAPI {
    static func ref(_ schema: String) -> [String: Any] { ["$ref": "#/components/schemas/\(schema)"] }
    static func json(_ schema: [String: Any], _ description: String = "OK") -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }
    static var problem: [String: Any] { ["$ref": "#/components/responses/Problem"] }

    static func get(_ summary: String, _ params: [(String, Bool, String)], _ schema: String) -> [String: Any] {
        ["get": [
            "summary": summary,
            "parameters": params.map { ["name": $0.0, "in": "query", "required": $0.1, "schema": ["type": $0.2]] as [String: Any] },
            "responses": ["200": json(ref(schema)), "400": problem, "404": problem],
        ] as [String: Any]]
    }

    static var upload: [String: Any] { ["post": [
        "summary": "Upload plans (PDF, DOCX, DOC, RTF, text, scans; several at once). The type is read from the content; each file is parsed by the CLI's pipeline and imported.",
        "parameters": [["name": "X-VanBan-Client", "in": "header", "required": true, "schema": ["type": "string"],
                        "description": "Any value: marks a client that is not a browser form (no other site's form can send this header). A browser form sends the csrf field with its cookie instead."] as [String: Any]],
        "requestBody": ["required": true, "content": ["multipart/form-data": ["schema": [
            "type": "object", "properties": ["files": ["type": "array", "items": ["type": "string", "format": "binary"]]]]]]] as [String: Any],
        "responses": ["200": json(ref("Upload"), "At least one file imported"), "413": json(ref("Upload"), "Too many files, or too large"),
                      "422": json(ref("Upload"), "No file could be read; each result says why"), "403": problem],
    ] as [String: Any]] }

    static let document: String = {
        let paths: [String: Any] = [
            "/api/documents": get("Documents in the store, latest imported first, with counts (the home page)", [], "Home"),
            "/api/upload": upload,
            "/api/doc": get("One document: header, outline, tables, tasks, indicators, references resolved against the store", [("id", true, "string")], "Document"),
            "/api/search": get("Search by number/symbol, type, issuer, year and title words; every field given must match",
                               [("symbol", false, "string"), ("type", false, "string"), ("issuer", false, "string"), ("year", false, "integer"),
                                ("words", false, "string"), ("imported", false, "string")], "Search"),
            "/api/check": get("Without parent: the parents to pick from, suggested from the child's \"Thực hiện\" references. With parent: the check, vanban.check/1.",
                              [("child", true, "string"), ("parent", false, "string")], "Check"),
            "/api/graph": get("What a document implements or rests on, and what implements it, transitively", [("id", true, "string")], "Graph"),
            "/api/orphans": get("Documents cited but not in the store", [], "Orphans"),
        ]
        var schemas: [String: Any] = [:]
        for s in ["Home", "Upload", "Document", "Search", "Check", "Graph", "Orphans"] { schemas[s] = ["type": "object"] }
        let doc: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "VanBan", "version": "1",
                     "description": "Vietnamese administrative plans: upload, read, check against a parent, citation graph. Every page /X has its JSON at /api/X. Under --auth, send Authorization: Bearer <password>."],
            "paths": paths,
            "components": ["schemas": schemas,
                           "responses": ["Problem": json(["type": "object", "properties": ["error": ["type": "string"]]], "A problem worded for the user")]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }()
}
