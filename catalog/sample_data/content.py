"""What the sample catalog is made of: the category tree and per-category product lines
(real brands and model names, Indonesian descriptions, plausible rupiah prices, shipping sizes).

Product lines are data, not code: adding a brand or a category is adding a row here.
"""

from dataclasses import dataclass, field

# (slug, name, parent slug or None, description)
CATEGORIES = [
    ("gitar", "Gitar", None, "Gitar elektrik dan akustik untuk rock dan metal."),
    ("gitar-elektrik", "Gitar Elektrik", "gitar", "Solid body, humbucker, Floyd Rose: siap distorsi."),
    ("gitar-akustik", "Gitar Akustik", "gitar", "Akustik dan elektrik-akustik untuk latihan dan panggung."),
    ("bass", "Bass", None, "Bass elektrik 4 dan 5 senar."),
    ("bass-4-senar", "Bass 4 Senar", "bass", "Precision, Jazz dan modern active bass."),
    ("bass-5-senar", "Bass 5 Senar", "bass", "Low B untuk drop tuning dan metal modern."),
    ("drum", "Drum", None, "Drum akustik, drum elektrik, simbal dan snare."),
    ("drum-akustik", "Drum Akustik", "drum", "Shell set lengkap untuk studio dan panggung."),
    ("drum-elektrik", "Drum Elektrik", "drum", "Mesh head, modul suara, latihan tanpa mengganggu tetangga."),
    ("simbal", "Simbal", "drum", "Crash, ride, hi-hat dan china."),
    ("snare", "Snare", "drum", "Snare kayu dan metal."),
    ("amplifier", "Amplifier", None, "Ampli gitar, ampli bass dan kabinet."),
    ("ampli-gitar", "Ampli Gitar", "amplifier", "Tabung, solid state dan modeling."),
    ("ampli-bass", "Ampli Bass", "amplifier", "Head dan combo untuk bass."),
    ("kabinet", "Kabinet", "amplifier", "Kabinet speaker 1x12 sampai 4x12."),
    ("efek", "Efek", None, "Pedal efek dan multi-efek."),
    ("distorsi-overdrive", "Distorsi & Overdrive", "efek", "Dari crunch sampai high gain."),
    ("delay-reverb", "Delay & Reverb", "efek", "Ruang dan gema."),
    ("modulasi", "Modulasi", "efek", "Chorus, phaser, flanger."),
    ("multi-efek", "Multi-Efek", "efek", "Prosesor dan amp modeler."),
    ("wah-filter", "Wah & Filter", "efek", "Wah pedal dan filter."),
    ("keyboard", "Keyboard", None, "Synthesizer, stage piano dan MIDI controller."),
    ("synthesizer", "Synthesizer", "keyboard", "Analog dan digital."),
    ("stage-piano", "Stage Piano", "keyboard", "Piano digital untuk panggung."),
    ("midi-controller", "MIDI Controller", "keyboard", "Kontrol DAW dan plugin."),
    ("aksesoris", "Aksesoris", None, "Senar, pick, kabel, strap, stand dan lainnya."),
    ("senar", "Senar", "aksesoris", "Senar gitar dan bass."),
    ("pick", "Pick", "aksesoris", "Pick berbagai ketebalan."),
    ("kabel", "Kabel", "aksesoris", "Kabel instrumen dan patch."),
    ("strap", "Strap", "aksesoris", "Strap kulit dan nilon."),
    ("stand", "Stand", "aksesoris", "Stand gitar, keyboard dan mic."),
    ("case-gigbag", "Case & Gigbag", "aksesoris", "Hardcase dan gigbag empuk."),
    ("stik-drum", "Stik Drum", "aksesoris", "Stik kayu hickory dan maple."),
    ("tuner", "Tuner", "aksesoris", "Tuner jepit dan pedal."),
]


@dataclass
class Line:
    """One product line: brand, models, price range (rupiah), and how it ships."""

    brand: str
    models: list[str]
    price: tuple[int, int]
    weight: tuple[int, int]  # grams, packed
    box: tuple[int, int, int]  # cm, packed
    finishes: list[str] = field(default_factory=list)


GUITAR_FINISHES = ["Black", "Ebony", "Cherry Sunburst", "Vintage White", "Pelham Blue", "Satin Black", "Blood Red"]
BASS_FINISHES = ["Black", "Natural", "3-Color Sunburst", "Olympic White", "Metallic Red"]
GUITAR_BOX, BASS_BOX, PEDAL_BOX = (110, 45, 15), (125, 45, 15), (20, 15, 10)

# fmt: off
LINES: dict[str, list[Line]] = {
    "gitar-elektrik": [
        Line("Gibson", ["Les Paul Standard '50s", "Les Paul Custom", "SG Standard", "Flying V", "Explorer"], (32_000_000, 65_000_000), (5200, 6000), GUITAR_BOX, GUITAR_FINISHES),
        Line("Fender", ["Player Stratocaster", "Player Telecaster", "American Professional II Stratocaster", "Jim Root Telecaster"], (11_000_000, 38_000_000), (4500, 5200), GUITAR_BOX, GUITAR_FINISHES),
        Line("ESP LTD", ["EC-1000", "EC-256", "M-1000", "Viper-256", "KH-602 Kirk Hammett"], (5_500_000, 22_000_000), (4800, 5500), GUITAR_BOX, GUITAR_FINISHES),
        Line("Jackson", ["Soloist SL2", "Rhoads RRX24", "Kelly KEX", "Dinky JS22", "King V KVX"], (3_500_000, 24_000_000), (4600, 5300), GUITAR_BOX, GUITAR_FINISHES),
        Line("Ibanez", ["RG550 Genesis", "RG421", "JEM77P", "S570AH", "RGA42FM"], (4_200_000, 42_000_000), (4300, 5000), GUITAR_BOX, GUITAR_FINISHES),
        Line("Schecter", ["Hellraiser C-1", "Omen Extreme-6", "Synyster Gates Custom", "C-1 Apocalypse"], (6_500_000, 25_000_000), (4700, 5400), GUITAR_BOX, GUITAR_FINISHES),
        Line("PRS", ["SE Custom 24", "SE Mark Holcomb", "SE Standard 24"], (9_000_000, 18_000_000), (4500, 5100), GUITAR_BOX, GUITAR_FINISHES),
        Line("Epiphone", ["Les Paul Standard 60s", "SG Standard", "Explorer", "Les Paul Prophecy"], (5_000_000, 12_000_000), (4800, 5600), GUITAR_BOX, GUITAR_FINISHES),
        Line("B.C. Rich", ["Warlock Extreme", "Mockingbird Legacy", "Ironbird Extreme"], (4_500_000, 14_000_000), (4700, 5400), GUITAR_BOX, GUITAR_FINISHES),
    ],
    "gitar-akustik": [
        Line("Yamaha", ["F310", "FS800", "APX600", "LL16 ARE"], (1_600_000, 14_000_000), (3200, 4200), (112, 48, 18), ["Natural", "Tobacco Brown Sunburst", "Black"]),
        Line("Taylor", ["GS Mini", "114ce", "214ce"], (9_000_000, 22_000_000), (3400, 4300), (112, 48, 18), ["Natural", "Sunburst"]),
        Line("Martin", ["D-10E Road Series", "LX1 Little Martin", "000-10E"], (6_000_000, 18_000_000), (3300, 4300), (112, 48, 18), ["Natural", "Satin"]),
        Line("Cort", ["AD810", "Earth 70", "CR250"], (1_500_000, 4_500_000), (3200, 4000), (112, 48, 18), ["Natural", "Open Pore", "Black Satin"]),
    ],
    "bass-4-senar": [
        Line("Fender", ["Player Precision Bass", "Player Jazz Bass", "Steve Harris Precision Bass"], (12_000_000, 30_000_000), (5000, 6000), BASS_BOX, BASS_FINISHES),
        Line("Ibanez", ["SR300E", "SR500E", "GSR200", "TMB100"], (3_500_000, 14_000_000), (4200, 5000), BASS_BOX, BASS_FINISHES),
        Line("Music Man", ["StingRay Special", "Sterling StingRay Ray4"], (7_000_000, 42_000_000), (5200, 6200), BASS_BOX, BASS_FINISHES),
        Line("ESP LTD", ["F-204", "B-204SM", "AP-4"], (4_500_000, 11_000_000), (4600, 5400), BASS_BOX, BASS_FINISHES),
    ],
    "bass-5-senar": [
        Line("Ibanez", ["SR305E", "SR505E", "GSR205"], (4_000_000, 15_000_000), (4500, 5300), BASS_BOX, BASS_FINISHES),
        Line("Schecter", ["Stiletto Extreme-5", "Riot-5"], (7_500_000, 14_000_000), (4800, 5600), BASS_BOX, BASS_FINISHES),
        Line("Spector", ["NS Ethos 5", "Legend 5 Standard"], (8_500_000, 19_000_000), (4800, 5600), BASS_BOX, BASS_FINISHES),
        Line("Warwick", ["RockBass Corvette Basic 5", "RockBass Streamer LX 5"], (9_000_000, 16_000_000), (5000, 5800), BASS_BOX, BASS_FINISHES),
    ],
    "drum-akustik": [
        Line("Pearl", ["Export EXX 5-Piece", "Roadshow RS525", "Decade Maple 5-Piece", "Masters Maple Complete"], (8_000_000, 65_000_000), (32000, 45000), (80, 70, 65), ["Jet Black", "Red Wine", "Smokey Chrome"]),
        Line("Tama", ["Imperialstar 5-Piece", "Superstar Classic", "Starclassic Performer"], (10_000_000, 55_000_000), (30000, 44000), (80, 70, 65), ["Midnight Gold Sparkle", "Piano Black", "Transparent Red"]),
        Line("Mapex", ["Mars 5-Piece", "Armory Studioease", "Tornado 5-Piece"], (6_500_000, 28_000_000), (29000, 42000), (80, 70, 65), ["Black Dawn", "Bloodwood", "Tornado Blue"]),
        Line("Ludwig", ["Breakbeats by Questlove", "Element Evolution"], (6_000_000, 16_000_000), (18000, 38000), (70, 60, 55), ["Black Sparkle", "Azure Sparkle"]),
    ],
    "drum-elektrik": [
        Line("Roland", ["TD-07KV", "TD-17KVX2", "TD-27KV2", "TD-02K"], (6_000_000, 45_000_000), (22000, 38000), (90, 60, 45), []),
        Line("Alesis", ["Nitro Max", "Surge Mesh SE", "Strata Prime"], (4_000_000, 42_000_000), (20000, 36000), (90, 60, 45), []),
        Line("Yamaha", ["DTX402K", "DTX6K2-X", "DTX8K-M"], (6_500_000, 48_000_000), (21000, 39000), (90, 60, 45), []),
    ],
    "simbal": [
        Line("Zildjian", ['A Custom Crash 18"', 'K Custom Dark Ride 20"', 'S Family Hi-Hat 14"', 'Oriental China Trash 18"'], (1_800_000, 9_500_000), (1200, 3000), (60, 60, 8), []),
        Line("Sabian", ['AAX X-Plosion Crash 18"', 'HHX Evolution Ride 21"', 'B8X Hi-Hat 14"'], (1_200_000, 8_000_000), (1200, 3000), (60, 60, 8), []),
        Line("Meinl", ['Byzance Extra Dry Crash 18"', 'Classics Custom Dark Ride 20"', 'HCS China 18"'], (900_000, 8_500_000), (1100, 2900), (60, 60, 8), []),
        Line("Paiste", ['PST 7 Crash 16"', '2002 Power Ride 22"', 'Rude Hi-Hat 14"'], (1_600_000, 9_000_000), (1200, 3200), (60, 60, 8), []),
    ],
    "snare": [
        Line("Pearl", ['Sensitone Steel 14x5.5"', 'Reference Pure 14x6.5"'], (3_500_000, 11_000_000), (4000, 6000), (45, 45, 25), []),
        Line("Tama", ['S.L.P. Big Black Steel 14x8"', 'Starphonic Brass 14x6"'], (4_000_000, 12_000_000), (4200, 6200), (45, 45, 25), []),
        Line("Ludwig", ['Supraphonic LM402 14x6.5"', 'Black Beauty 14x5"'], (5_500_000, 16_000_000), (4200, 6000), (45, 45, 25), []),
    ],
    "ampli-gitar": [
        Line("Marshall", ["JCM800 2203 Head", "DSL40CR Combo", "JVM410H Head", "MG30GFX Combo"], (3_200_000, 42_000_000), (9000, 25000), (75, 40, 55), []),
        Line("Mesa/Boogie", ["Dual Rectifier Head", "Mark VII Head", "Badlander 50 Head"], (38_000_000, 65_000_000), (14000, 22000), (75, 40, 40), []),
        Line("Peavey", ["6505+ 112 Combo", "6505 MH Mini Head", "Invective.120 Head"], (9_000_000, 30_000_000), (8000, 26000), (70, 40, 50), []),
        Line("EVH", ["5150III 50W 6L6 Head", "5150 Iconic 40W Combo"], (16_000_000, 26_000_000), (15000, 25000), (70, 40, 50), []),
        Line("Orange", ["Rockerverb 50 MKIII Head", "Crush 35RT Combo", "Micro Dark Terror"], (2_500_000, 32_000_000), (2000, 24000), (65, 35, 45), []),
        Line("Boss", ["Katana-50 MkII", "Katana-100 MkII", "Nextone Stage"], (4_200_000, 9_500_000), (11000, 17000), (60, 35, 50), []),
    ],
    "ampli-bass": [
        Line("Ampeg", ["SVT-CL Head", "Rocket Bass RB-108", "PF-500 Portaflex"], (2_800_000, 38_000_000), (8000, 36000), (70, 45, 45), []),
        Line("Fender", ["Rumble 100", "Rumble 500 Head"], (5_500_000, 14_000_000), (6000, 20000), (60, 40, 55), []),
        Line("Darkglass", ["Microtubes 500", "Exponent 500"], (14_000_000, 22_000_000), (4000, 6000), (45, 35, 20), []),
    ],
    "kabinet": [
        Line("Marshall", ["1960A 4x12", "1960B 4x12", "MX112"], (5_500_000, 20_000_000), (15000, 45000), (85, 40, 80), []),
        Line("Mesa/Boogie", ["Rectifier Standard 4x12", "Rectifier 2x12"], (18_000_000, 34_000_000), (30000, 50000), (85, 40, 80), []),
        Line("Orange", ["PPC412", "PPC112"], (5_000_000, 17_000_000), (16000, 46000), (85, 40, 80), []),
    ],
    "distorsi-overdrive": [
        Line("Boss", ["DS-1 Distortion", "MT-2 Metal Zone", "SD-1 Super OverDrive", "HM-2W Heavy Metal"], (800_000, 2_900_000), (400, 700), PEDAL_BOX, []),
        Line("MXR", ["M104 Distortion+", "M75 Super Badass Distortion", "M116 Fullbore Metal"], (1_300_000, 2_600_000), (350, 600), PEDAL_BOX, []),
        Line("Electro-Harmonix", ["Big Muff Pi", "Metal Muff", "Soul Food"], (1_100_000, 2_300_000), (400, 700), PEDAL_BOX, []),
        Line("Ibanez", ["TS9 Tube Screamer", "TS808 Tube Screamer"], (1_500_000, 3_100_000), (400, 650), PEDAL_BOX, []),
        Line("Fortin", ["Grind", "33 Boost"], (2_300_000, 3_500_000), (300, 500), PEDAL_BOX, []),
    ],
    "delay-reverb": [
        Line("Boss", ["DD-8 Digital Delay", "RV-6 Reverb", "DD-200"], (2_300_000, 5_200_000), (400, 900), PEDAL_BOX, []),
        Line("MXR", ["M169 Carbon Copy", "M300 Reverb"], (2_300_000, 3_900_000), (400, 700), PEDAL_BOX, []),
        Line("Strymon", ["Timeline", "BigSky", "El Capistan"], (5_900_000, 8_900_000), (700, 1300), PEDAL_BOX, []),
        Line("TC Electronic", ["Flashback 2 Delay", "Hall of Fame 2 Reverb"], (1_600_000, 2_600_000), (400, 600), PEDAL_BOX, []),
    ],
    "modulasi": [
        Line("MXR", ["M101 Phase 90", "M117R Flanger", "M234 Analog Chorus"], (1_400_000, 3_300_000), (350, 650), PEDAL_BOX, []),
        Line("Boss", ["CE-2W Chorus", "BF-3 Flanger", "PH-3 Phase Shifter"], (1_700_000, 3_600_000), (400, 700), PEDAL_BOX, []),
        Line("Electro-Harmonix", ["Small Clone", "Electric Mistress"], (1_200_000, 2_400_000), (400, 700), PEDAL_BOX, []),
    ],
    "multi-efek": [
        Line("Line 6", ["HX Stomp", "POD Go", "Helix LT"], (7_500_000, 22_000_000), (1800, 6000), (55, 35, 15), []),
        Line("Boss", ["GT-1000CORE", "GX-100", "ME-90"], (4_800_000, 14_000_000), (1500, 5000), (55, 35, 15), []),
        Line("Headrush", ["MX5", "Gigboard"], (6_500_000, 10_500_000), (1500, 4000), (55, 35, 15), []),
        Line("Zoom", ["G6", "MS-50G+", "G11"], (1_900_000, 10_900_000), (500, 4000), (55, 35, 15), []),
    ],
    "wah-filter": [
        Line("Dunlop", ["Cry Baby GCB95", "Cry Baby 535Q", "KH95 Kirk Hammett Wah"], (1_500_000, 3_400_000), (1500, 2200), (35, 18, 12), []),
        Line("Morley", ["Bad Horsie 2", "Mini Wah"], (1_700_000, 2_900_000), (1200, 2000), (35, 18, 12), []),
    ],
    "synthesizer": [
        Line("Korg", ["minilogue xd", "Monologue", "Wavestate"], (4_500_000, 16_000_000), (3000, 7000), (70, 40, 18), []),
        Line("Roland", ["JUNO-X", "GAIA 2", "JD-Xi"], (7_000_000, 32_000_000), (3500, 9000), (90, 40, 18), []),
        Line("Arturia", ["MiniBrute 2", "MicroFreak", "PolyBrute 12"], (4_900_000, 48_000_000), (2500, 16000), (90, 45, 20), []),
        Line("Moog", ["Subsequent 37", "Minimoog Model D"], (30_000_000, 75_000_000), (10000, 16000), (90, 45, 25), []),
    ],
    "stage-piano": [
        Line("Nord", ["Stage 4 88", "Piano 5 73", "Electro 6D 61"], (38_000_000, 85_000_000), (13000, 22000), (140, 45, 20), []),
        Line("Yamaha", ["CP88", "CP73", "P-225"], (9_000_000, 48_000_000), (12000, 20000), (140, 45, 20), []),
        Line("Roland", ["RD-88", "RD-2000 EX"], (18_000_000, 52_000_000), (15000, 24000), (140, 45, 20), []),
    ],
    "midi-controller": [
        Line("Arturia", ["KeyLab Essential 61 mk3", "MiniLab 3", "KeyStep 37"], (1_500_000, 5_200_000), (1200, 6000), (100, 35, 12), []),
        Line("Novation", ["Launchkey 49 MK4", "Launchkey Mini MK4", "Launchpad X"], (1_600_000, 4_800_000), (800, 5000), (90, 35, 12), []),
        Line("Akai", ["MPK Mini MK3", "MPK261", "MPD218"], (1_200_000, 6_500_000), (800, 7000), (100, 35, 12), []),
    ],
    "senar": [
        Line("Ernie Ball", ["Regular Slinky 10-46", "Power Slinky 11-48", "Beefy Slinky 11-54", "Regular Slinky Bass 50-105"], (95_000, 420_000), (50, 200), (15, 12, 2), []),
        Line("D'Addario", ["EXL110 10-46", "EXL148 12-60", "NYXL 1052", "EXL170 Bass 45-100"], (90_000, 450_000), (50, 200), (15, 12, 2), []),
        Line("Elixir", ["Nanoweb 10-46", "Optiweb 10-46", "Nanoweb Bass 45-105"], (190_000, 850_000), (50, 200), (15, 12, 2), []),
        Line("DR Strings", ["DDT Drop-Down Tuning 10-52", "Hi-Beam 11-50"], (150_000, 300_000), (50, 150), (15, 12, 2), []),
    ],
    "pick": [
        Line("Dunlop", ["Tortex Standard .88mm (12 pcs)", "Jazz III Max Grip (6 pcs)", "Ultex Sharp 1.0mm (6 pcs)"], (45_000, 160_000), (20, 60), (10, 8, 1), []),
        Line("Fender", ["351 Premium Celluloid Medium (12 pcs)", "Tough Picks (6 pcs)"], (35_000, 95_000), (20, 60), (10, 8, 1), []),
    ],
    "kabel": [
        Line("Planet Waves", ["American Stage 3m", "Classic Series 6m", "Patch Cable 15cm (3 pcs)"], (90_000, 650_000), (200, 800), (25, 20, 5), []),
        Line("Mogami", ["Gold Instrument 3m", "Gold Instrument 6m"], (650_000, 1_250_000), (250, 800), (25, 20, 5), []),
        Line("Fender", ["Professional Series 3m", "Deluxe Series 5.5m"], (150_000, 450_000), (250, 800), (25, 20, 5), []),
    ],
    "strap": [
        Line("Levy's", ['Garment Leather 2.5"', 'Polyester 2"'], (150_000, 1_100_000), (150, 500), (30, 15, 5), ["Black", "Brown", "Red"]),
        Line("Ernie Ball", ["Polypro Strap", "Jacquard Strap"], (120_000, 320_000), (120, 300), (30, 15, 5), ["Black", "Red"]),
    ],
    "stand": [
        Line("Hercules", ["GS414B Plus Guitar Stand", "KS210B Keyboard Stand", "GS523B Triple Stand"], (350_000, 1_900_000), (1500, 6000), (70, 20, 15), []),
        Line("K&M", ["17670 Memphis Guitar Stand", "18810 Keyboard Stand"], (400_000, 1_600_000), (1500, 6000), (70, 20, 15), []),
    ],
    "case-gigbag": [
        Line("Gator", ["GL-LPS Les Paul Case", "GB-4G-ELECTRIC Gigbag", "GPE-BASS-TSA Case"], (650_000, 3_800_000), (2000, 7000), (115, 45, 18), []),
        Line("SKB", ["1SKB-6 Electric Guitar Case", "1SKB-44 Bass Case"], (1_900_000, 3_600_000), (4000, 8000), (115, 45, 18), []),
    ],
    "stik-drum": [
        Line("Vic Firth", ["American Classic 5A", "American Classic 5B", "Extreme 5B", "2B Nylon Tip"], (110_000, 260_000), (100, 200), (45, 8, 5), []),
        Line("Promark", ["Forward 5A Hickory", "Rebound 7A", "Rebound 5B ActiveGrip"], (110_000, 240_000), (100, 200), (45, 8, 5), []),
    ],
    "tuner": [
        Line("Boss", ["TU-3 Chromatic Tuner", "TU-03 Clip-On"], (250_000, 1_500_000), (80, 500), PEDAL_BOX, []),
        Line("Snark", ["SN-5X Clip-On", "ST-2 Super Tight"], (150_000, 300_000), (60, 150), (12, 8, 5), []),
        Line("TC Electronic", ["PolyTune 3", "PolyTune Clip"], (700_000, 1_600_000), (80, 500), PEDAL_BOX, []),
    ],
}
# fmt: on

# How often each leaf category appears among generated products (instruments and pedals dominate).
CATEGORY_WEIGHTS = {slug: 3 for slug in LINES}
CATEGORY_WEIGHTS.update({"gitar-elektrik": 8, "distorsi-overdrive": 5, "senar": 5, "ampli-gitar": 5, "bass-4-senar": 4})

# Which picture each category gets (catalog/sample_data/artwork.py draws it).
ARTWORK = {
    "gitar-elektrik": "electric_guitar", "gitar-akustik": "acoustic_guitar", "bass-4-senar": "bass",
    "bass-5-senar": "bass", "drum-akustik": "drum_kit", "drum-elektrik": "drum_kit", "simbal": "cymbal",
    "snare": "snare", "ampli-gitar": "amp", "ampli-bass": "amp", "kabinet": "cabinet",
    "distorsi-overdrive": "pedal", "delay-reverb": "pedal", "modulasi": "pedal", "multi-efek": "multi_fx",
    "wah-filter": "wah", "synthesizer": "keyboard", "stage-piano": "keyboard", "midi-controller": "keyboard",
    "senar": "strings", "pick": "picks", "kabel": "cable", "strap": "strap", "stand": "stand",
    "case-gigbag": "case", "stik-drum": "sticks", "tuner": "tuner",
}  # fmt: skip
ROOT_ARTWORK = {
    "gitar": "electric_guitar", "bass": "bass", "drum": "drum_kit", "amplifier": "amp", "efek": "pedal",
    "keyboard": "keyboard", "aksesoris": "picks",
}  # fmt: skip
