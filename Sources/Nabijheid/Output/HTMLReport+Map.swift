import Foundation

/// The map section of `rapport.html`: a summary sentence, the buurten as inline SVG paths
/// filled by class with wijk outlines, the facilities as markers, the buurt names where they
/// fit (numbers and a key where they do not), a scale bar and a north arrow, the legend with
/// counts, and the failures per requirement. RD New is projected linearly (y flipped, so north
/// is up), scaled to fit the map box with the aspect ratio kept; points closer than half a
/// pixel to the previous one are dropped so that thousands of buurten stay a modest file.
extension HTMLReport {
    struct MapProjection {
        static let maxWidth = 900.0, maxHeight = 860.0
        static let margin = 10.0
        /// Room below the map for the scale bar and north arrow.
        static let band = 34.0

        let minX: Double, maxY: Double, scale: Double
        let width: Int, height: Int
        /// Height of the drawing area (without the band).
        let mapHeight: Double

        /// nil when the areas have no coordinates.
        init?(_ areas: [AreaShape]) {
            var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
            for area in areas {
                for polygon in area.polygons {
                    for ring in polygon.rings {
                        for p in ring where p.x.isFinite && p.y.isFinite {
                            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
                        }
                    }
                }
            }
            guard minX.isFinite, maxX > minX || maxY > minY else { return nil }
            let dx = max(maxX - minX, 1), dy = max(maxY - minY, 1)
            let scale = min((Self.maxWidth - 2 * Self.margin) / dx, (Self.maxHeight - 2 * Self.margin - Self.band) / dy)
            self.minX = minX
            self.maxY = maxY
            self.scale = scale
            width = Int((dx * scale + 2 * Self.margin).rounded(.up))
            mapHeight = dy * scale
            height = Int((mapHeight + 2 * Self.margin + Self.band).rounded(.up))
        }

        func project(_ p: PlanarPoint) -> (x: Double, y: Double) {
            ((p.x - minX) * scale + Self.margin, (maxY - p.y) * scale + Self.margin)
        }

        /// SVG path data of an area, one closed subpath per ring (holes by `fill-rule: evenodd`).
        func path(_ area: AreaShape) -> String {
            var simplified = ""
            var full = ""
            for polygon in area.polygons {
                for ring in polygon.rings where ring.count >= 3 {
                    simplified += subpath(ring, minimumStep: 0.5)
                    full += subpath(ring, minimumStep: 0)
                }
            }
            // A buurt smaller than a pixel keeps its unsimplified outline, so it does not vanish.
            return simplified.isEmpty ? full : simplified
        }

        private func subpath(_ ring: [PlanarPoint], minimumStep: Double) -> String {
            var kept: [(x: Double, y: Double)] = []
            for (i, point) in ring.enumerated() {
                let p = project(point)
                if let last = kept.last, i != ring.count - 1 {
                    let dx = p.x - last.x, dy = p.y - last.y
                    if (dx * dx + dy * dy).squareRoot() < minimumStep { continue }
                }
                kept.append(p)
            }
            guard kept.count >= 4 || (minimumStep == 0 && kept.count >= 3) else { return "" }
            var d = ""
            for (i, p) in kept.enumerated() {
                d += (i == 0 ? "M" : "L") + HTMLReport.tenths(p.x) + " " + HTMLReport.tenths(p.y)
            }
            return d + "Z"
        }

        /// A scale bar of a round length (1, 2 or 5 × 10ⁿ m) near 120 px, and a north arrow.
        func furniture() -> String {
            let target = 120 / scale
            var length = 1.0
            while length * 10 <= target { length *= 10 }
            if length * 5 <= target { length *= 5 } else if length * 2 <= target { length *= 2 }
            let pixels = length * scale
            let x0 = Self.margin, y0 = mapHeight + 2 * Self.margin + 14
            let label = length >= 1000 ? "\(HTMLReport.number(length / 1000)) km" : "\(HTMLReport.number(length)) m"
            let t = HTMLReport.tenths
            var svg = "<g class=\"schaal\"><rect x=\"\(t(x0))\" y=\"\(t(y0))\" width=\"\(t(pixels / 2))\" height=\"5\" fill=\"#333\"/>"
            svg += "<rect x=\"\(t(x0 + pixels / 2))\" y=\"\(t(y0))\" width=\"\(t(pixels / 2))\" height=\"5\" fill=\"#fff\" stroke=\"#333\"/>"
            svg += "<text x=\"\(t(x0 + pixels + 8))\" y=\"\(t(y0 + 6))\">\(label)</text></g>"
            let ax = Double(width) - Self.margin - 10, ay = mapHeight + 2 * Self.margin
            svg += "<g class=\"noord\"><path d=\"M\(t(ax)) \(t(ay))L\(t(ax + 7)) \(t(ay + 18))L\(t(ax)) \(t(ay + 13))L\(t(ax - 7)) \(t(ay + 18))Z\" fill=\"#333\"/>"
            svg += "<text x=\"\(t(ax - 22))\" y=\"\(t(ay + 16))\">N</text></g>"
            return svg
        }
    }

    /// A buurt's name for labels and tooltips: the name, or the code when the name is empty;
    /// code and name once each (`code_field` and `name_field` may be the same field).
    static func areaTitle(code: String, name: String) -> (label: String, tooltip: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == code { return (code, code) }
        return (trimmed, "\(code) \(trimmed)")
    }

    /// Above this many buurten that need a number, the map shows no numbers and no key (the
    /// tooltips and the table remain).
    static let maximumNumbered = 400

    /// Labels of the buurten: the name where it fits, else a number in the returned key.
    static func labels(buurten: [Buurt], projection: MapProjection) -> (svg: String, key: [(number: Int, text: String)]) {
        var names = "", numbers = ""
        var key: [(number: Int, text: String)] = []
        var pending: [(Int, MapLabelPlacement)] = []
        let t = tenths
        func text(_ label: MapLabelPlacement.Label, css: String? = nil) -> String {
            let lineHeight = label.fontSize * MapLabelPlacement.lineHeight
            let top = label.y - lineHeight * Double(label.lines.count - 1) / 2
            let size = label.fontSize == 11 ? "" : " font-size=\"\(t(label.fontSize))\""
            return label.lines.enumerated().map { i, line in
                "<text x=\"\(t(label.x))\" y=\"\(t(top + Double(i) * lineHeight))\"\(size)\(css.map { " class=\"\($0)\"" } ?? "")>\(escape(line))</text>"
            }.joined()
        }
        for (index, buurt) in buurten.enumerated() {
            let placement = MapLabelPlacement(area: buurt.area, projection: projection)
            let title = areaTitle(code: buurt.code, name: buurt.name).label
            if let label = placement.label(title) { names += text(label) + "\n" } else { pending.append((index, placement)) }
        }
        if pending.count <= maximumNumbered {
            for (n, (index, placement)) in pending.enumerated() {
                let title = areaTitle(code: buurten[index].code, name: buurten[index].name)
                key.append((n + 1, title.tooltip))
                if let label = placement.number(n + 1) { numbers += text(label, css: "nr") }
            }
        }
        let svg = "<g class=\"namen\" aria-hidden=\"true\">\n" + names + numbers + (numbers.isEmpty ? "" : "\n") + "</g>\n"
        return (svg, key)
    }

    /// SVG path data of a marker of `shape` centred on (x, y) with radius r.
    static func markerPath(_ shape: MapPalette.Shape, x: Double, y: Double, r: Double) -> String {
        let t = tenths
        func polygon(_ corners: Int, rotation: Double, radii: [Double] = [1]) -> String {
            let count = corners * radii.count
            return (0..<count).map { i in
                let angle = rotation + Double(i) * 2 * Double.pi / Double(count)
                let radius = r * radii[i % radii.count]
                return (i == 0 ? "M" : "L") + t(x + radius * cos(angle)) + " " + t(y + radius * sin(angle))
            }.joined() + "Z"
        }
        switch shape {
        case .square: return "M\(t(x - r * 0.85)) \(t(y - r * 0.85))h\(t(r * 1.7))v\(t(r * 1.7))h\(t(-r * 1.7))Z"
        case .triangle: return polygon(3, rotation: -Double.pi / 2)
        case .diamond: return polygon(4, rotation: -Double.pi / 2)
        case .pentagon: return polygon(5, rotation: -Double.pi / 2)
        case .hexagon: return polygon(6, rotation: 0)
        case .star: return polygon(5, rotation: -Double.pi / 2, radii: [1.15, 0.5])
        case .circle:
            return "M\(t(x - r)) \(t(y))a\(t(r)) \(t(r)) 0 1 0 \(t(2 * r)) 0a\(t(r)) \(t(r)) 0 1 0 \(t(-2 * r)) 0Z"
        }
    }

    /// Marker radius in map pixels.
    static func markerRadius(_ symbol: MapPalette.FacilitySymbol) -> Double { symbol.size * 1.8 }

    static func markerStyle(_ symbol: MapPalette.FacilitySymbol) -> String {
        // Outline under the fill (paint-order), so markers of one path that overlap keep one
        // outline around them instead of outlines across each other.
        "fill:\(MapPalette.hex(symbol.fill));stroke:\(MapPalette.hex(symbol.outline));stroke-width:1.8;paint-order:stroke"
    }

    /// The facilities inside the map, one path per category in the category's symbol.
    static func facilityMarkers(_ facilities: [Facility], catalog: FacilityCatalog, projection: MapProjection) -> String {
        let symbols = MapPalette.facilitySymbols(catalog)
        var svg = "<g class=\"voorzieningen\">\n"
        for (c, category) in catalog.categories.enumerated() {
            let r = markerRadius(symbols[c])
            var d = ""
            for facility in facilities where facility.category == c {
                let p = projection.project(facility.position)
                guard p.x >= 0, p.y >= 0, p.x <= Double(projection.width), p.y <= projection.mapHeight + 2 * MapProjection.margin else { continue }
                d += markerPath(symbols[c].shape, x: p.x, y: p.y, r: r)
            }
            guard !d.isEmpty else { continue }
            svg += "<path class=\"vz vz-\(escape(category.name))\" style=\"\(markerStyle(symbols[c]))\" d=\"\(d)\"/>\n"
        }
        return svg + "</g>\n"
    }

    /// Below the map: the facility symbols with their counts, and the key to the numbered buurten.
    static func mapKey(_ facilities: [Facility], catalog: FacilityCatalog, key: [(number: Int, text: String)]) -> String {
        let symbols = MapPalette.facilitySymbols(catalog)
        var html = "<div class=\"kaartsleutel\"><p class=\"vz-legenda\"><b>Voorzieningen</b> "
        for (c, category) in catalog.categories.enumerated() {
            let count = facilities.filter { $0.category == c }.count
            let r = markerRadius(symbols[c])
            html += "<span class=\"vz-item vz-\(escape(category.name))\"><svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">"
            html += "<path style=\"\(markerStyle(symbols[c]))\" d=\"\(markerPath(symbols[c].shape, x: 8, y: 8, r: min(r, 6.5)))\"/></svg>"
            html += "\(escape(category.label)) (\(number(count)))</span> "
        }
        html += "</p>\n"
        if !key.isEmpty {
            html += "<p class=\"klein\">Buurten waarvan de naam niet in het vlak past, staan op de kaart met een nummer:</p>\n<ol class=\"sleutel\">"
            html += key.map { "<li value=\"\($0.number)\">\(escape($0.text))</li>" }.joined() + "</ol>\n"
        }
        return html + "</div>\n"
    }

    /// The SVG map of one profile: every buurt filled by its class, with its code, name and class
    /// as tooltip; wijk outlines, the buurt names (or numbers) and the facilities on top; below
    /// it the facility legend and the key to the numbers.
    static func map(profile p: Int, profileLabel: String, level: AreaReport, buurten: [Buurt],
                    projection: MapProjection, paths: [String], wijkPaths: [String],
                    facilities: [Facility] = [], catalog: FacilityCatalog = FacilityCatalog(categories: [])) -> String {
        let hatch = "arcering-\(p)"
        var svg = "<div class=\"kaartkolom\">\n"
        svg += "<svg class=\"kaart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(projection.width) \(projection.height)\""
        svg += " width=\"\(projection.width)\" height=\"\(projection.height)\" role=\"img\" aria-label=\"Kaart van de buurten per klasse: \(escape(profileLabel))\">\n"
        svg += "<defs><pattern id=\"\(hatch)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
        svg += "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#969696\" stroke-width=\"2\"/></pattern></defs>\n"
        svg += "<g class=\"buurten\">\n"
        for area in 0..<level.level.count where !paths[area].isEmpty {
            let klasse = level.outcomes[area][p].classification
            let fill = klasse == .nietTeBeoordelen ? " fill=\"url(#\(hatch))\"" : ""
            let tooltip = "\(areaTitle(code: level.level.codes[area], name: buurten[area].name).tooltip): \(classLabel(klasse))"
            svg += "<path class=\"k-\(klasse.rawValue)\"\(fill) d=\"\(paths[area])\"><title>\(escape(tooltip))</title></path>\n"
        }
        svg += "</g>\n"
        if !wijkPaths.isEmpty {
            svg += "<g class=\"wijken\">" + wijkPaths.filter { !$0.isEmpty }.map { "<path d=\"\($0)\"/>" }.joined() + "</g>\n"
        }
        let labels = self.labels(buurten: buurten, projection: projection)
        // Markers over the names: a name stays readable around a small marker, a marker under
        // a name's halo would vanish.
        svg += labels.svg
        svg += facilityMarkers(facilities, catalog: catalog, projection: projection)
        svg += projection.furniture() + "\n</svg>\n"
        return svg + mapKey(facilities, catalog: catalog, key: labels.key) + "</div>\n"
    }

    /// The CSS of the map and of the class colours (tables and legend use the same classes),
    /// from MapPalette.
    static var mapStyle: String {
        var css = "svg.kaart path{stroke:#555;stroke-width:.5;fill-rule:evenodd}svg.kaart .buurten path:hover{stroke:#000;stroke-width:2}\n"
        css += "svg.kaart .wijken path{fill:none;stroke:#222;stroke-width:1.8;pointer-events:none}svg.kaart text{font-size:12px;fill:#333}\n"
        // One path per category: overlapping markers must not cancel out (evenodd would).
        css += "svg.kaart .voorzieningen path{pointer-events:none;fill-rule:nonzero}\n"
        css += "svg.kaart .namen text{font-size:11px;fill:#111;text-anchor:middle;dominant-baseline:central;paint-order:stroke;stroke:#fff;"
        css += "stroke-width:2.6px;stroke-opacity:.9;stroke-linejoin:round;pointer-events:none}svg.kaart .namen text.nr{font-weight:700;font-size:9px}\n"
        css += ".kaartkolom{flex:0 1 auto;max-width:100%}.kaartsleutel{max-width:900px;font-size:13px}.vz-item{white-space:nowrap;margin-right:12px}"
        css += ".vz-item svg{vertical-align:-3px;margin-right:4px}ol.sleutel{columns:3 14em;font-size:12.5px;margin:4px 0;padding-left:2.2em}\n"
        for entry in MapPalette.classes where entry.klasse != .nietTeBeoordelen {
            let colour = MapPalette.hex(entry.rgb)
            css += ".k-\(entry.klasse.rawValue){fill:\(colour);background:\(colour);color:\(MapPalette.textColour(entry.klasse))}"
        }
        css += "\n.k-niet_te_beoordelen{color:#222;background:repeating-linear-gradient(45deg,#969696 0 1.5px,#fff 1.5px 4.5px)}\n"
        return css
    }

    /// The legend beside a map: per class its swatch, the number of buurten and their dwellings.
    static func legend(profile p: Int, level: AreaReport, minimumDwellings: Int, hasWijken: Bool) -> String {
        var html = "<div class=\"legenda\"><table><thead><tr><th>Klasse</th><th class=\"n\">Buurten</th><th class=\"n\">Woningen</th></tr></thead><tbody>\n"
        for klasse in ProfileOutcome.Class.allCases {
            let members = (0..<level.level.count).filter { level.outcomes[$0][p].classification == klasse }
            let dwellings = members.reduce(0) { $0 + level.figures[$1].dwellings }
            html += "<tr><td><span class=\"staal k-\(klasse.rawValue)\"></span>\(escape(classLabel(klasse, minimumDwellings: minimumDwellings)))</td>"
            html += "<td class=\"n\">\(number(members.count))</td><td class=\"n\">\(number(dwellings))</td></tr>\n"
        }
        let total = level.figures.reduce(0) { $0 + $1.dwellings }
        html += "</tbody><tfoot><tr><td>Totaal</td><td class=\"n\">\(number(level.level.count))</td><td class=\"n\">\(number(total))</td></tr></tfoot></table>\n"
        if hasWijken { html += "<p><span class=\"wijklijn\"></span>Wijkgrens</p>\n" }
        html += "<p class=\"klein\">Wijs een buurt aan voor code, naam en klasse.</p></div>\n"
        return html
    }

    /// "Van de 20 beoordeelde buurten voldoen er 8 aan alle eisen, …"
    static func summary(_ level: AreaReport, profile p: Int) -> String {
        let classes = level.outcomes.map { $0[p].classification }
        let count = { (klasse: ProfileOutcome.Class) in classes.filter { $0 == klasse }.count }
        let judged = classes.filter(isJudged).count
        guard judged > 0 else { return "Geen enkele buurt kon worden beoordeeld." }
        var text = "Van de \(number(judged)) beoordeelde buurten voldoen er \(number(count(.voldoet))) aan alle eisen, "
        text += "\(number(count(.voldoetDeels))) aan een deel van de eisen en \(number(count(.voldoetNiet))) aan geen enkele eis."
        let total = level.figures.reduce(0) { $0 + $1.dwellings }
        let short = level.level.buurten.indices.filter { [.voldoetDeels, .voldoetNiet].contains(classes[$0]) }
            .reduce(0) { $0 + level.figures[$1].dwellings }
        if total > 0 {
            text += " In buurten die niet aan alle eisen voldoen liggen \(number(short)) van de \(number(total)) woningen (\(decimal(100 * Double(short) / Double(total))) %)."
        }
        return text
    }

    /// Per requirement: how many judged buurten fail it, and their dwellings.
    static func failures(_ level: AreaReport, profile: RequirementProfile, index p: Int, catalog: FacilityCatalog) -> String {
        var html = "<h3>Niet voldaan per eis</h3>\n<p class=\"klein\">Van de beoordeelde buurten: hoeveel niet aan de eis voldoen, en hoeveel woningen daar liggen.</p>\n"
        html += "<table class=\"smal\"><thead><tr><th>Eis</th><th>Omschrijving</th><th class=\"n\">Buurten</th><th class=\"n\">Woningen</th></tr></thead><tbody>\n"
        for (r, requirement) in profile.requirements.enumerated() {
            let failing = (0..<level.level.count).filter {
                isJudged(level.outcomes[$0][p].classification) && level.outcomes[$0][p].requirements[r].status == .voldoetNiet
            }
            html += "<tr><td>\(escape(requirement.id))</td><td>\(escape(requirement.label))<br><span class=\"klein\">(\(escape(criterion(requirement, catalog))))</span></td>"
            html += "<td class=\"n\">\(number(failing.count))</td><td class=\"n\">\(number(failing.reduce(0) { $0 + level.figures[$1].dwellings }))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// A coordinate in tenths, "12.3" or "12" (no formatting library involved).
    static func tenths(_ value: Double) -> String {
        let t = Int((value * 10).rounded())
        let sign = t < 0 ? "-" : ""
        let a = abs(t)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }
}
