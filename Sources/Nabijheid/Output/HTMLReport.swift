import Foundation

/// `rapport.html`: one self-contained page (inline CSS and SVG; no scripts, fonts or images
/// from elsewhere) to put in front of a wethouder: per profile a map of the buurten coloured by
/// class with a legend, a table per buurt (and per wijk and gemeente) with every requirement's
/// share and the reasons, the requirement profiles with their sources, and where the figures
/// come from (`run.json`). Deterministic: the same run gives the same bytes.
enum HTMLReport {
    static let title = "Nabijheid van voorzieningen per buurt"

    static func render(_ result: RunResult, report: RunReport) -> String {
        let configuration = result.configuration
        let profiles = configuration.assessment.profiles
        let minimum = configuration.assessment.minimumDwellings
        let buurtLevel = result.areas.first { $0.level.kind == .buurt }
        let wijkLevel = result.areas.first { $0.level.kind == .wijk }
        let gemeenteLevel = result.areas.first { $0.level.kind == .gemeente }

        var html = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(title) – \(escape(report.configuratie.bestand))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n"
        html += "<header><h1>\(title)</h1>\n<p class=\"sub\">Configuratie <code>\(escape(report.configuratie.bestand))</code> · "
        html += "\(number(report.buurten)) buurten · \(number(report.woningen.gelezen)) woningen gelezen · nabijheid \(escape(report.nabijheid_versie))</p></header>\n"
        html += "<nav><a href=\"#kaart-0\">Kaart</a> · <a href=\"#buurten\">Per buurt</a>"
        if wijkLevel != nil { html += " · <a href=\"#wijken\">Per wijk</a>" }
        if gemeenteLevel != nil { html += " · <a href=\"#gemeenten\">Per gemeente</a>" }
        if !configuration.mobilityProfiles.isEmpty { html += " · <a href=\"#mobiliteit\">Rollator en rolstoel</a>" }
        if result.cbs.map({ !$0.isEmpty }) == true { html += " · <a href=\"#cbs\">Vergelijking met CBS</a>" }
        html += " · <a href=\"#eisen\">Eisen</a> · <a href=\"#verantwoording\">Verantwoording</a></nav>\n"
        html += "<p class=\"intro\">Per buurt is nagegaan of de voorzieningen die ouderen dagelijks nodig hebben op loopafstand liggen. "
        html += "Afstanden zijn gemeten als looproute over het voetpadennetwerk, niet hemelsbreed. Een buurt <em>voldoet</em> als zij aan alle eisen "
        html += "van het profiel voldoet, <em>voldoet deels</em> als zij aan een deel van de eisen voldoet en <em>voldoet niet</em> als zij aan geen enkele eis voldoet. "
        html += "Buurten met minder dan \(minimum) woningen en waterbuurten worden niet beoordeeld.</p>\n"
        html += warnings(report)

        if let buurtLevel {
            let projection = MapProjection(result.buurten.map(\.area))
            let paths = projection.map { projection in result.buurten.map { projection.path($0.area) } } ?? []
            let wijkPaths = projection.flatMap { projection in wijkLevel.map { $0.level.geometry.map(projection.path) } } ?? []
            for (p, profile) in profiles.enumerated() {
                html += "<section id=\"kaart-\(p)\">\n<h2>Kaart: \(escape(profile.label))</h2>\n"
                html += "<p class=\"samenvatting\">\(summary(buurtLevel, profile: p))</p>\n<div class=\"kaartvak\">\n"
                if let projection {
                    html += map(profile: p, profileLabel: profile.label, level: buurtLevel, buurten: result.buurten,
                                projection: projection, paths: paths, wijkPaths: wijkPaths,
                                facilities: result.facilities, catalog: configuration.catalog)
                } else {
                    html += "<p>Geen buurtgrenzen om te tekenen.</p>\n"
                }
                html += "<div class=\"naastkaart\">" + legend(profile: p, level: buurtLevel, minimumDwellings: minimum, hasWijken: !wijkPaths.isEmpty)
                html += failures(buurtLevel, profile: profile, index: p, catalog: configuration.catalog) + "</div>\n</div>\n</section>\n"
            }
            html += "<section id=\"buurten\">\n<h2>Beoordeling per buurt</h2>\n"
            html += areaTable(buurtLevel, buurten: result.buurten, profiles: profiles, catalog: configuration.catalog, minimumDwellings: minimum)
            html += "</section>\n"
        }
        for (level, id, heading) in [(wijkLevel, "wijken", "Beoordeling per wijk"), (gemeenteLevel, "gemeenten", "Beoordeling per gemeente")] {
            guard let level else { continue }
            html += "<section id=\"\(id)\">\n<h2>\(heading)</h2>\n"
            html += "<p>Cijfers van een \(level.level.kind.rawValue) zijn berekend over al haar woningen, niet gemiddeld over de buurten.</p>\n"
            html += areaTable(level, buurten: result.buurten, profiles: profiles, catalog: configuration.catalog, minimumDwellings: minimum)
            html += "</section>\n"
        }
        if let buurtLevel { html += mobilitySection(result, level: buurtLevel, report: report) }
        if let cbs = result.cbs, !cbs.isEmpty, let buurtLevel { html += cbsTable(cbs, level: buurtLevel, buurten: result.buurten, catalog: configuration.catalog) }
        html += profileTables(configuration.assessment, catalog: configuration.catalog)
        html += provenance(report, catalog: configuration.catalog)
        html += "<footer>Gemaakt met nabijheid \(escape(report.nabijheid_versie)). Dit bestand heeft geen internetverbinding nodig.</footer>\n"
        return html + "</body>\n</html>\n"
    }

    /// What the input cannot support, at the top of the page (GDAL's messages stay under
    /// Verantwoording).
    static func warnings(_ report: RunReport) -> String {
        let shown = report.waarschuwingen.filter { $0.code != "GDAL" }
        guard !shown.isEmpty else { return "" }
        var html = "<section id=\"waarschuwingen\" class=\"waarschuwingen\">\n<h2>Let op: de invoer is onvolledig</h2>\n"
        html += "<p>Wat hieronder staat, kan deze run niet beoordelen. Eisen die ervan afhangen zijn <em>onbekend</em>, niet <em>voldoet niet</em>.</p>\n<ul>"
        html += shown.map { "<li>\(escape($0.melding))</li>" }.joined()
        return html + "</ul>\n</section>\n"
    }

    // MARK: - Classes

    static func classLabel(_ klasse: ProfileOutcome.Class, minimumDwellings: Int? = nil) -> String {
        switch klasse {
        case .voldoet: return "Voldoet"
        case .voldoetDeels: return "Voldoet deels"
        case .voldoetNiet: return "Voldoet niet"
        case .teKlein: return minimumDwellings.map { "Te klein (< \($0) woningen)" } ?? "Te klein"
        case .water: return "Water"
        case .nietTeBeoordelen: return "Niet te beoordelen"
        }
    }

    /// Table order: the worst first, the areas that are not judged last.
    static func severity(_ klasse: ProfileOutcome.Class) -> Int {
        switch klasse {
        case .voldoetNiet: return 0
        case .voldoetDeels: return 1
        case .voldoet: return 2
        case .nietTeBeoordelen: return 3
        case .teKlein: return 4
        case .water: return 5
        }
    }

    static func isJudged(_ klasse: ProfileOutcome.Class) -> Bool {
        klasse == .voldoet || klasse == .voldoetDeels || klasse == .voldoetNiet
    }

    // MARK: - Area tables

    /// One row per area, the worst class (of the first profile) first, then by code.
    static func areaTable(_ level: AreaReport, buurten: [Buurt], profiles: [RequirementProfile], catalog: FacilityCatalog,
                          minimumDwellings: Int) -> String {
        let kind = level.level.kind
        let order = (0..<level.level.count).sorted { a, b in
            let sa = profiles.isEmpty ? 0 : severity(level.outcomes[a][0].classification)
            let sb = profiles.isEmpty ? 0 : severity(level.outcomes[b][0].classification)
            if sa != sb { return sa < sb }
            if level.level.codes[a] != level.level.codes[b] { return level.level.codes[a] < level.level.codes[b] }
            return a < b
        }
        // Too small and water do not depend on the profile; those rows are folded away below the table.
        let isSkipped = { (area: Int) in [.teKlein, .water].contains(level.outcomes[area].first?.classification) }
        let shown = order.filter { !isSkipped($0) }, skipped = order.filter(isSkipped)
        var html = "<p class=\"klein\">Gesorteerd van slechtste naar beste klasse\(profiles.count > 1 ? " (eerste profiel)" : ""), dan op code. "
        html += "✓ voldoet aan de eis · ✗ voldoet niet · n.v.t.: niets te beoordelen (geen woningen of locaties) · ?: onbekend (CBS-cijfer voor "
        html += "de weging ontbreekt, of de invoer heeft geen voorzieningen van de categorie). Percentages zijn naar beneden afgerond, zoals in de toelichting; wijs een cel aan voor de aantallen. "
        html += "Bij gebieden die niet beoordeeld worden staan de cijfers in grijs.\(hiddenRequirementsNote(level, profiles: profiles))</p>\n"
        html += areaRows(shown, level, buurten: buurten, profiles: profiles, catalog: catalog, minimumDwellings: minimumDwellings)
        if !skipped.isEmpty {
            let small = skipped.filter { level.outcomes[$0].first?.classification == .teKlein }.count
            let parts = [small > 0 ? "\(number(small)) te klein (minder dan \(minimumDwellings) woningen)" : nil,
                         skipped.count > small ? "\(number(skipped.count - small)) water" : nil].compactMap { $0 }
            html += "<details class=\"nietbeoordeeld\"><summary>\(number(skipped.count)) \(kind == .buurt ? "buurten" : "gebieden") niet beoordeeld: "
            html += "\(parts.joined(separator: ", ")) (tonen)</summary>\n"
            html += areaRows(skipped, level, buurten: buurten, profiles: profiles, catalog: catalog, minimumDwellings: minimumDwellings)
            html += "</details>\n"
        }
        return html
    }

    /// The table of `rows` (area indices, in order).
    static func areaRows(_ rows: [Int], _ level: AreaReport, buurten: [Buurt], profiles: [RequirementProfile], catalog: FacilityCatalog,
                         minimumDwellings: Int) -> String {
        let kind = level.level.kind
        var html = "<table class=\"gebieden\">\n<thead><tr><th>Code</th>"
        // Some layers use the name as code (`code_field = name_field`); then one column is enough.
        let showNames = kind != .buurt || level.level.buurten.indices.contains { buurten[$0].name != level.level.codes[$0] }
        // R6 or R9 that apply nowhere at this level (R9 at buurt level; R6 without suitability) get no column.
        let columnsOf = shownRequirements(level, profiles: profiles)
        let columns = (showNames ? 3 : 2) + columnsOf.reduce(0) { $0 + $1.count + 1 }
        if showNames { html += kind == .buurt ? "<th>Naam</th>" : "<th class=\"n\">Buurten</th>" }
        html += "<th class=\"n\">Woningen</th>"
        for (p, profile) in profiles.enumerated() {
            html += "<th class=\"profiel\">Klasse<br><span>\(escape(profile.label))</span></th>"
            for requirement in columnsOf[p].map({ profile.requirements[$0] }) {
                html += "<th class=\"eis n\" title=\"\(escape(requirement.label))\">\(escape(requirement.id))<br><span>\(escape(criterion(requirement, catalog)))</span></th>"
            }
        }
        html += "</tr></thead>\n"
        for area in rows {
            let outcomes = level.outcomes[area]
            let name = kind == .buurt ? escape(buurten[area].name) : number(level.level.buurten[area].count)
            html += "<tbody><tr><td class=\"code\">\(escape(level.level.codes[area]))</td>"
            if showNames { html += "<td class=\"\(kind == .buurt ? "naam" : "n")\">\(name)</td>" }
            html += "<td class=\"n\">\(number(level.figures[area].dwellings))</td>"
            for (p, profile) in profiles.enumerated() {
                let klasse = outcomes[p].classification
                html += "<td class=\"profiel\"><span class=\"klasse k-\(klasse.rawValue)\">\(classLabel(klasse))</span></td>"
                for (r, requirement) in profile.requirements.enumerated() where columnsOf[p].contains(r) {
                    html += requirementCell(outcomes[p].requirements[r], requirement, judged: klasse != .teKlein && klasse != .water)
                }
            }
            html += "</tr>\n"
            let text = explanation(outcomes, kind: kind, profiles: profiles, minimumDwellings: minimumDwellings)
            if !text.isEmpty { html += "<tr class=\"uitleg\"><td colspan=\"\(columns)\">\(text)</td></tr>\n" }
            html += "</tbody>\n"
        }
        html += "</table>\n"
        return html
    }

    static func requirementCell(_ outcome: RequirementOutcome, _ requirement: Requirement, judged: Bool) -> String {
        let share = outcome.share.flatMap { $0.isFinite ? ReasonText.percent($0) : nil } ?? "–"
        let (css, mark, status): (String, String, String)
        switch outcome.status {
        case .voldoet: (css, mark, status) = ("ok", " ✓", "voldoet")
        case .voldoetNiet: (css, mark, status) = ("nok", " ✗", "voldoet niet")
        case .nietVanToepassing: (css, mark, status) = ("nvt", "", "niet van toepassing")
        case .onbekend: (css, mark, status) = ("onb", " ?", "onbekend")
        }
        let unit: String
        switch requirement.population {
        case .dwellings: unit = "woningen"
        case .clusteredDwellings: unit = "geclusterde woningen"
        case .facilities: unit = "locaties"
        }
        var title = "\(requirement.id) \(status): \(outcome.within) van \(outcome.population) \(unit) \(requirement.isDistanceRequirement ? "binnen bereik" : "geschikt")"
        if let unknown = outcome.unknown, unknown > 0 { title += ", van \(unknown) onbekend" }
        if outcome.status == .nietVanToepassing { return "<td class=\"s-nvt\">n.v.t.</td>" }
        // R9 has no share: the mark alone, the sentence on hover.
        if requirement.isAreaRequirement {
            let text = outcome.reason ?? "\(requirement.id) \(status)"
            return "<td class=\"\(judged ? "s-" + css : "s-grijs")\" title=\"\(escape(text))\">\(mark.isEmpty ? "–" : String(mark.dropFirst()))</td>"
        }
        return "<td class=\"\(judged ? "s-" + css : "s-grijs")\" title=\"\(escape(title))\">\(share)\(judged ? mark : "")</td>"
    }

    /// The reasons of the failed requirements, or why the area is not judged.
    static func explanation(_ outcomes: [ProfileOutcome], kind: AreaLevel.Kind, profiles: [RequirementProfile], minimumDwellings: Int) -> String {
        guard let first = outcomes.first else { return "" }
        // Water and too few dwellings do not depend on the profile.
        if first.classification == .water { return kind == .buurt ? "Waterbuurt: niet beoordeeld." : "Alleen water: niet beoordeeld." }
        if first.classification == .teKlein { return "Minder dan \(minimumDwellings) woningen: niet beoordeeld." }
        var parts: [String] = []
        for (p, profile) in profiles.enumerated() {
            let outcome = outcomes[p]
            var lines: [String] = outcome.classReason.map { [escape($0)] } ?? []
            // Requirements failing with the same sentence (typically a missing CBS figure) share a
            // line. A sentence that names its requirement ("R1s (…) is onbekend: …") is compared
            // without the name, and the bold ids take the name's place.
            var reasons: [(ids: [String], text: String, label: String?)] = []
            for (r, requirement) in profile.requirements.enumerated() {
                guard var reason = outcome.requirements[r].reason else { continue }
                let named = ReasonText.named(requirement)
                var label: String? = nil
                if reason.hasPrefix(named) {
                    reason = String(reason.dropFirst(named.count))
                    label = String(named.dropFirst(requirement.id.count + 1))
                }
                if let same = reasons.firstIndex(where: { $0.text == reason }) {
                    reasons[same].ids.append(requirement.id)
                    reasons[same].label = nil
                } else {
                    reasons.append(([requirement.id], reason, label))
                }
            }
            lines += reasons.map { item in
                let ids = "<b>\(escape(item.ids.joined(separator: ", ")))</b>"
                if let label = item.label { return "\(ids) \(escape(label))\(escape(item.text))" }
                // A shared sentence without the names: " is onbekend: …" → " zijn onbekend: …".
                let text = item.ids.count > 1 && item.text.hasPrefix(" is ") ? " zijn " + item.text.dropFirst(4) : item.text
                return ids + (text.hasPrefix(" ") ? "" : " ") + escape(text)
            }
            if outcome.classification == .nietTeBeoordelen && lines.isEmpty { lines.append("Geen woningen of locaties om te beoordelen.") }
            guard !lines.isEmpty else { continue }
            let prefix = profiles.count > 1 ? "<div class=\"pl\">\(escape(profile.label))</div>" : ""
            parts.append(prefix + lines.map { "<div>\($0)</div>" }.joined())
        }
        return parts.joined()
    }

    /// "dagelijkse boodschappen < 1000 m", "zorg → OV-halte ≤ 500 m".
    /// " (rollator, toegankelijk)" for a requirement on a mobility profile or with a filter.
    static func aid(_ requirement: Requirement) -> String {
        var parts: [String] = []
        if requirement.network != MobilityProfile.standaardName { parts.append(requirement.network) }
        if requirement.accessibility != .alle { parts.append(requirement.accessibility.adjective) }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
    }

    static func criterion(_ requirement: Requirement, _ catalog: FacilityCatalog) -> String {
        if let criterion = requirement.measureCriterion { return criterion }
        let to = ReasonText.targets(requirement, catalog)
        switch requirement.population {
        case .dwellings: return "\(to) < \(ReasonText.limit(requirement))" + aid(requirement)
        case .clusteredDwellings: return "geclusterd → \(to) < \(ReasonText.limit(requirement))" + aid(requirement)
        case .facilities(let from):
            let source = from.map { ReasonText.lowercasedLabel(catalog.categories[$0].label) }.joined(separator: " of ")
            return "\(source) → \(to) ≤ \(ReasonText.meters(requirement.threshold))" + aid(requirement)
        }
    }

    // MARK: - CBS

    /// Per buurt with dwellings: CBS's mean road distance beside the mean walking distance, per
    /// compared category, flagged buurten first.
    static func cbsTable(_ cbs: CBSComparison, level: AreaReport, buurten: [Buurt], catalog: FacilityCatalog) -> String {
        let rows = buurten.indices.filter { level.figures[$0].routable > 0 }.sorted { a, b in
            let fa = cbs.entries[a].contains { $0.flag != nil }, fb = cbs.entries[b].contains { $0.flag != nil }
            return fa != fb ? fa : buurten[a].code < buurten[b].code
        }
        var html = "<section id=\"cbs\">\n<h2>Vergelijking met CBS</h2>\n"
        html += "<p>Het CBS publiceert per buurt de gemiddelde afstand over de weg van alle adressen tot de dichtstbijzijnde voorziening. "
        html += "Hier staat die naast de gemiddelde loopafstand die nabijheid vond (over de woningen met zo'n voorziening binnen de zoekgrens). "
        html += "De loopafstand is zelden veel korter dan de afstand over de weg; is hij dat wel, of vindt het CBS een voorziening dichtbij die in de invoer ontbreekt, "
        html += "dan is de invoer waarschijnlijk onvolledig (⚠; wijs de cel aan voor uitleg). – : het CBS geeft geen cijfer (of het is geheim); geen: geen voorziening binnen de zoekgrens. "
        html += "Een oordeel over de eisen is dit niet.</p>\n"
        html += "<div class=\"tabelvak\"><table class=\"cbs\"><thead><tr><th>Buurt</th>"
        for category in cbs.categories {
            html += "<th class=\"n\">\(escape(catalog.categories[category].label))<br><span>CBS weg · lopen</span></th>"
        }
        html += "</tr></thead><tbody>\n"
        for b in rows {
            html += "<tr><td>\(escape(buurten[b].name.isEmpty ? buurten[b].code : buurten[b].name))</td>"
            for (k, category) in cbs.categories.enumerated() {
                let entry = cbs.entries[b][k]
                let road = entry.cbsKm.map { "\(decimal($0)) km" } ?? "–"
                let walk = entry.walkingMean.map { "\(decimal($0 / 1000)) km" } ?? "geen"
                let sentence = CBSComparison.sentence(entry, category: ReasonText.lowercasedLabel(catalog.categories[category].label))
                html += sentence.map { "<td class=\"n cbs-signaal\" title=\"\(escape($0))\">⚠ \(road) · \(walk)</td>" } ?? "<td class=\"n\">\(road) · \(walk)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div>\n</section>\n"
    }

    // MARK: - Profiles and provenance

    static func row(_ cells: [String], numeric: Set<Int> = []) -> String {
        "<tr>" + cells.enumerated().map { numeric.contains($0) ? "<td class=\"n\">\($1)</td>" : "<td>\($1)</td>" }.joined() + "</tr>\n"
    }

    /// The information of `nabijheid profiles` (ProfileTable) as HTML tables.
    static func profileTables(_ settings: AssessmentSettings, catalog: FacilityCatalog) -> String {
        var html = "<section id=\"eisen\">\n<h2>Eisen per profiel</h2>\n<p>Buurten met minder dan \(settings.minimumDwellings) woningen "
        html += "worden niet beoordeeld (<em>te klein</em>; een aanname naar de praktijk van het CBS om cijfers van kleine gebieden niet te publiceren). "
        html += "Waterbuurten worden overgeslagen. Alle afstanden en aandelen komen uit de configuratie. Een eis die niet te beoordelen is "
        html += "(het CBS-cijfer voor de weging ontbreekt, of de invoer heeft geen enkele voorziening van de categorie) is <em>onbekend</em>; "
        html += "een gebied met een onbekende eis voldoet nooit: zonder bekende tekortkoming is het <em>niet te beoordelen</em>.</p>\n"
        for profile in settings.profiles {
            html += "<h3>\(escape(profile.label)) <code>\(escape(profile.name))</code></h3>\n<div class=\"tabelvak\"><table class=\"eisen\"><thead><tr>"
            html += ["Eis", "Omschrijving", "Van", "Naar", "Afstand", "Aandeel", "Weging", "Bron"].map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
            for requirement in profile.requirements {
                if let cells = requirement.measureCells {
                    html += row([escape(requirement.id), escape(requirement.label), escape(cells.from), escape(cells.to), escape(cells.threshold),
                                 escape(cells.share), escape(cells.weighting), "<span class=\"bron\">\(escape(requirement.source))</span>"])
                    continue
                }
                let from: String
                switch requirement.population {
                case .dwellings: from = "woningen"
                case .clusteredDwellings: from = "geclusterde woningen"
                case .facilities(let categories): from = categories.map { catalog.categories[$0].label }.joined(separator: ", ")
                }
                let to = requirement.targets.map { catalog.categories[$0].label }.joined(separator: " of ")
                let threshold = requirement.isDwellingRequirement
                    ? "&lt; \(ReasonText.limit(requirement))"
                    : (requirement.good.map { "≤ \(ReasonText.meters($0)) goed, " } ?? "") + "≤ \(ReasonText.meters(requirement.threshold))"
                let weighting = requirement.isDwellingRequirement ? requirement.weighting.rawValue : "locaties"
                html += row([escape(requirement.id), escape(requirement.label), escape(from), escape(to), threshold,
                             ReasonText.percent(requirement.share), escape(weighting), "<span class=\"bron\">\(escape(requirement.source))</span>"])
            }
            html += "</tbody></table></div>\n"
        }
        return html + "</section>\n"
    }

    /// Where the figures come from: the contents of `run.json` without the configuration text.
    static func provenance(_ report: RunReport, catalog: FacilityCatalog) -> String {
        let w = report.woningen, n = report.netwerk, parameters = report.parameters
        var html = "<section id=\"verantwoording\">\n<h2>Verantwoording</h2>\n<table class=\"smal kv\"><tbody>\n"
        html += row(["Programma", "nabijheid \(escape(report.nabijheid_versie))"])
        html += row(["Configuratie", "<code>\(escape(report.configuratie.bestand))</code>"])
        html += row(["SHA-256 configuratie", "<code class=\"hash\">\(escape(report.configuratie.sha256))</code>"])
        html += row(["Afstandsgrenzen", parameters.drempels_m.map { ReasonText.meters($0) }.joined(separator: ", ")])
        html += row(["Zoekgrens", ReasonText.meters(parameters.zoekgrens_m)])
        html += row(["Maximale aansluiting op het netwerk", ReasonText.meters(parameters.max_aansluiting_m)])
        html += row(["Kleinste netwerkdeel dat blijft", "\(number(parameters.min_eilandknopen)) knopen"])
        html += row(["Loopprofiel", escape(parameters.profiel)])
        html += "</tbody></table>\n<h3>Invoerbestanden</h3>\n<div class=\"tabelvak\"><table><thead><tr><th>Rol</th><th>Pad</th>"
        html += "<th class=\"n\">Bytes</th><th>SHA-256</th></tr></thead><tbody>\n"
        for file in report.invoer {
            html += row([escape(file.rol), "<code>\(escape(file.pad))</code>", number(file.bytes), "<code class=\"hash\">\(escape(file.sha256))</code>"], numeric: [2])
        }
        html += "</tbody></table></div>\n<h3>Woningen</h3>\n<table class=\"smal\"><tbody>\n"
        html += row(["Gelezen", number(w.gelezen)], numeric: [1])
        html += row(["in een buurt, bereikbaar via het netwerk", number(w.in_buurt)], numeric: [1])
        html += row(["in een buurt, niet routeerbaar (verder dan \(ReasonText.meters(parameters.max_aansluiting_m)) van een looppad)", number(w.niet_routeerbaar)], numeric: [1])
        html += row(["buiten alle buurten", number(w.buiten_buurten)], numeric: [1])
        html += row(["Overgeslagen invoer zonder geometrie (geen woning)", number(w.overgeslagen_zonder_geometrie)], numeric: [1])
        let sum = w.in_buurt + w.niet_routeerbaar + w.buiten_buurten
        html += "</tbody></table>\n<p class=\"klein\">Controle: gelezen = in buurt + niet routeerbaar + buiten buurten: "
        html += "\(number(w.gelezen)) \(sum == w.gelezen ? "=" : "≠") \(number(w.in_buurt)) + \(number(w.niet_routeerbaar)) + \(number(w.buiten_buurten)).</p>\n"
        html += "<h3>Voorzieningen</h3>\n<table class=\"smal\"><thead><tr><th>Categorie</th><th class=\"n\">Gelezen</th>"
        html += "<th class=\"n\">Routeerbaar</th><th class=\"n\">Niet routeerbaar</th></tr></thead><tbody>\n"
        for facility in report.voorzieningen {
            let label = catalog.index(of: facility.categorie).map { catalog.categories[$0].label } ?? facility.categorie
            html += row([escape(label), number(facility.gelezen), number(facility.routeerbaar), number(facility.niet_routeerbaar)], numeric: [1, 2, 3])
        }
        html += "</tbody></table>\n<h3>Loopnetwerk</h3>\n<table class=\"smal\"><tbody>\n"
        html += row(["Wegen gelezen", number(n.ways_gelezen)], numeric: [1])
        html += row(["Beloopbare wegen", number(n.ways_beloopbaar)], numeric: [1])
        html += row(["Knopen", number(n.knopen)], numeric: [1])
        html += row(["Segmenten", number(n.segmenten)], numeric: [1])
        html += row(["Lengte", "\(decimal(n.lengte_km)) km"], numeric: [1])
        html += row(["Verwijderde losse netwerkdelen", "\(number(n.verwijderde_eilanden)) (\(number(n.verwijderde_eilandknopen)) knopen)"], numeric: [1])
        html += "</tbody></table>\n"
        if !report.meldingen.isEmpty {
            // GDAL's known warnings in Dutch; the original text is in run.json and in the tooltip.
            html += "<h3>Meldingen</h3>\n<ul>" + report.meldingen.map { note in
                let dutch = GDALMessageText.dutch(note)
                return dutch == note ? "<li>\(escape(note))</li>" : "<li title=\"\(escape(note))\">\(escape(dutch))</li>"
            }.joined() + "</ul>\n"
        }
        if !report.uitvoer.isEmpty {
            html += "<h3>Uitvoer</h3>\n<table class=\"smal\"><thead><tr><th>Bestand</th><th class=\"n\">Objecten</th></tr></thead><tbody>\n"
            for output in report.uitvoer { html += row(["<code>\(escape(output.bestand))</code>", number(output.features)], numeric: [1]) }
            html += "</tbody></table>\n"
        }
        return html + "</section>\n"
    }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif;color:#222;margin:24px auto;max-width:1360px;padding:0 16px;line-height:1.45;font-size:15px}
    h1{font-size:28px;margin:0 0 4px}h2{font-size:22px;margin:32px 0 8px;border-bottom:2px solid #ddd;padding-bottom:4px}h3{font-size:17px;margin:20px 0 6px}
    .sub{color:#555;margin:0 0 8px}nav{margin:8px 0 12px}nav a{color:#1f5fa8}.intro{max-width:980px}
    .samenvatting{font-size:16px;max-width:980px}.klein{font-size:12.5px;color:#555}
    code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:90%}.hash{word-break:break-all}
    table{border-collapse:collapse;font-size:13.5px}th,td{border:1px solid #d0d0d0;padding:3px 6px;vertical-align:top;text-align:left}
    th{background:#f2f2f2;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
    .smal{margin-bottom:6px}.kv td:first-child{color:#555}.tabelvak{overflow-x:auto}
    .kaartvak{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.naastkaart{flex:1 1 360px;min-width:320px}
    svg.kaart{max-width:100%;height:auto;border:1px solid #ccc;background:#fff}
    \(mapStyle)
    .legenda table{font-size:14px}.legenda td{vertical-align:middle}
    .staal{display:inline-block;width:22px;height:14px;border:1px solid #555;margin-right:8px;vertical-align:-2px}
    .wijklijn{display:inline-block;width:22px;border-top:2px solid #222;margin-right:8px;vertical-align:4px}
    .klasse{display:inline-block;padding:0 6px;border-radius:3px;white-space:nowrap;font-size:12.5px}
    .k-niet_te_beoordelen.klasse{border:1px solid #969696;background:#f0f0f0}
    table.gebieden{font-size:12.5px}table.gebieden td.naam{min-width:9em}table.gebieden td.code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
    table.gebieden thead th{position:sticky;top:0;z-index:1;box-shadow:0 1px 0 #bbb}table.gebieden th span{font-weight:normal;font-size:11px;color:#555}
    table.gebieden tbody{border-top:2px solid #bbb}th.profiel,td.profiel{border-left:2px solid #888}
    tr.uitleg td{background:#fafafa;color:#333;padding:2px 8px 5px 24px}tr.uitleg .pl{font-weight:600;margin-top:2px}
    td.s-ok,td.s-nok,td.s-onb,td.s-nvt,td.s-grijs{white-space:nowrap;text-align:right}
    td.s-ok{background:#e3f3e6}td.s-nok{background:#fbe1e1;font-weight:600}td.s-onb{background:#fff4e0}td.s-nvt,td.s-grijs{color:#888}
    table.eisen .bron{font-size:12px;color:#444}table.eisen td{max-width:520px}
    .waarschuwingen{border:2px solid #b35806;background:#fff7ec;padding:4px 16px 8px;margin:12px 0;max-width:980px}.waarschuwingen h2{border:0;margin:8px 0 4px;color:#b35806}
    td.cbs-signaal{background:#fff4e0;font-weight:600}table.cbs th span{font-weight:normal;font-size:11px;color:#555}
    details.nietbeoordeeld{margin:8px 0}details.nietbeoordeeld summary{cursor:pointer;color:#1f5fa8}
    footer{margin:40px 0 12px;color:#777;font-size:12px;border-top:1px solid #ddd;padding-top:8px}
    @media print{body{max-width:none;margin:0}.tabelvak{overflow:visible}tbody,tr{break-inside:avoid}table.gebieden thead th{position:static}}

    """

    // MARK: - Formatting

    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    /// Whole numbers with a point per thousand, as in Dutch: 12.345.
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? number(Int(value)) : decimal(value)
    }

    /// One decimal with a decimal comma: 12,3.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }
}
