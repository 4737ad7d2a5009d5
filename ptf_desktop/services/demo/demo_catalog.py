"""Word lists and country data from which the demo organizations are made.

Plain data, no logic: the generator in ``demo_generator`` draws from it. Every address,
person and e-mail domain is invented; e-mail and web domains end in ``example.com`` or
``example.org`` (reserved for documentation), so no demo message can reach anyone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    """Where a demo organization is registered, and how things look there.

    Attributes:
        code: ISO 3166-1 alpha-2 code.
        weight: how often it is drawn, relative to the others.
        calling_code: the international telephone prefix.
        streets: a key of STREET_STYLES.
        vat: how a tax ID is made: (prefix, pattern, suffix) where the pattern's ``#`` is
            any digit and ``@`` a non-zero digit, and a check digit is found after it; or
            a key of the computed schemes ("us", "gb", "fr", "be"); None: left empty.
        suffixes: legal-form suffixes of commercial organizations.
        cities: (city, region, postal code pattern: ``#`` a digit, ``?`` a letter).
    """

    code: str
    weight: int
    calling_code: str
    streets: str
    vat: tuple[str, str, str] | str | None
    suffixes: tuple[str, ...]
    cities: tuple[tuple[str, str, str], ...]


def _country(
    code: str,
    weight: int,
    calling_code: str,
    streets: str,
    vat: tuple[str, str, str] | str | None,
    suffixes: tuple[str, ...],
    cities: str,
) -> Country:
    """A country whose cities are written "City|Region|postal pattern; ..." to stay compact."""
    parsed = tuple((name, region, postal) for name, region, postal in _split(cities))
    return Country(code, weight, calling_code, streets, vat, suffixes, parsed)


def _split(cities: str) -> list[list[str]]:
    return [city.split("|") for city in cities.split("; ")]


# fmt: off
COUNTRIES: tuple[Country, ...] = (
    _country("US", 300, "1", "en", "us", ("Inc.", "LLC", "Corporation", "Inc."),
             "San Francisco|CA|941##; Seattle|WA|981##; Austin|TX|787##; Boston|MA|021##; "
             "New York|NY|100##; Pittsburgh|PA|152##; Chicago|IL|606##; Denver|CO|802##; "
             "Raleigh|NC|276##; Atlanta|GA|303##; Portland|OR|972##; San Diego|CA|921##"),
    _country("GB", 70, "44", "en", "gb", ("Ltd", "Limited", "plc"),
             "London|England|EC#? #??; Cambridge|England|CB# #??; Edinburgh|Scotland|EH# #??; "
             "Manchester|England|M# #??; Bristol|England|BS# #??"),
    _country("DE", 80, "49", "de", ("", "@#######", ""), ("GmbH", "AG", "GmbH & Co. KG"),
             "Berlin|Berlin|10###; München|Bayern|80###; Hamburg|Hamburg|20###; "
             "Stuttgart|Baden-Württemberg|70###; Köln|Nordrhein-Westfalen|50###; "
             "Darmstadt|Hessen|642##"),
    _country("FR", 60, "33", "fr", "fr", ("SAS", "SA", "SARL"),
             "Paris|Île-de-France|750##; Lyon|Auvergne-Rhône-Alpes|6900#; "
             "Grenoble|Auvergne-Rhône-Alpes|380##; Toulouse|Occitanie|310##; "
             "Nantes|Pays de la Loire|440##"),
    _country("IN", 50, "91", "asia", None, ("Pvt. Ltd.", "Private Limited", "Ltd."),
             "Bengaluru|Karnataka|560###; Hyderabad|Telangana|500###; "
             "Pune|Maharashtra|411###; Chennai|Tamil Nadu|600###"),
    _country("CN", 40, "86", "asia", None, ("Co., Ltd.",),
             "Beijing|Beijing|100###; Shanghai|Shanghai|200###; Shenzhen|Guangdong|518###; "
             "Hangzhou|Zhejiang|310###"),
    _country("JP", 40, "81", "asia", ("", "@###########", ""), ("K.K.", "Co., Ltd."),
             "Tokyo|Tokyo|1##-####; Osaka|Osaka|5##-####; Kyoto|Kyoto|6##-####; "
             "Yokohama|Kanagawa|2##-####"),
    _country("CA", 40, "1", "en", ("", "@#######", ""), ("Inc.", "Ltd.", "Corp."),
             "Toronto|ON|M#? #?#; Montréal|QC|H#? #?#; Vancouver|BC|V#? #?#; "
             "Waterloo|ON|N#? #?#"),
    _country("KR", 20, "82", "asia", ("", "@########", ""), ("Co., Ltd.", "Inc."),
             "Seoul|Seoul|0####; Pangyo|Gyeonggi|13###"),
    _country("NL", 30, "31", "nl", ("", "@#######", "B01"), ("B.V.", "N.V."),
             "Amsterdam|Noord-Holland|10## ??; Eindhoven|Noord-Brabant|56## ??; "
             "Delft|Zuid-Holland|26## ??; Utrecht|Utrecht|35## ??"),
    _country("SE", 20, "46", "nordic", ("", "5########", "01"), ("AB",),
             "Stockholm|Stockholm|1## ##; Göteborg|Västra Götaland|4## ##; Lund|Skåne|22# ##"),
    _country("CH", 20, "41", "de", ("CHE", "@#######", " MWST"), ("AG", "SA", "GmbH"),
             "Zürich|ZH|80##; Genève|GE|12##; Lausanne|VD|10##"),
    _country("IL", 20, "972", "en", ("", "5#######", ""), ("Ltd.",),
             "Tel Aviv|Tel Aviv|6######; Haifa|Haifa|3######"),
    _country("BR", 20, "55", "es", None, ("Ltda.", "S.A."),
             "São Paulo|SP|0####-###; Campinas|SP|13###-###; Florianópolis|SC|88###-###"),
    _country("AU", 20, "61", "en", None, ("Pty Ltd", "Ltd"),
             "Sydney|NSW|2###; Melbourne|VIC|3###; Brisbane|QLD|4###"),
    _country("ES", 20, "34", "es", ("B", "@######", ""), ("S.L.", "S.A."),
             "Madrid|Madrid|28###; Barcelona|Cataluña|08###; Valencia|Valencia|46###"),
    _country("IT", 20, "39", "it", ("", "@######0@#", ""), ("S.r.l.", "S.p.A."),
             "Milano|Lombardia|201##; Torino|Piemonte|101##; Roma|Lazio|001##; "
             "Bologna|Emilia-Romagna|401##"),
    _country("SG", 15, "65", "asia", None, ("Pte. Ltd.",),
             "Singapore||######"),
    _country("FI", 10, "358", "nordic", ("", "@######", ""), ("Oy", "Oyj"),
             "Helsinki|Uusimaa|00###; Espoo|Uusimaa|02###"),
    _country("IE", 10, "353", "en", None, ("Limited", "DAC"),
             "Dublin|Dublin|D0# ?#??; Cork|Cork|T12 ?#??"),
    _country("PL", 10, "48", "en", ("", "@########", ""), ("sp. z o.o.", "S.A."),
             "Warszawa|Mazowieckie|0#-###; Kraków|Małopolskie|3#-###"),
    _country("DK", 10, "45", "nordic", ("", "@######", ""), ("ApS", "A/S"),
             "København|Hovedstaden|1###; Aarhus|Midtjylland|8000"),
    _country("BE", 10, "32", "fr", "be", ("SRL", "NV"),
             "Bruxelles|Bruxelles|10##; Leuven|Vlaams-Brabant|3000"),
    _country("AT", 10, "43", "de", ("U", "@######", ""), ("GmbH", "AG"),
             "Wien|Wien|1###; Graz|Steiermark|80##"),
    _country("NO", 8, "47", "nordic", ("", "9#######", "MVA"), ("AS", "ASA"),
             "Oslo|Oslo|0###; Trondheim|Trøndelag|70##"),
    _country("TW", 10, "886", "asia", ("", "@######", ""), ("Co., Ltd.", "Corporation"),
             "Taipei|Taipei|1##; Hsinchu|Hsinchu|300"),
)
# fmt: on

STREET_STYLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": ("{number} {name} {kind}", (
        "Maple", "Oak", "Cedar", "Market", "Mission", "Harbor", "Lake", "Park", "River", "Hill",
        "Main", "Church", "Mill", "Station", "King", "Queen", "Elm", "Pine", "Spring", "Bay",
    )),
    "de": ("{name} {number}", (
        "Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Goethestraße",
        "Lindenallee", "Bergstraße", "Marktplatz", "Waldweg", "Friedrichstraße",
    )),
    "fr": ("{number} {name}", (
        "rue de la République", "avenue Victor Hugo", "rue de la Paix", "boulevard Pasteur",
        "rue Jean Jaurès", "rue des Lilas", "quai des Chartrons", "place de la Gare",
    )),
    "nl": ("{name} {number}", (
        "Keizersgracht", "Herengracht", "Prinsengracht", "Kerkstraat", "Molenweg", "Dorpsstraat",
    )),
    "es": ("{name}, {number}", (
        "Calle Mayor", "Avenida del Sol", "Calle de Alcalá", "Gran Vía", "Rua Augusta",
        "Avenida Paulista", "Rua das Flores",
    )),
    "it": ("{name} {number}", ("Via Roma", "Via Garibaldi", "Via Mazzini", "Corso Dante")),
    "nordic": ("{name} {number}", (
        "Storgatan", "Kungsgatan", "Drottninggatan", "Hamngatan", "Mannerheimintie",
        "Vesterbrogade",
    )),
    "asia": ("{number}-{number2} {name}", (
        "Minato", "Shibuya", "Chiyoda", "Gangnam-daero", "Haidian Road", "Xinyi Road",
        "Century Avenue", "MG Road", "Outer Ring Road", "Science Park",
    )),
}  # fmt: skip
STREET_KINDS = ("Street", "Avenue", "Road", "Drive", "Boulevard", "Lane", "Way", "Parkway")

# Commercial names: "Bright" + "stone" + " Robotics", or "Blue Harbor Analytics".
NAME_STARTS = (
    "North", "Blue", "Bright", "Deep", "Quantum", "Tensor", "Vector", "Silver", "Iron", "Cedar",
    "Granite", "Harbor", "Summit", "Apex", "Nova", "Helio", "Lumen", "Cobalt", "Crimson", "Amber",
    "Red", "Green", "Swift", "Clear", "True", "Open", "Star", "Sun", "Moon", "Cloud", "River",
    "Stone", "Oak", "Pine", "Maple", "Falcon", "Eagle", "Fox", "Wolf", "Bear", "Zenith", "Polar",
    "Orbit", "Pixel", "Signal", "Spark", "Flux", "Prism", "Atlas", "Vertex", "Kite", "Coral",
    "Delta", "Sigma", "Lambda", "Omni", "Neuro", "Cortex", "Axon", "Synap",
)  # fmt: skip
NAME_ENDS = (
    "wind", "stone", "field", "bridge", "works", "path", "forge", "leaf", "wave", "point", "gate",
    "light", "spring", "ridge", "core", "mind", "scale", "shift", "stack", "loop", "line", "beam",
    "craft", "port", "view", "mark", "hive", "nest", "peak", "flow", "grid", "byte", "bit",
    "logic", "sense", "wise", "vale", "crest", "haven", "spire",
)  # fmt: skip
NAME_NOUNS = (
    "Harbor", "Summit", "Canyon", "Meadow", "Beacon", "Compass", "Horizon", "Lantern", "Anchor",
    "Circuit", "Foundry", "Orchard", "Quarry", "Glacier", "Prairie", "Cascade", "Delta", "Mesa",
    "Tundra", "Lagoon", "Ember", "Falcon", "Heron", "Otter", "Badger", "Raven", "Sparrow",
    "Willow", "Aspen", "Birch", "Juniper", "Sequoia", "Basalt", "Quartz", "Onyx", "Jade",
    "Comet", "Nebula", "Pulsar", "Aurora", "Meridian", "Equinox", "Solstice", "Tide",
)  # fmt: skip
INDUSTRIES = (
    "Robotics", "Analytics", "Systems", "Labs", "Technologies", "Semiconductors", "Software",
    "Cloud", "AI", "Data", "Networks", "Bio", "Therapeutics", "Energy", "Logistics",
    "Financial", "Media", "Health", "Automotive", "Instruments", "Computing", "Vision",
    "Security", "Dynamics", "Intelligence", "Genomics", "Motors", "Devices", "Insights",
    "Microsystems", "Photonics", "Games", "Retail", "Capital", "Aerospace",
)  # fmt: skip
FIELDS = (
    "Machine Learning", "Artificial Intelligence", "Computer Science", "Data Science",
    "Robotics", "Computational Biology", "Applied Mathematics", "Statistics", "Neuroscience",
    "Computer Vision", "Language Technologies", "High-Performance Computing", "Physics",
    "Climate Modeling", "Medical Imaging", "Autonomous Systems", "Quantum Computing",
    "Information Science", "Cognitive Science", "Signal Processing", "Bioinformatics",
    "Human-Computer Interaction", "Speech Recognition", "Materials Science", "Optimization",
    "Reinforcement Learning", "Scientific Computing", "Earth Observation", "Health Informatics",
    "Distributed Systems", "Computational Linguistics",
)  # fmt: skip
FIRMS = ("Partners", "Group", "Consulting", "Associates", "Advisors")
CAUSES = (
    "Open Science", "Open Source AI", "Responsible AI", "Digital Inclusion", "Public Health",
    "Climate Research", "Education", "Accessibility", "Research Software", "Open Data",
    "Privacy", "Digital Rights", "Citizen Science", "Global Development",
)  # fmt: skip
AGENCY_AREAS = (
    "Digital Affairs", "Science and Technology", "Research", "Innovation", "Health Data",
    "Statistics", "Meteorology", "Energy", "Defence Research", "Space", "Transport",
)  # fmt: skip

FIRST_NAMES = (
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "John",
    "Sophie", "Lukas", "Emma", "Noah", "Mia", "Liam", "Olivia", "Mateo", "Chloé", "Léa",
    "Hugo", "Jonas", "Anna", "Elena", "Marco", "Giulia", "Sofia", "Lucas", "Camila", "Diego",
    "José", "María", "Aarav", "Priya", "Rohan", "Ananya", "Wei", "Li", "Yuki", "Haruto",
    "Sakura", "Min-jun", "Ji-woo", "Noa", "Yael", "Omar", "Fatima", "Amara", "Kwame", "Chinedu",
    "Zoë", "Björn", "Søren", "Ingrid", "Mikko", "Aino", "Katarzyna", "Piotr", "Niamh", "Seán",
    "Ethan", "Ava", "Isabella", "James", "Mohammed", "Aisha", "Daniel", "Sara", "David", "Leila",
    "Hannah", "Tomás", "Ines", "Jan", "Eva", "Oliver", "Charlotte", "Rafael", "Beatriz", "Kenji",
)  # fmt: skip
LAST_NAMES = (
    "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson",
    "Allen", "McCarthy", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Martin",
    "Bernard", "Dubois", "Lefèvre", "Moreau", "Rossi", "Russo", "Ferrari", "Esposito",
    "García", "Fernández", "López", "Martínez", "Silva", "Santos", "Oliveira", "Pereira",
    "Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Wang", "Zhang", "Chen", "Liu", "Yang",
    "Sato", "Suzuki", "Takahashi", "Tanaka", "Kim", "Lee", "Park", "Choi", "Cohen", "Levi",
    "Mizrahi", "Haddad", "Okafor", "Mensah", "Adeyemi", "Johansson", "Andersson", "Nielsen",
    "Hansen", "Virtanen", "Korhonen", "Kowalski", "Nowak", "Murphy", "O'Brien", "Kelly",
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker",
    "Young", "King", "Wright", "Scott", "Nguyen", "Tran", "Novak", "Horvat", "Popescu", "Ivanova",
)  # fmt: skip

JOB_TITLES: dict[str, tuple[str, ...]] = {
    "primary": (
        "Head of Open Source Program Office", "Director of Engineering", "Head of AI Platform",
        "Developer Relations Lead", "Principal Engineer", "Research Director",
    ),
    "billing": (
        "Accounts Payable Specialist", "Finance Manager", "Procurement Lead", "Controller",
    ),
    "signatory": (
        "Chief Technology Officer", "General Counsel", "Vice President, Engineering",
        "Chief Executive Officer", "Executive Director",
    ),
    "technical": (
        "Staff Machine Learning Engineer", "ML Infrastructure Lead", "Research Scientist",
    ),
    "marketing": ("Developer Marketing Manager", "Head of Communications", "Events Manager"),
    "voting_representative": (
        "Vice President, AI Infrastructure", "Distinguished Engineer", "Chief Scientist",
    ),
    "alternate_representative": (
        "Senior Director, ML Platforms", "Principal Research Engineer", "Head of Open Source",
    ),
}  # fmt: skip
ACADEMIC_TITLES = ("Professor of Computer Science", "Associate Professor", "Lab Director")

TESTIMONIALS = (
    "PyTorch lets {org} move from a research idea to production without rewriting the model.",
    "Being a member of the PyTorch Foundation gives {org} a voice in where the ecosystem goes.",
    "{org} builds its training infrastructure on PyTorch; supporting the foundation is natural.",
    "The PyTorch community helped {org} hire, learn and ship faster.",
    "Open governance is why {org} trusts PyTorch for the long term.",
)  # fmt: skip
PUBLISHED_WHERE = (
    "pytorch.org members page", "PyTorch Conference keynote", "Annual report",
    "Press release", "Foundation blog",
)  # fmt: skip
NOTES = (
    "Met at PyTorch Conference.", "Interested in Premier membership next year.",
    "Prefers invoices by e-mail only.", "Purchase order number required on invoices.",
    "Introduced by a founding member.", "Renewal handled by the procurement team.",
)  # fmt: skip


@dataclass(frozen=True)
class Founder:
    """One of the six founding members of September 2022 (people and e-mails invented)."""

    display_name: str
    legal_name: str
    employees: int
    address_line1: str
    city: str
    region: str
    postal_code: str
    website: str
    lf_membership: str
    domain: str


FOUNDERS: tuple[Founder, ...] = (
    Founder("AMD", "Advanced Micro Devices, Inc.", 26_000, "2485 Augustine Drive",
            "Santa Clara", "CA", "95054", "https://www.amd.com", "gold", "amd.example.com"),
    Founder("Amazon Web Services", "Amazon Web Services, Inc.", 1_500_000,
            "410 Terry Avenue North", "Seattle", "WA", "98109", "https://aws.amazon.com",
            "platinum", "aws.example.com"),
    Founder("Google", "Google LLC", 180_000, "1600 Amphitheatre Parkway", "Mountain View",
            "CA", "94043", "https://www.google.com", "platinum", "google.example.com"),
    Founder("Meta", "Meta Platforms, Inc.", 70_000, "1 Hacker Way", "Menlo Park", "CA",
            "94025", "https://www.meta.com", "platinum", "meta.example.com"),
    Founder("Microsoft", "Microsoft Corporation", 220_000, "One Microsoft Way", "Redmond",
            "WA", "98052", "https://www.microsoft.com", "platinum", "microsoft.example.com"),
    Founder("NVIDIA", "NVIDIA Corporation", 30_000, "2788 San Tomas Expressway",
            "Santa Clara", "CA", "95051", "https://www.nvidia.com", "gold", "nvidia.example.com"),
)  # fmt: skip
