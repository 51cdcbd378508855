/// The mobility section of rapport.html: what the rollator and wheelchair profiles change per
/// buurt (detour, facilities lost, routes over unknown ground) and what they made of the network.
extension HTMLReport {
    static func mobilitySection(_ result: RunResult, level: AreaReport, report: RunReport) -> String {
        let profiles = result.configuration.mobilityProfiles
        guard !profiles.isEmpty, !level.mobility.isEmpty else { return "" }
        let buurten = result.buurten
        var html = "<section id=\"mobiliteit\">\n<h2>Met rollator of rolstoel</h2>\n"
        html += "<p>Dezelfde looproutes, maar zoals iemand met een rollator of in een rolstoel ze kan gebruiken: trappen zonder oprit, "
        html += "klaphekken en (voor de rolstoel) hoge stoepranden en slechte ondergrond worden vermeden of kosten omweg. "
        html += "<em>Omrijfactor</em>: de mediaan en het 90e percentiel van (afstand met hulpmiddel ÷ loopafstand) over woningen en categorieën; "
        html += "waar de meeste routes niet veranderen is de mediaan 1,00 en laat het 90e percentiel de omwegen zien. "
        html += "<em>Verliest voorziening</em>: woningen die een categorie lopend binnen \(ReasonText.meters(result.configuration.distances.thresholds.max() ?? 0)) halen, "
        html += "maar met het hulpmiddel binnen de zoekgrens niet meer. <em>Onzeker</em>: aandeel woningen van wie een route over wegen of knopen gaat "
        html += "waarvan de toegankelijkheid niet in OpenStreetMap staat (een voetpad zonder <code>surface</code>, een oversteek zonder <code>kerb</code>); "
        html += "hoe hoger, hoe minder vast de uitkomst staat.</p>\n"
        html += "<table class=\"smal\"><thead><tr><th>Profiel</th><th class=\"n\">Geblokkeerd</th><th class=\"n\">Vertraagd</th>"
        html += "<th class=\"n\">Onbekend</th><th class=\"n\">Geblokkeerde knopen</th></tr></thead><tbody>\n"
        for entry in report.mobiliteitsprofielen {
            let network = entry.netwerk
            html += row([escape(entry.profiel), "\(number(network.lengte_geblokkeerd_km)) km", "\(number(network.segmenten_vertraagd)) segmenten",
                         "\(number(network.lengte_onbekend_km)) km, \(number(network.knopen_onbekend)) knopen", number(network.knopen_geblokkeerd)],
                        numeric: [1, 2, 3, 4])
        }
        html += "</tbody></table>\n"
        let rows = buurten.indices.filter { level.figures[$0].routable > 0 }.sorted { a, b in
            let la = level.mobility[a].reduce(0) { $0 + $1.lostReach }, lb = level.mobility[b].reduce(0) { $0 + $1.lostReach }
            return la != lb ? la > lb : buurten[a].code < buurten[b].code
        }
        html += "<div class=\"tabelvak\"><table class=\"cbs\"><thead><tr><th>Buurt</th><th class=\"n\">Woningen</th>"
        for profile in profiles {
            html += "<th class=\"n\">\(escape(profile.label))<br><span>omrijfactor mediaan / p90 · verliest voorziening · onzeker</span></th>"
        }
        html += "</tr></thead><tbody>\n"
        for b in rows {
            html += "<tr><td>\(escape(buurten[b].name.isEmpty ? buurten[b].code : buurten[b].name))</td><td class=\"n\">\(number(level.figures[b].routable))</td>"
            for figures in level.mobility[b] {
                let detour = detourFactor(figures.detourMedian) + " / " + detourFactor(figures.detourP90)
                let unknown = figures.unknownShare.map { ReasonText.percent($0) } ?? "–"
                html += "<td class=\"n\">\(detour) · \(number(figures.lostReach)) · \(unknown)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div>\n</section>\n"
    }

    /// An omrijfactor with two decimals (1,03): with one, a 3 % detour would read as 1,0, no detour.
    static func detourFactor(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.2f", value).replacingOccurrences(of: ".", with: ",")
    }
}
