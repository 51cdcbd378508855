import Foundation
import Testing
@testable import Nabijheid

/// The woonservicegebied assessment end to end on the hand-made street of `AssessmentFixture`:
/// every class, every reason code and its Dutch sentence, inhabitant weighting, R3 classes per
/// care location, R4 and suitability counts, and the roll-up to wijken and gemeenten. Every
/// expected number is worked out by hand in the comments.
@Suite("Assessment on a hand-made street")
struct AssessmentEndToEndTests {
    private func fixture() throws -> AssessmentRun { try AssessmentRun.shared.get() }

    // MARK: Classes

    /// basis: V meets R1 (10/10), R2 (9/10 ≥ 50 %) and R3 (1/1); D fails R1 (5/10) and meets R2;
    /// N fails all three; K has 2 < 3 dwellings; W is water; T has 3 dwellings, none routable
    /// and no care location, so nothing applies.
    @Test func everyClassOccursForProfileBasis() throws {
        let f = try fixture()
        let expected = ["V": "voldoet", "D": "voldoet_deels", "N": "voldoet_niet", "K": "te_klein", "W": "water", "T": "niet_te_beoordelen"]
        for (letter, klasse) in expected {
            #expect(f.buurt(letter)["klasse_basis"] as? String == klasse, "buurt \(letter)")
        }
        #expect(Set(expected.values) == Set(ProfileOutcome.Class.allCases.map(\.rawValue)), "the fixture covers every class")
    }

    /// inwoners: V 100 %, D 50 % (fails both), N has no inhabitant figure (onbekend, so nothing is
    /// judged). wonen: V 2 of 3 geclusterde woningen, N 2 of 2, D none.
    @Test func classesOfTheOtherProfiles() throws {
        let f = try fixture()
        let inwoners = ["V": "voldoet", "D": "voldoet_niet", "N": "niet_te_beoordelen", "K": "te_klein", "W": "water", "T": "niet_te_beoordelen"]
        let wonen = ["V": "voldoet_niet", "D": "niet_te_beoordelen", "N": "voldoet", "K": "te_klein", "W": "water", "T": "niet_te_beoordelen"]
        for letter in ["V", "D", "N", "K", "W", "T"] {
            #expect(f.buurt(letter)["klasse_inwoners"] as? String == inwoners[letter], "buurt \(letter)")
            #expect(f.buurt(letter)["klasse_wonen"] as? String == wonen[letter], "buurt \(letter)")
        }
    }

    @Test func buurtAttributes() throws {
        let f = try fixture()
        #expect(f.run.buurten.count == 6)
        for spec in AssessmentFixture.buurten {
            let b = f.buurt(spec.letter)
            #expect(b["buurtnaam"] as? String == "Buurt \(spec.letter)")
            #expect(b["water"] as? String == (spec.water ? "JA" : "NEE"), "buurt \(spec.letter)")
            // Derived from the buurtcode: BU00010100 → WK000101, GM0001.
            #expect(b["wijkcode"] as? String == "WK" + spec.code.dropFirst(2).prefix(6))
            #expect(b["gemeentecode"] as? String == "GM" + spec.code.dropFirst(2).prefix(4))
        }
        #expect(number(f.buurt("V")["aantal_inwoners"]) == 20)
        #expect(number(f.buurt("V")["aantal_inwoners_65plus"]) == 2)      // 20 × 10 %
        #expect(number(f.buurt("D")["aantal_inwoners_65plus"]) == 6)      // 30 × 20 %
        #expect(isNull(f.buurt("N")["aantal_inwoners"]), "-99995 is unknown, not a number")
        #expect(isNull(f.buurt("N")["aantal_inwoners_65plus"]))
        let t = f.buurt("T")
        #expect(number(t["aantal_woningen"]) == 3)
        #expect(number(t["aantal_woningen_routeerbaar"]) == 0)
        #expect(number(t["aantal_woningen_niet_routeerbaar"]) == 3)
        #expect(isNull(t["basis_r1_aandeel"]))
        #expect(t["basis_r1_status"] as? String == "niet_van_toepassing")
        #expect(number(f.buurt("K")["aantal_woningen"]) == 2)
    }

    // MARK: Reasons and their sentences

    @Test func dwellingRequirementShortfall() throws {
        let d = try fixture().buurt("D")
        // R1: dwellings at 1050 … 1950, supermarket at 500: 550 … 950 are below 1000 m, 5 of 10.
        #expect(d["basis_r1_status"] as? String == "voldoet_niet")
        #expect(number(d["basis_r1_aandeel"]) == 0.5)
        // R2: huisarts at 1100, all within.
        #expect(d["basis_r2_status"] as? String == "voldoet")
        #expect(number(d["basis_r2_aandeel"]) == 1)
        // R3: no care location in D.
        #expect(d["basis_r3_status"] as? String == "niet_van_toepassing")
        #expect(isNull(d["basis_r3_aandeel"]))
        #expect(number(d["basis_r3_locaties"]) == 0)
        #expect(d["redenen_basis"] as? String == "R1_TE_WEINIG_BINNEN_BEREIK")
        #expect(d["toelichting_basis"] as? String == "50 % van de woningen ligt binnen 1000 m lopen van dagelijkse boodschappen; vereist is 90 %.")
    }

    @Test func buurtThatMeetsEverythingHasNoReasons() throws {
        let v = try fixture().buurt("V")
        #expect(number(v["basis_r1_aandeel"]) == 1)
        // The dwelling at 50 is 1050 m from the huisarts at 1100: 9 of 10.
        #expect(number(v["basis_r2_aandeel"]) == 0.9)
        #expect(v["basis_r3_status"] as? String == "voldoet")
        #expect(number(v["basis_r3_aandeel"]) == 1)
        #expect(number(v["basis_r3_locaties"]) == 1)
        #expect(number(v["basis_r3_locaties_goed"]) == 1)
        #expect(number(v["basis_r3_locaties_onvoldoende"]) == 0)
        #expect(isNull(v["redenen_basis"]))
        #expect(isNull(v["toelichting_basis"]))
    }

    /// N fails all three: nothing within 1000 m, and care location z4 lies 700 m from the stop.
    @Test func facilityRequirementShortfallAndSeveralReasons() throws {
        let n = try fixture().buurt("N")
        #expect(number(n["basis_r1_aandeel"]) == 0)
        #expect(number(n["basis_r2_aandeel"]) == 0)
        #expect(n["basis_r3_status"] as? String == "voldoet_niet")
        #expect(number(n["basis_r3_aandeel"]) == 0.6667)
        #expect(number(n["basis_r3_locaties"]) == 3)
        #expect(number(n["basis_r3_locaties_onvoldoende"]) == 1)
        #expect(number(n["basis_r3_locaties_goed"]) == 1)
        #expect(n["redenen_basis"] as? String == "R1_TE_WEINIG_BINNEN_BEREIK;R2_TE_WEINIG_BINNEN_BEREIK;R3_LOCATIES_TE_VER")
        #expect(n["toelichting_basis"] as? String == [
            "0 % van de woningen ligt binnen 1000 m lopen van dagelijkse boodschappen; vereist is 90 %.",
            "0 % van de woningen ligt binnen 1000 m lopen van huisarts; vereist is 50 %.",
            "1 van de 3 locaties (zorgvoorziening) heeft geen OV-halte binnen 500 m lopen; vereist is 100 %.",
        ].joined(separator: " "))
    }

    /// N's aantal_inwoners is CBS's -99995: neither weighting can be computed.
    @Test func unknownInhabitantsGiveGeenInwonerscijfers() throws {
        let n = try fixture().buurt("N")
        for id in ["ri", "ro"] {
            #expect(n["inwoners_\(id)_status"] as? String == "onbekend")
            #expect(isNull(n["inwoners_\(id)_aandeel"]))
            #expect(isNull(n["inwoners_\(id)_inwoners_buiten_bereik"]))
            #expect(isNull(n["inwoners_\(id)_inwoners_65plus_buiten_bereik"]))
        }
        // The class reason comes first and says why the profile is open; each sentence names its requirement.
        #expect(n["redenen_inwoners"] as? String == "EISEN_ONBEKEND;RI_GEEN_INWONERSCIJFERS;RO_GEEN_INWONERSCIJFERS")
        #expect(n["toelichting_inwoners"] as? String
                == "Geen eis is te beoordelen: RI en RO zijn onbekend, dus of het gebied voldoet is niet te zeggen. "
                + "RI (RI) is onbekend: voor de weging naar inwoners ontbreekt het CBS-cijfer aantal inwoners (of het is geheim). "
                + "RO (RO) is onbekend: voor de weging naar inwoners van 65 jaar en ouder ontbreekt het CBS-cijfer aantal inwoners (of het is geheim).")
        // The dwelling-weighted profile still judges N, but cannot estimate residents out of reach.
        #expect(n["basis_r1_status"] as? String == "voldoet_niet")
        #expect(isNull(n["basis_r1_inwoners_buiten_bereik"]))
    }

    // MARK: Inhabitant weighting

    /// D: 30 inhabitants over 10 dwellings, 20 % aged 65+; 5 dwellings out of reach of the
    /// supermarket: (1 − 0.5) × 30 = 15 residents, 15 × 20 % = 3 aged 65+.
    @Test func residentsOutOfReach() throws {
        let f = try fixture()
        let d = f.buurt("D")
        for prefix in ["basis_r1", "inwoners_ri", "inwoners_ro"] {
            #expect(number(d["\(prefix)_inwoners_buiten_bereik"]) == 15, "\(prefix)")
            #expect(number(d["\(prefix)_inwoners_65plus_buiten_bereik"]) == 3, "\(prefix)")
        }
        #expect(number(d["inwoners_ri_aandeel"]) == 0.5)
        #expect(number(d["inwoners_ro_aandeel"]) == 0.5)
        #expect(d["toelichting_inwoners"] as? String == [
            "50 % van de inwoners (geschat per woning) woont binnen 1000 m lopen van dagelijkse boodschappen; vereist is 90 %.",
            "50 % van de inwoners van 65 jaar en ouder (geschat per woning) woont binnen 1000 m lopen van dagelijkse boodschappen; vereist is 90 %.",
        ].joined(separator: " "))
        // V: one dwelling (of 10, 20 inhabitants, 10 % 65+) out of reach of the huisarts: 2 and 0.2.
        let v = f.buurt("V")
        #expect(number(v["basis_r2_inwoners_buiten_bereik"]) == 2)
        #expect(number(v["basis_r2_inwoners_65plus_buiten_bereik"]) == 0.2)
        #expect(number(v["basis_r1_inwoners_buiten_bereik"]) == 0)
        // Residents out of reach is (1 − share) × aantal_inwoners in every buurt with figures.
        for letter in ["V", "D", "K", "W"] {
            let b = f.buurt(letter)
            guard let share = number(b["basis_r1_aandeel"]), let inhabitants = number(b["aantal_inwoners"]),
                  let out = number(b["basis_r1_inwoners_buiten_bereik"]) else {
                Issue.record("buurt \(letter) lacks figures: \(b)")
                continue
            }
            #expect(abs(out - (1 - share) * inhabitants) < 0.05, "buurt \(letter)")
        }
    }

    /// WK000101 = V (20 inhabitants, 100 % within) + D (30 inhabitants, 50 % within): weighted by
    /// inhabitants (20 × 1 + 30 × 0.5) / 50 = 0.7; by dwellings 15 / 20 = 0.75; by 65+ (2 × 1 + 6 × 0.5) / 8 = 0.625.
    @Test func wijkShareIsTheInhabitantWeightedMeanOfItsBuurten() throws {
        let f = try fixture()
        let w = f.wijk("WK000101")
        #expect(number(w["inwoners_ri_aandeel"]) == 0.7)
        #expect(number(w["inwoners_ro_aandeel"]) == 0.625)
        #expect(number(w["basis_r1_aandeel"]) == 0.75)
        // The same from the buurt layer.
        let members = ["V", "D"].map { f.buurt($0) }
        let inhabitants = members.map { number($0["aantal_inwoners"]) ?? .nan }
        let shares = members.map { number($0["inwoners_ri_aandeel"]) ?? .nan }
        let weighted = zip(inhabitants, shares).map { $0 * $1 }.reduce(0, +) / inhabitants.reduce(0, +)
        #expect(abs((number(w["inwoners_ri_aandeel"]) ?? .nan) - weighted) < 1e-4)
        #expect(number(w["aantal_inwoners"]) == 50)
        #expect(number(w["aantal_inwoners_65plus"]) == 8)
        #expect(number(w["inwoners_ri_inwoners_buiten_bereik"]) == 15)
        #expect(number(w["inwoners_ri_inwoners_65plus_buiten_bereik"]) == 3)
        #expect(w["inwoners_ri_status"] as? String == "voldoet_niet")
        #expect(w["toelichting_inwoners"] as? String == [
            "70 % van de inwoners (geschat per woning) woont binnen 1000 m lopen van dagelijkse boodschappen; vereist is 90 %.",
            "62 % van de inwoners van 65 jaar en ouder (geschat per woning) woont binnen 1000 m lopen van dagelijkse boodschappen; vereist is 90 %.",
        ].joined(separator: " "))
        // WK000102 holds N, whose inhabitants are unknown: no weighted share and no total.
        let other = f.wijk("WK000102")
        #expect(other["inwoners_ri_status"] as? String == "onbekend")
        #expect(other["redenen_inwoners"] as? String == "EISEN_ONBEKEND;RI_GEEN_INWONERSCIJFERS;RO_GEEN_INWONERSCIJFERS")
        #expect(isNull(other["aantal_inwoners"]))
    }

    // MARK: R4 and dwelling attributes

    /// V's geclusterde woningen at 50, 650 and 950 are 150, 450 and 750 m from care location z1
    /// at 200: 2 of 3 below 500 m (66.7 %, written as "66 %": rounded down). N's at 3350 and 3950
    /// are 100 and 200 m from z2 and z4.
    @Test func clusteredDwellingsRequirement() throws {
        let f = try fixture()
        let v = f.buurt("V"), n = f.buurt("N"), d = f.buurt("D")
        #expect(number(v["aantal_woningen_geclusterd"]) == 3, "\"Geclusterd \" counts: case and spaces are ignored")
        #expect(number(n["aantal_woningen_geclusterd"]) == 2)
        #expect(number(d["aantal_woningen_geclusterd"]) == 0)
        #expect(v["wonen_r4_status"] as? String == "voldoet_niet")
        #expect(number(v["wonen_r4_aandeel"]) == 0.6667)
        #expect(v["redenen_wonen"] as? String == "R4_TE_WEINIG_BINNEN_BEREIK")
        #expect(v["toelichting_wonen"] as? String == "66 % van de geclusterde woningen ligt binnen 500 m lopen van zorgvoorziening; vereist is 100 %.")
        #expect(n["wonen_r4_status"] as? String == "voldoet")
        #expect(number(n["wonen_r4_aandeel"]) == 1)
        #expect(d["wonen_r4_status"] as? String == "niet_van_toepassing")
        // Rolled up: 3 + 2 geclusterd in GM0001, 4 of 5 within.
        let g = f.gemeente("GM0001")
        #expect(number(g["aantal_woningen_geclusterd"]) == 5)
        #expect(number(g["wonen_r4_aandeel"]) == 0.8)
        #expect(g["klasse_wonen"] as? String == "voldoet_niet")
    }

    /// Levels beugels < nultreden < rolstoelgeschikt; a dwelling counts for its level and every lower one.
    /// V: 2 beugels, 3 nultreden, 1 rolstoelgeschikt, 4 empty → 6, 4, 1. D: 2 rolstoelgeschikt → 2, 2, 2. N: 1 beugels.
    @Test func suitabilityCounts() throws {
        let f = try fixture()
        func counts(_ p: [String: Any]) -> [Double?] {
            ["beugels", "nultreden", "rolstoelgeschikt"].map { number(p["aantal_woningen_\($0)_of_beter"]) }
        }
        #expect(counts(f.buurt("V")) == [6, 4, 1])
        #expect(counts(f.buurt("D")) == [2, 2, 2])
        #expect(counts(f.buurt("N")) == [1, 0, 0])
        #expect(counts(f.buurt("T")) == [0, 0, 0])
        #expect(counts(f.wijk("WK000101")) == [8, 6, 3])
        #expect(counts(f.gemeente("GM0001")) == [9, 6, 3])
    }

    // MARK: Care locations (R3) in voorzieningen.geojson

    @Test func careLocationClasses() throws {
        let f = try fixture()
        let expected: [(String, String, Double)] = [("z1", "goed", 100), ("z2", "goed", 200), ("z3", "acceptabel", 400), ("z4", "onvoldoende", 700)]
        for (id, klasse, distance) in expected {
            let z = f.facility(id)
            #expect(z["basis_r3_klasse"] as? String == klasse, "\(id)")
            #expect(number(z["afstand_ov_halte_m"]) == distance, "\(id)")
            #expect(number(z["afstand_zorg_m"]) == 0, "a facility is its own nearest of its category")
        }
        #expect(f.run.voorzieningen.count == AssessmentFixture.facilities.count)
        for id in ["s1", "o1", "h1", "o2", "s2", "h2"] {
            #expect(isNull(f.facility(id)["basis_r3_klasse"]), "R3 does not apply to \(id)")
        }
        // Only facility requirements get a class column.
        let keys = Set((f.run.voorzieningen.first?["properties"] as? [String: Any] ?? [:]).keys)
        #expect(keys.filter { $0.hasSuffix("_klasse") } == ["basis_r3_klasse"])
    }

    // MARK: Roll-up to wijken and gemeenten

    @Test func wijkenAndGemeentenAreRolledUp() throws {
        let f = try fixture()
        #expect(f.wijken.count == 3)
        #expect(f.gemeenten.count == 2)
        let wijken: [(String, Int, Int, Int)] = [("WK000101", 2, 20, 0), ("WK000102", 3, 16, 0), ("WK000201", 1, 3, 3)]
        for (code, buurten, dwellings, notRoutable) in wijken {
            let w = f.wijk(code)
            #expect(number(w["aantal_buurten"]) == Double(buurten), "\(code)")
            #expect(number(w["aantal_woningen"]) == Double(dwellings), "\(code)")
            #expect(number(w["aantal_woningen_niet_routeerbaar"]) == Double(notRoutable), "\(code)")
        }
        #expect(number(f.gemeente("GM0001")["aantal_buurten"]) == 5)
        #expect(number(f.gemeente("GM0001")["aantal_woningen"]) == 36)
        #expect(number(f.gemeente("GM0002")["aantal_woningen"]) == 3)
        #expect(number(f.gemeente("GM0002")["aantal_inwoners"]) == 6)
        #expect(isNull(f.gemeente("GM0001")["aantal_inwoners"]), "N's inhabitants are unknown")
        // The sums over each level equal the buurt layer's.
        let buurtTotal = f.run.buurten.compactMap { number(($0["properties"] as? [String: Any])?["aantal_woningen"]) }.reduce(0, +)
        for layer in [f.wijken, f.gemeenten] {
            let total = layer.compactMap { number(($0["properties"] as? [String: Any])?["aantal_woningen"]) }.reduce(0, +)
            #expect(total == buurtTotal)
        }
        #expect(buurtTotal == 39)
    }

    /// V and D are adjacent squares: their wijk is one polygon with one ring (the shared edge is
    /// dissolved). N, K, W likewise. GM0001 has two separate parts: V+D and N+K+W.
    @Test func dissolvedGeometry() throws {
        let f = try fixture()
        for code in ["WK000101", "WK000102", "WK000201"] {
            let geometry = f.geometry(f.wijken, code)
            #expect(geometry["type"] as? String == "Polygon", "\(code): \(geometry)")
            #expect((geometry["coordinates"] as? [Any])?.count == 1, "\(code): one ring, no hole and no second ring")
        }
        let gm = f.geometry(f.gemeenten, "GM0001")
        #expect(gm["type"] as? String == "MultiPolygon")
        let parts = gm["coordinates"] as? [[Any]] ?? []
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.count == 1 })
        // The wijk of V and D spans both: its ring's longitudes cover those of both buurten.
        func longitudes(_ geometry: [String: Any]) -> [Double] {
            ((geometry["coordinates"] as? [[[Double]]])?.first ?? []).map { $0[0] }
        }
        let wijk = longitudes(f.geometry(f.wijken, "WK000101"))
        let v = longitudes(f.geometry(f.run.buurten, AssessmentFixture.code("V")))
        let d = longitudes(f.geometry(f.run.buurten, AssessmentFixture.code("D")))
        #expect(wijk.min() == v.min() && wijk.max() == d.max())
    }

    @Test func wijkAndGemeenteClasses() throws {
        let f = try fixture()
        // WK000101: R1 15/20 fails, R2 19/20 and R3 1/1 meet. WK000102: R1 and R2 6/16, R3 2/3.
        #expect(f.wijk("WK000101")["klasse_basis"] as? String == "voldoet_deels")
        #expect(f.wijk("WK000101")["redenen_basis"] as? String == "R1_TE_WEINIG_BINNEN_BEREIK")
        #expect(number(f.wijk("WK000101")["basis_r2_aandeel"]) == 0.95)
        #expect(f.wijk("WK000102")["klasse_basis"] as? String == "voldoet_niet")
        #expect(number(f.wijk("WK000102")["basis_r1_aandeel"]) == 0.375)
        #expect(f.wijk("WK000201")["klasse_basis"] as? String == "niet_te_beoordelen")
        #expect(f.wijk("WK000101")["klasse_inwoners"] as? String == "voldoet_niet")
        #expect(f.wijk("WK000102")["klasse_inwoners"] as? String == "niet_te_beoordelen")
        #expect(f.wijk("WK000102")["klasse_wonen"] as? String == "voldoet")
        // GM0001: R1 (10 + 5 + 0 + 2 + 4) / 36, R2 (9 + 10 + 0 + 2 + 4) / 36 ≥ 50 %, R3 3 of 4 locations.
        let g = f.gemeente("GM0001")
        #expect(g["klasse_basis"] as? String == "voldoet_deels")
        #expect(number(g["basis_r1_aandeel"]) == 0.5833)
        #expect(number(g["basis_r2_aandeel"]) == 0.6944)
        #expect(number(g["basis_r3_aandeel"]) == 0.75)
        #expect(number(g["basis_r3_locaties"]) == 4)
        #expect(number(g["basis_r3_locaties_goed"]) == 2)
        #expect(number(g["basis_r3_locaties_onvoldoende"]) == 1)
        #expect(g["redenen_basis"] as? String == "R1_TE_WEINIG_BINNEN_BEREIK;R3_LOCATIES_TE_VER")
        #expect(f.gemeente("GM0002")["klasse_basis"] as? String == "niet_te_beoordelen")
    }

    // MARK: run.json

    @Test func runReportCountsEveryClass() throws {
        let f = try fixture()
        let totals = f.run.report.beoordeling
        #expect(totals.map { "\($0.profiel)/\($0.niveau)" } == [
            "basis/buurt", "basis/wijk", "basis/gemeente", "inwoners/buurt", "inwoners/wijk", "inwoners/gemeente",
            "wonen/buurt", "wonen/wijk", "wonen/gemeente",
        ])
        func classes(_ voldoet: Int, _ deels: Int, _ niet: Int, _ klein: Int, _ water: Int, _ ntb: Int) -> [String: Int] {
            ["voldoet": voldoet, "voldoet_deels": deels, "voldoet_niet": niet, "te_klein": klein, "water": water, "niet_te_beoordelen": ntb]
        }
        let expected: [String: ([String: Int], [String: Int])] = [
            "basis/buurt": (classes(1, 1, 1, 1, 1, 1), ["R1": 2, "R2": 1, "R3": 1]),
            "basis/wijk": (classes(0, 1, 1, 0, 0, 1), ["R1": 2, "R2": 1, "R3": 1]),
            "basis/gemeente": (classes(0, 1, 0, 0, 0, 1), ["R1": 1, "R2": 0, "R3": 1]),
            "inwoners/buurt": (classes(1, 0, 1, 1, 1, 2), ["RI": 1, "RO": 1]),
            "inwoners/wijk": (classes(0, 0, 1, 0, 0, 2), ["RI": 1, "RO": 1]),
            "inwoners/gemeente": (classes(0, 0, 0, 0, 0, 2), ["RI": 0, "RO": 0]),
            "wonen/buurt": (classes(1, 0, 1, 1, 1, 2), ["R4": 1]),
            "wonen/wijk": (classes(1, 0, 1, 0, 0, 1), ["R4": 1]),
            "wonen/gemeente": (classes(0, 0, 1, 0, 0, 1), ["R4": 1]),
        ]
        for total in totals {
            let key = "\(total.profiel)/\(total.niveau)"
            #expect(total.klassen == expected[key]?.0, "\(key)")
            #expect(total.niet_voldaan == expected[key]?.1, "\(key)")
        }
        // The class counts of each level agree with the layer.
        for (level, layer) in [("buurt", f.run.buurten), ("wijk", f.wijken), ("gemeente", f.gemeenten)] {
            var counted: [String: Int] = [:]
            for feature in layer {
                counted[(feature["properties"] as? [String: Any])?["klasse_basis"] as? String ?? "?", default: 0] += 1
            }
            let reported = totals.first { $0.profiel == "basis" && $0.niveau == level }?.klassen.filter { $0.value > 0 }
            #expect(reported == counted, "\(level)")
        }
        // And run.json on disk says the same.
        let written = f.runJSON["beoordeling"] as? [[String: Any]] ?? []
        #expect(written.count == 9)
        #expect(written.first?["klassen"] as? [String: Int] == classes(1, 1, 1, 1, 1, 1))
        let uitvoer = (f.runJSON["uitvoer"] as? [[String: Any]] ?? []).map { "\($0["bestand"] ?? "") \($0["features"] ?? "")" }
        #expect(uitvoer.contains("wijken.geojson 3") && uitvoer.contains("gemeenten.geojson 2"), "\(uitvoer)")
    }

    // MARK: Switching the CBS fields off

    /// docs/configuratie.md: for the CBS fields of [buurten], "naming a field makes it required,
    /// "" switches it off". With wijk_field = "" and gemeente_field = "" there should be no wijk
    /// and gemeente level, even though the buurtcodes are CBS codes.
    @Test
    func emptyWijkAndGemeenteFieldSwitchTheLevelsOff() throws {
        let configuration = AssessmentFixture.configuration.replacingOccurrences(
            of: "path = \"buurten.geojson\"\n", with: "path = \"buurten.geojson\"\nwijk_field = \"\"\ngemeente_field = \"\"\n")
        #expect(configuration != AssessmentFixture.configuration)
        let f = try AssessmentRun(configuration: configuration)
        #expect(f.wijken.isEmpty && f.gemeenten.isEmpty)
        #expect(isNull(f.buurt("V")["wijkcode"]))
        #expect(f.run.report.beoordeling.allSatisfy { $0.niveau == "buurt" })
    }

    /// The other CBS fields switched off: no inhabitants, no water buurt; the dwelling-weighted
    /// profile is unaffected, the inhabitant-weighted one cannot judge.
    @Test func emptyCBSFieldsAreUnknown() throws {
        let configuration = AssessmentFixture.configuration.replacingOccurrences(
            of: "path = \"buurten.geojson\"\n",
            with: "path = \"buurten.geojson\"\ninhabitants_field = \"\"\nshare65_field = \"\"\nwater_field = \"\"\n")
        #expect(configuration != AssessmentFixture.configuration)
        let f = try AssessmentRun(configuration: configuration)
        let v = f.buurt("V"), w = f.buurt("W")
        #expect(isNull(v["aantal_inwoners"]))
        #expect(w["water"] as? String == "NEE")
        #expect(w["klasse_basis"] as? String == "voldoet", "W: 4 dwellings all near s2 and h2, no care location")
        #expect(v["klasse_basis"] as? String == "voldoet")
        #expect(v["inwoners_ri_status"] as? String == "onbekend")
        #expect(v["redenen_inwoners"] as? String == "EISEN_ONBEKEND;RI_GEEN_INWONERSCIJFERS;RO_GEEN_INWONERSCIJFERS")
    }
}
