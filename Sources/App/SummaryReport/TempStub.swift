import Foundation
enum SummaryDocument { static func docx(_ c: SummaryContent) throws -> Data { Data() } }
enum SummaryWorkbook { static func xlsx(_ c: SummaryContent) throws -> Data { Data() }; static func csv(_ c: SummaryContent, semicolon: Bool) -> Data { Data() } }
