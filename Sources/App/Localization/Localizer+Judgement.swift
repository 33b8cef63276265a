/// Labels of coverage, provisional verdicts, a unit's judgement and the period's expected target.
extension Localizer {
    static let judgement = Table(vietnamese: [
        "status.sectorTotal": "Chỉ tiêu toàn ngành",
        "coverage.label": "Đơn vị báo cáo", "coverage.provisional": "Chưa đủ số liệu: {reported}/{expected} đơn vị",
        "coverage.carried": "Giữ số liệu kỳ trước (không tính là đã báo cáo kỳ này)",
        "coverage.provisionalShort": "tạm tính",
        "expected.year": "Cả năm {year}", "expected.firstHalf": "6 tháng đầu",
        "source.sector": "Theo chỉ tiêu của ngành", "source.unitPlan": "Theo kế hoạch của đơn vị",
        "source.sectorTotal": "Không áp cho riêng một đơn vị",
        "share.ofSector": "{share} tổng toàn ngành",
        "dashboard.judgedAgainst": "Đánh giá so với", "dashboard.shareOfSector": "Tỉ trọng trong toàn ngành",
        "dashboard.sectorExpected": "chỉ tiêu ngành",
        "level.reach": "{reached}/{answered} đơn vị đạt mức «{level}» trở lên",
        "summary.csvTasks": "CSV nhiệm vụ", "summary.csvFunding": "CSV kinh phí",
        "unitPlans.sumBelow": "Kế hoạch các đơn vị cộng lại {sum} ({units} đơn vị) / ngành {sector}",
    ], english: [
        "status.sectorTotal": "Sector total",
        "coverage.label": "Units reported", "coverage.provisional": "Not enough data: {reported}/{expected} units",
        "coverage.carried": "Earlier period's figure kept (not counted as reporting this period)",
        "coverage.provisionalShort": "provisional",
        "expected.year": "Whole year {year}", "expected.firstHalf": "First half",
        "source.sector": "Against the sector's target", "source.unitPlan": "Against the unit's own plan",
        "source.sectorTotal": "Not held against one unit",
        "share.ofSector": "{share} of the sector total",
        "dashboard.judgedAgainst": "Judged against", "dashboard.shareOfSector": "Share of the sector total",
        "dashboard.sectorExpected": "sector target",
        "level.reach": "{reached}/{answered} units at «{level}» or above",
        "summary.csvTasks": "Tasks CSV", "summary.csvFunding": "Funding CSV",
        "unitPlans.sumBelow": "The units' plans add up to {sum} ({units} units) / sector {sector}",
    ])
}
