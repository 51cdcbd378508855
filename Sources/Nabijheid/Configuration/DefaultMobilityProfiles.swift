/// The mobility profiles shipped with the tool, as configuration text read by the same code as
/// a user's `[[mobility_profiles]]`. Every rule says where it comes from or that it is an
/// assumption (aanname); docs/profielen.md shows them as a table.
public enum DefaultMobilityProfiles {
    public static let toml = """
    [[mobility_profiles]]
    name = "rollator"
    label = "Met rollator"
    steps = "blocked"
    wheelchair_no = "passable"
    blocked_surfaces = ["unhewn_cobblestone", "sand", "mud", "grass", "woodchips", "stepping_stones"]
    fine_surfaces = ["asphalt", "paved", "paving_stones", "paving_stones:30", "concrete", "concrete:plates", "concrete:lanes", "bricks", "metal", "wood", "rubber", "tartan", "chipseal", "grass_paver"]
    surface_factors = { sett = 1.25, cobblestone = 1.25, compacted = 1.1, fine_gravel = 1.15, gravel = 1.5, pebblestone = 1.5, dirt = 1.3, ground = 1.3, earth = 1.3, unpaved = 1.3 }
    blocked_smoothness = ["horrible", "very_horrible", "impassable"]
    max_incline_percent = 8
    min_width_m = 0.8
    blocked_kerbs = []
    kerb_penalties = { raised = 30, rolled = 10, yes = 30, regular = 30 }
    blocked_barriers = ["stile", "turnstile", "full-height_turnstile", "kissing_gate", "step", "steps", "log"]
    surface_unknown_on = ["footway", "path", "track", "bridleway", "steps"]
    source = "Trappen: OTP en Handreiking woonzorgopgave (rollatorbereik: geen trappen). Overstap, draaihek, klaphek: OSM-wiki barrier=* ('not passable with wheelchair or rollator'). Ondergrond (kinderkopjes, grind 1,25–1,5×), stoeprand +30 m, helling 8 % en breedte 0,8 m: aanname, naar CROW-publicatie 'Ontwerpwijzer toegankelijke openbare ruimte' (helling ≤ 1:20 gewenst, 1:12 max; vrije doorgang ≥ 0,9 m)."

    [[mobility_profiles]]
    name = "rolstoel"
    label = "In een rolstoel"
    steps = "blocked"
    wheelchair_no = "blocked"
    blocked_surfaces = ["unhewn_cobblestone", "sand", "mud", "grass", "woodchips", "stepping_stones", "gravel", "pebblestone"]
    fine_surfaces = ["asphalt", "paved", "paving_stones", "paving_stones:30", "concrete", "concrete:plates", "concrete:lanes", "bricks", "metal", "wood", "rubber", "tartan", "chipseal"]
    surface_factors = { sett = 1.5, cobblestone = 1.5, compacted = 1.2, fine_gravel = 1.3, grass_paver = 1.5, dirt = 1.5, ground = 1.5, earth = 1.5, unpaved = 1.5 }
    blocked_smoothness = ["very_bad", "horrible", "very_horrible", "impassable"]
    max_incline_percent = 6
    min_width_m = 0.9
    blocked_kerbs = ["raised", "rolled", "yes", "regular"]
    kerb_penalties = {}
    blocked_barriers = ["stile", "turnstile", "full-height_turnstile", "kissing_gate", "step", "steps", "log", "cycle_barrier"]
    surface_unknown_on = ["footway", "path", "track", "bridleway", "steps"]
    source = "wheelchair=no, smoothness very_bad en slechter, trappen zonder oprit: OTP wheelchair routing en OSM-wiki Key:wheelchair / Key:smoothness ('wheelchair: intermediate or better'). Stoeprand raised/rolled blokkeert: issue-eis en OSM-wiki Key:kerb. Helling 6 %, breedte 0,9 m: CROW (aanname). Fietsbeugel/slingerhek (cycle_barrier): aanname."
    """
}
