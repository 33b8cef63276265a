extension Localizer {
    /// Units' own plans and their flags.
    static let unitPlans = Table(vietnamese: [
        "nav.unitPlans": "Kế hoạch đơn vị", "unitPlans.title": "Kế hoạch của đơn vị",
        "unitPlans.intro": "Mỗi đơn vị, phòng chức năng xây dựng kế hoạch riêng với kết quả tối thiểu bằng chỉ tiêu của ngành.",
        "unitPlans.help": "Nhập chỉ tiêu của đơn vị cho từng năm mốc như Phụ lục I: ≥ 80, > 80, 80, 80-90, - (không đặt) hoặc một mức của thang. Chỉ tiêu thấp hơn của ngành được đánh dấu đỏ.",
        "unitPlans.sector": "Ngành", "unitPlans.unit": "Đơn vị", "unitPlans.below": "Thấp hơn chỉ tiêu của ngành", "unitPlans.missing": "Chưa đặt chỉ tiêu",
        "unitPlans.belowCount": "Thấp hơn chỉ tiêu ngành", "unitPlans.missingCount": "Chưa đặt", "unitPlans.set": "Đã đặt",
        "unitPlans.flags": "Chỉ tiêu đơn vị thấp hơn của ngành", "unitPlans.flagsHelp": "Mọi chỉ tiêu đơn vị đặt thấp hơn chỉ tiêu của ngành cùng năm mốc, với cả hai giá trị.",
        "unitPlans.withMissing": "Xem cả các mốc chưa đặt", "unitPlans.onlyBelow": "Chỉ xem chỉ tiêu thấp hơn", "unitPlans.noFlags": "Không có chỉ tiêu nào bị đánh dấu.",
    ], english: [
        "nav.unitPlans": "Unit plans", "unitPlans.title": "Unit plan",
        "unitPlans.intro": "Every unit and office makes its own plan, with results at least the sector's targets.",
        "unitPlans.help": "Enter the unit's target for each milestone year as Appendix I writes them: ≥ 80, > 80, 80, 80-90, - (none) or a level of the scale. A target below the sector's is flagged in red.",
        "unitPlans.sector": "Sector", "unitPlans.unit": "Unit", "unitPlans.below": "Below the sector's target", "unitPlans.missing": "No target set",
        "unitPlans.belowCount": "Below the sector", "unitPlans.missingCount": "Not set", "unitPlans.set": "Set",
        "unitPlans.flags": "Unit targets below the sector's", "unitPlans.flagsHelp": "Every unit target below the sector's for the same milestone year, with both values.",
        "unitPlans.withMissing": "Also show milestones left blank", "unitPlans.onlyBelow": "Only targets below the sector's", "unitPlans.noFlags": "No target is flagged.",
    ])
}
