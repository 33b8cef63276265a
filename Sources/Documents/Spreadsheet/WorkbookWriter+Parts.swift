import Foundation

extension WorkbookWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    func contentTypes() -> String {
        var xml = XMLText.declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for index in sheets.indices {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        xml += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        xml += #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        xml += #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        if !workbook.customProperties.isEmpty {
            xml += #"<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>"#
        }
        return xml + "</Types>"
    }

    func rootRelationships() -> String {
        var xml = XMLText.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        xml += #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        xml += #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        xml += #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        if !workbook.customProperties.isEmpty {
            xml += #"<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>"#
        }
        return xml + "</Relationships>"
    }

    func app() -> String {
        XMLText.declaration + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>chitieu</Application></Properties>"#
    }

    func core() -> String {
        XMLText.declaration + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:creator>\(XMLText.escape(workbook.creator))</dc:creator></cp:coreProperties>"
    }

    func custom() -> String {
        var xml = XMLText.declaration + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" "#
            + #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
        for (index, property) in workbook.customProperties.enumerated() {
            xml += #"<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="\#(index + 2)" name="\#(XMLText.escape(property.name))">"#
                + "<vt:lpwstr>\(XMLText.escape(property.value))</vt:lpwstr></property>"
        }
        return xml + "</Properties>"
    }

    func workbookPart() -> String {
        let active = sheets.firstIndex { !$0.isHidden } ?? 0
        var xml = XMLText.declaration + #"<workbook xmlns="\#(Self.main)" xmlns:r="\#(Self.relationships)">"#
        xml += #"<bookViews><workbookView activeTab="\#(active)" firstSheet="\#(active)"/></bookViews><sheets>"#
        for (index, sheet) in sheets.enumerated() {
            xml += #"<sheet name="\#(XMLText.escape(sheet.name))" sheetId="\#(index + 1)""# + (sheet.isHidden ? #" state="hidden""# : "")
                + #" r:id="rId\#(index + 1)"/>"#
        }
        xml += "</sheets>"
        let names = definedNames()
        if !names.isEmpty { xml += "<definedNames>" + names.joined() + "</definedNames>" }
        return xml + "</workbook>"
    }

    /// Each sheet's filter range and the rows printed on every page, as Excel and LibreOffice name them.
    func definedNames() -> [String] {
        sheets.enumerated().flatMap { index, sheet -> [String] in
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            var names: [String] = []
            if let table = sheet.autoFilter, let reference = Self.reference(table) {
                let absolute = reference.split(separator: ":").map { part in
                    let letters = part.prefix { $0.isLetter }, digits = part.drop { $0.isLetter }
                    return "$\(letters)$\(digits)"
                }.joined(separator: ":")
                names.append(#"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">"# + XMLText.escape(quoted + "!" + absolute) + "</definedName>")
            }
            if let print = sheet.print, print.repeatedRows > 0 || print.repeatedColumns > 0 {
                let columns = print.repeatedColumns > 0 ? ["\(quoted)!$A:$\(CellReference.column(print.repeatedColumns - 1))"] : []
                let rows = print.repeatedRows > 0 ? ["\(quoted)!$1:$\(print.repeatedRows)"] : []
                names.append(#"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">"# + XMLText.escape((columns + rows).joined(separator: ",")) + "</definedName>")
            }
            return names
        }
    }

    func workbookRelationships() -> String {
        var xml = XMLText.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in sheets.indices {
            xml += #"<Relationship Id="rId\#(index + 1)" Type="\#(Self.relationships)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        let next = sheets.count + 1
        xml += #"<Relationship Id="rId\#(next)" Type="\#(Self.relationships)/styles" Target="styles.xml"/>"#
        xml += #"<Relationship Id="rId\#(next + 1)" Type="\#(Self.relationships)/sharedStrings" Target="sharedStrings.xml"/>"#
        return xml + "</Relationships>"
    }
}
