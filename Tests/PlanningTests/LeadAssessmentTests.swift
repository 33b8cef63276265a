import Testing
@testable import Planning

@Suite("The lead office's own assessment") struct LeadAssessmentTests {
    static func draft(_ status: EvaluationStatus?, reason: String = "", analysis: String = "Phân tích", measures: String = "") -> LeadAssessment.Draft {
        LeadAssessment.Draft(status: status, reason: reason, analysis: analysis, measures: measures)
    }

    @Test("confirming keeps the computed status and needs no reason", arguments: [
        (nil as EvaluationStatus?, EvaluationStatus.behind, false),
        (.behind, .behind, false),
        (.noBaseline, .noBaseline, true),
        (nil, .met, true),
    ])
    func confirm(status: EvaluationStatus?, computed: EvaluationStatus, isFinal: Bool) throws {
        // act
        let result = try LeadAssessment.check(Self.draft(status, reason: "  "), computed: computed, isFinal: isFinal).get()
        // validate
        #expect(result.status == computed && result.computedStatus == computed && result.reason == nil && !result.changesStatus)
    }

    @Test("another status needs a reason and must be a judgement of the period", arguments: [
        // (chosen, computed, final, reason, problems)
        (EvaluationStatus.onTrack, EvaluationStatus.behind, false, "", [LeadAssessment.Problem.reasonRequired]),
        (.onTrack, .behind, false, "Số liệu quý IV chưa cập nhật", []),
        (.met, .behind, false, "x", [.statusNotChoosable(.met, allowed: [.onTrack, .behind])]),
        (.behind, .noBaseline, false, "Số liệu gốc thấp", []),
        (.notMet, .met, true, "Thiếu 3 đơn vị", []),
        (.onTrack, .met, true, "", [.statusNotChoosable(.onTrack, allowed: [.exceeded, .met, .notMet]), .reasonRequired]),
        (.noData, .met, true, "Không tin số liệu", [.statusNotChoosable(.noData, allowed: [.exceeded, .met, .notMet])]),
    ])
    func change(chosen: EvaluationStatus, computed: EvaluationStatus, isFinal: Bool, reason: String, problems: [LeadAssessment.Problem]) {
        // act
        let result = LeadAssessment.check(Self.draft(chosen, reason: reason), computed: computed, isFinal: isFinal)
        // validate
        switch result {
        case .success(let assessment):
            #expect(problems.isEmpty && assessment.status == chosen && assessment.reason == reason && assessment.changesStatus)
        case .failure(let found):
            #expect(found.list == problems)
        }
    }

    @Test("the analysis is required; texts are trimmed and bounded")
    func texts() throws {
        // setup
        let long = String(repeating: "a", count: LeadAssessment.maximumTextLength + 1)
        // act
        let empty = LeadAssessment.check(Self.draft(nil, analysis: " \n "), computed: .onTrack, isFinal: false)
        let tooLong = LeadAssessment.check(Self.draft(nil, analysis: long, measures: long), computed: .onTrack, isFinal: false)
        let trimmed = try LeadAssessment.check(Self.draft(nil, analysis: "  Tốt \n", measures: " Giữ vững "), computed: .onTrack, isFinal: false).get()
        // validate
        #expect(empty == .failure([.analysisRequired]))
        #expect(tooLong == .failure([.tooLong(field: "analysis", maximum: 5_000), .tooLong(field: "measures", maximum: 5_000)]))
        #expect(trimmed.analysis == "Tốt" && trimmed.measures == "Giữ vững")
    }

    @Test("stale when the computed status changed since writing", arguments: [
        (EvaluationStatus.behind, EvaluationStatus.behind, false),
        (.behind, .onTrack, true),
        (.noData, .behind, true),
    ])
    func stale(atWriting: EvaluationStatus, now: EvaluationStatus, stale: Bool) {
        let assessment = LeadAssessment(computedStatus: atWriting, status: .onTrack, reason: "r", analysis: "a", measures: "")
        #expect(assessment.isStale(now: now) == stale)
    }

    @Test("the choices: a milestone year's end is exceeded/met/not met, any other period on track/behind")
    func choices() {
        #expect(LeadAssessment.choices(isFinal: true) == [.exceeded, .met, .notMet])
        #expect(LeadAssessment.choices(isFinal: false) == [.onTrack, .behind])
    }

    @Test("a summary cuts at a word boundary and says so", arguments: [
        ("Ngắn gọn.", 20, "Ngắn gọn."),
        ("Một  hai\nba bốn năm", 11, "Một hai ba…"),
        ("abcdefghij", 5, "abcd…"),
    ])
    func summary(text: String, limit: Int, expected: String) {
        #expect(LeadAssessment.summary(text, limit: limit) == expected)
        #expect(LeadAssessment.summary(text, limit: limit).count <= max(limit, text.count))
    }
}
