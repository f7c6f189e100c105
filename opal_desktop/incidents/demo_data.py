"""Word lists for the demo vault: a fictional retailer's stores, products, people and phrases.

Everything here is invented. Force ids are real (they are reference data); store names,
addresses, products, brands and people are not. Postcodes are valid UK postcode shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

ORGANISATION = "Northern Grocers Ltd (DEMO)"


@dataclass(frozen=True)
class DemoStoreSpec:
    code: str
    name: str
    address: str
    postcode: str
    force_id: str
    town: str  # for narratives: where the offenders went
    roads: tuple[str, ...]  # exit routes named in narratives


STORES: tuple[DemoStoreSpec, ...] = (
    DemoStoreSpec("LDS01", "Leeds Kirkstall", "Unit 4, Kirkstall Bridge Retail Park, Leeds", "LS5 3BT", "west-yorkshire", "Leeds", ("Kirkstall Road", "the A65", "Bridge Road")),
    DemoStoreSpec("BFD01", "Bradford Thornbury", "200 Thornbury Road, Bradford", "BD3 8HG", "west-yorkshire", "Bradford", ("Leeds Road", "the A647", "Gain Lane")),
    DemoStoreSpec("YRK01", "York Clifton Moor", "Clifton Moor Centre, Stirling Road, York", "YO30 4XZ", "north-yorkshire", "York", ("the A1237 ring road", "Stirling Road", "Kettlestring Lane")),
    DemoStoreSpec("HGT01", "Harrogate Starbeck", "47 High Street, Starbeck, Harrogate", "HG2 7LF", "north-yorkshire", "Harrogate", ("Knaresborough Road", "the A59", "Camwal Road")),
    DemoStoreSpec("SHF01", "Sheffield Hillsborough", "Middlewood Road, Hillsborough, Sheffield", "S6 2LW", "south-yorkshire", "Sheffield", ("Middlewood Road", "the A61 Penistone Road", "Holme Lane")),
    DemoStoreSpec("DON01", "Doncaster Wheatley", "Wheatley Hall Road, Doncaster", "DN2 4PE", "south-yorkshire", "Doncaster", ("Wheatley Hall Road", "the A18", "Barnby Dun Road")),
    DemoStoreSpec("MAN01", "Manchester Cheetham Hill", "Cheetham Hill Road, Manchester", "M8 8EP", "greater-manchester", "Manchester", ("Cheetham Hill Road", "the A665", "Queens Road")),
    DemoStoreSpec("PRE01", "Preston Deepdale", "Blackpool Road, Deepdale, Preston", "PR1 6RX", "lancashire", "Preston", ("Blackpool Road", "the A6063", "Deepdale Road")),
    DemoStoreSpec("HUL01", "Hull Kingswood", "Bude Road, Kingswood, Hull", "HU7 3DD", "humberside", "Hull", ("Bude Road", "the A1033", "Wawne Road")),
)  # fmt: skip

# Fictional staff names for the demo users (username -> display name is built from these).
STAFF_NAMES: tuple[str, ...] = (
    "Sam Okafor", "Priya Lakhani", "Dan Whitworth", "Chloe Brennan", "Imran Qureshi",
    "Leanne Holroyd", "Tom Atherton", "Kasia Nowak", "Ryan Ashworth", "Megan Clough",
)  # fmt: skip
MANAGER_NAME = "Jordan Firth"
ADMIN_NAME = "Demo Administrator"

WITNESS_FIRST_NAMES: tuple[str, ...] = (
    "Priya", "Dan", "Chloe", "Imran", "Leanne", "Tom", "Kasia", "Ryan", "Megan", "Aisha",
    "Callum", "Bev", "Nathan", "Sophie", "Gary", "Jade", "Hassan", "Lauren", "Wes", "Nadia",
)  # fmt: skip
WITNESS_ROLES: tuple[str, ...] = (
    "tills", "duty manager", "customer services", "shelf stacker", "self-checkout host",
    "security", "night team leader", "kiosk",
)  # fmt: skip
POLICE_SURNAMES: tuple[str, ...] = (
    "Haigh", "Broadbent", "Sutcliffe", "Mellor", "Pickles", "Dobson", "Crowther", "Ramsden",
    "Illingworth", "Barraclough", "Hirst", "Kershaw", "Lumb", "Naylor", "Oldroyd", "Thackray",
)  # fmt: skip

# Short words for a generated demo password ("three random words").
PASSWORD_WORDS: tuple[str, ...] = (
    "anchor", "badger", "biscuit", "candle", "copper", "cobble", "dormouse", "ember", "fennel",
    "gravel", "harbour", "heather", "juniper", "kettle", "lantern", "marble", "meadow", "nutmeg",
    "orchard", "parsnip", "pebble", "quarry", "rhubarb", "saddle", "thistle", "timber",
    "velvet", "walnut", "willow", "yarrow", "bramble", "cinder", "falcon", "garnet", "hazel",
)  # fmt: skip


@dataclass(frozen=True)
class Product:
    description: str
    unit_pence: int
    category: str
    sku: str = ""  # filled in below: a valid EAN-13 barcode


SPIRITS, RAZORS, BABY, MEAT, CHEESE, COFFEE, LAUNDRY = (
    "spirits", "razors", "baby", "meat", "cheese", "coffee", "laundry",
)  # fmt: skip
ELECTRONICS, PERFUME, HEALTH, GROCERY, ALCOHOL = (
    "electronics", "perfume", "health", "grocery", "alcohol",
)  # fmt: skip

_PRODUCTS: tuple[tuple[str, int, str], ...] = (
    ("Glenmoor 12 Year Old Single Malt Whisky 70cl", 3800, SPIRITS),
    ("Kingsbridge London Dry Gin 70cl", 2200, SPIRITS),
    ("Old Harbour Spiced Rum 70cl", 2000, SPIRITS),
    ("Castellane VSOP Brandy 70cl", 2900, SPIRITS),
    ("Nordvik Premium Vodka 1L", 2400, SPIRITS),
    ("Blackwater Irish Whiskey 70cl", 2600, SPIRITS),
    ("Bladepro 5 Razor Blades 8 pack", 2450, RAZORS),
    ("Smoothglide Women's Razor Blades 4 pack", 1299, RAZORS),
    ("Bladepro Power Razor", 1600, RAZORS),
    ("Little Steps First Infant Milk 800g", 1395, BABY),
    ("Little Steps Follow-on Milk 800g", 1395, BABY),
    ("Cosy Cub Hungry Baby Milk 800g", 1250, BABY),
    ("Aberdeen Angus Sirloin Steak 400g", 850, MEAT),
    ("Beef Fillet Steaks 2 x 170g", 1300, MEAT),
    ("British Lamb Leg Joint 1.2kg", 1450, MEAT),
    ("Dry-cured Smoked Back Bacon 300g", 375, MEAT),
    ("Extra Mature Cheddar 900g", 650, CHEESE),
    ("Parmigiano Reggiano 250g", 475, CHEESE),
    ("Yorkshire Wensleydale 350g", 375, CHEESE),
    ("Roastery Gold Instant Coffee 200g", 695, COFFEE),
    ("Bean & Co Coffee Pods 30 pack", 899, COFFEE),
    ("Roastery Whole Bean Coffee 1kg", 1450, COFFEE),
    ("Brightwash Non-Bio Laundry Pods 50 pack", 1200, LAUNDRY),
    ("Freshfold Bio Capsules 38 pack", 900, LAUNDRY),
    ("Soundbeat Wireless Earbuds", 4999, ELECTRONICS),
    ("Powercell USB-C Fast Charger 20W", 1999, ELECTRONICS),
    ("Streamstick HD Media Player", 3999, ELECTRONICS),
    ("Powercell AA Batteries 12 pack", 999, ELECTRONICS),
    ("Noir Velours Eau de Parfum 100ml", 8900, PERFUME),
    ("Bloom Eau de Toilette 50ml", 4500, PERFUME),
    ("Marine Aftershave 100ml", 5200, PERFUME),
    ("Brightsmile Electric Toothbrush Heads 4 pack", 1800, HEALTH),
    ("Quitwell Nicotine Patches 14 pack", 1650, HEALTH),
    ("Brightsmile Teeth Whitening Strips", 2500, HEALTH),
    ("Sunvale Vitamin D 90 tablets", 450, HEALTH),
    ("Selection Box Chocolates 400g", 600, GROCERY),
    ("Surge Energy Drink 4 x 500ml", 500, GROCERY),
    ("Meal Deal Sandwich, Snack and Drink", 395, GROCERY),
    ("Rich Roast Tea Bags 240", 750, GROCERY),
    ("Valdobbia Prosecco 75cl", 900, ALCOHOL),
    ("Brewhouse Lager 12 x 440ml", 1400, ALCOHOL),
    ("Hillside Red Wine 75cl", 850, ALCOHOL),
)


def ean13(first_twelve: str) -> str:
    """The 12 digits plus their EAN-13 check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first_twelve))
    return first_twelve + str((10 - total % 10) % 10)


PRODUCTS: tuple[Product, ...] = tuple(
    Product(name, pence, category, ean13(f"50{(index * 7919 + 104_729) % 10**10:010d}"))
    for index, (name, pence, category) in enumerate(_PRODUCTS)
)

# Where in the store each kind of product lives, for locations and narratives.
AISLES: dict[str, str] = {
    SPIRITS: "Aisle 14, beers, wines and spirits",
    ALCOHOL: "Aisle 13, beers and wines",
    RAZORS: "Aisle 6, health and beauty",
    HEALTH: "Aisle 7, health and pharmacy",
    BABY: "Aisle 5, baby",
    MEAT: "Chilled aisle, meat fridges",
    CHEESE: "Chilled aisle, cheese counter",
    COFFEE: "Aisle 9, tea and coffee",
    LAUNDRY: "Aisle 11, household",
    ELECTRONICS: "Kiosk, electronics cabinet",
    PERFUME: "Kiosk, fragrance display",
    GROCERY: "Front of store, food to go",
}
# How an officer names the same place in a sentence.
AISLE_PHRASES: dict[str, str] = {
    SPIRITS: "the spirits shelves",
    ALCOHOL: "the beer and wine aisle",
    RAZORS: "the razor blades in health and beauty",
    HEALTH: "the pharmacy aisle",
    BABY: "the baby milk shelves",
    MEAT: "the meat fridges",
    CHEESE: "the cheese fridges",
    COFFEE: "the coffee shelves",
    LAUNDRY: "the laundry aisle",
    ELECTRONICS: "the electronics cabinet at the kiosk",
    PERFUME: "the fragrance display",
    GROCERY: "the food-to-go fridges",
}
OTHER_LOCATIONS: tuple[str, ...] = (
    "Main entrance", "Front of store, tills", "Self-checkout area", "Customer services desk",
    "Car park", "Stock room corridor", "Home delivery bay",
)  # fmt: skip

# --- people, as a security officer would describe them ------------------------------------

AGE_RANGES: tuple[str, ...] = (
    "16-20",
    "18-25",
    "20-30",
    "25-35",
    "30-40",
    "35-45",
    "40-50",
    "45-55",
)
HEIGHTS_MALE: tuple[str, ...] = (
    "5'6\"",
    "5'7\"",
    "5'8\"",
    "5'9\"",
    "5'10\"",
    "5'11\"",
    "6'0\"",
    "6'1\"",
)
HEIGHTS_FEMALE: tuple[str, ...] = ("5'1\"", "5'2\"", "5'3\"", "5'4\"", "5'5\"", "5'6\"", "5'7\"")
BUILDS: tuple[str, ...] = ("slim", "medium build", "stocky", "heavy build", "thin", "athletic")
HAIR: tuple[str, ...] = (
    "short brown", "short dark", "shaved", "long blonde", "shoulder-length brown", "ginger",
    "curly black", "grey, receding", "dyed red", "dark, in a ponytail", "light brown",
)  # fmt: skip
TOPS: tuple[str, ...] = (
    "black puffer jacket", "grey tracksuit top", "navy hooded top", "green parka", "white tracksuit",
    "blue denim jacket", "black North-style jacket", "beige trench coat", "orange hi-vis vest",
    "burgundy hoodie", "khaki bomber jacket", "pink fleece",
)  # fmt: skip
LOWER: tuple[str, ...] = (
    "dark jeans", "grey joggers", "black leggings", "blue jeans", "black trousers",
    "camouflage cargo shorts", "navy joggers", "black joggers and white trainers",
)  # fmt: skip
HEADWEAR: tuple[str, ...] = ("", "", "", "black beanie hat", "navy baseball cap", "grey flat cap")
# Ordinary marks only: the distinctive ones belong to the seeded series (demo_series.py).
COMMON_MARKS: tuple[str, ...] = (
    "", "", "", "", "", "", "glasses", "stud earring in left ear", "beard", "carrying a shopping bag",
    "tattoo on right forearm", "moustache", "wearing a face mask", "carrying a rucksack",
)  # fmt: skip

# --- vehicles ------------------------------------------------------------------------------

VEHICLES: tuple[tuple[str, str], ...] = (
    ("Ford", "Fiesta"), ("Vauxhall", "Corsa"), ("Volkswagen", "Golf"), ("Ford", "Focus"),
    ("Toyota", "Yaris"), ("Nissan", "Qashqai"), ("Kia", "Sportage"), ("Peugeot", "208"),
    ("Renault", "Clio"), ("Mercedes", "A-Class"), ("Skoda", "Octavia"), ("Citroen", "Berlingo"),
    ("Ford", "Transit Connect"), ("Seat", "Leon"), ("Hyundai", "Tucson"),
)  # fmt: skip
COLOURS: tuple[str, ...] = (
    "black",
    "white",
    "silver",
    "grey",
    "blue",
    "red",
    "dark green",
    "bronze",
)
MEMORY_TAGS: tuple[str, ...] = (
    "YA", "YB", "YC", "YD", "YE", "YF", "YG", "YH", "YJ", "YK", "YL", "YN", "YP", "YS", "YT",
    "MA", "MC", "MD", "ME", "MF", "MK", "ML", "MM", "MT", "MV", "PE", "PF", "PJ", "PN", "LK",
    "LN", "BD", "BF", "BN", "SN", "NA", "NG", "FN", "FV", "DN",
)  # fmt: skip
AGE_IDENTIFIERS: tuple[str, ...] = (
    "09", "10", "59", "12", "62", "14", "64", "15", "65", "16", "66", "17", "67", "18", "68",
    "19", "69", "20", "70", "21", "71", "22", "72", "23", "73", "24", "74", "25", "75",
)  # fmt: skip
PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"  # no I or Q in the random letters
DIRECTIONS: tuple[str, ...] = (
    "towards the ring road",
    "towards the town centre",
    "towards the motorway",
    "out of the car park, direction not seen",
)

# --- police --------------------------------------------------------------------------------

WEAPONS: tuple[str, ...] = (
    "Stanley knife",
    "screwdriver",
    "glass bottle",
    "claimed to have a syringe",
    "hammer",
)
INJURIES: tuple[str, ...] = (
    "none",
    "none",
    "none",
    "bruising to the left arm",
    "scratch to the hand",
    "shaken, no physical injury",
)
