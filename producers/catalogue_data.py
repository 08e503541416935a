"""Reference catalogue for Hubdir: categories, capabilities, materials and certifications.

Pure data, used to seed the directory and to power search synonyms. Keep slugs stable:
they appear in URLs and filters. Synonyms are lower case and are matched against what
residents type into the search box.
"""

from __future__ import annotations

CATEGORIES = [
    {
        "slug": "fabrication",
        "name": "Fabrication",
        "description": "Cutting, shaping, joining and finishing metal, plastic and sheet "
        "materials into parts and products.",
        "capabilities": [
            {
                "slug": "laser-cutting",
                "name": "Laser cutting",
                "description": "Precise cutting and engraving of sheet materials such as "
                "acrylic, plywood and card using a computer-controlled laser.",
                "synonyms": ["laser engraving", "engraving", "laser etching", "co2 laser"],
            },
            {
                "slug": "cnc-routing",
                "name": "CNC routing",
                "description": "Computer-controlled cutting of large sheets of wood, plastic "
                "and composite board into flat-pack parts, signs and panels.",
                "synonyms": ["cnc router", "router cutting", "sheet cutting", "flat-pack cutting"],
            },
            {
                "slug": "cnc-milling",
                "name": "CNC milling",
                "description": "Machining solid blocks of metal or plastic into accurate "
                "three-dimensional parts on a computer-controlled mill.",
                "synonyms": ["machining", "milling", "cnc machining", "precision machining"],
            },
            {
                "slug": "sheet-metal-bending",
                "name": "Sheet-metal bending",
                "description": "Folding flat metal sheet into brackets, enclosures and "
                "trays using a press brake or folder.",
                "synonyms": ["press brake", "metal folding", "sheet metal", "bending", "forming"],
            },
            {
                "slug": "welding",
                "name": "Welding",
                "description": "Joining steel, stainless steel and aluminium parts with MIG, "
                "TIG or stick welding for frames, gates and repairs.",
                "synonyms": ["mig welding", "tig welding", "arc welding", "metalwork", "brazing"],
            },
            {
                "slug": "powder-coating",
                "name": "Powder coating",
                "description": "Applying a tough, baked-on coloured finish to metal parts "
                "that resists chips, scratches and rust.",
                "synonyms": ["powder coat", "coating", "metal finishing", "stove enamelling"],
            },
            {
                "slug": "3d-printing",
                "name": "3D printing",
                "description": "Building plastic or resin parts layer by layer from a digital "
                "model, ideal for prototypes and small batches.",
                "synonyms": [
                    "additive manufacturing",
                    "fdm",
                    "sla",
                    "resin printing",
                    "rapid prototyping",
                    "3d print",
                ],
            },
            {
                "slug": "waterjet-cutting",
                "name": "Waterjet cutting",
                "description": "Cutting thick metal, stone, glass and rubber with a "
                "high-pressure jet of water and abrasive, without heat damage.",
                "synonyms": ["water jet", "abrasive waterjet", "stone cutting", "cold cutting"],
            },
        ],
    },
    {
        "slug": "textiles",
        "name": "Textiles",
        "description": "Making, decorating and adapting clothing, bags and soft "
        "furnishings from fabric and leather.",
        "capabilities": [
            {
                "slug": "embroidery",
                "name": "Embroidery",
                "description": "Stitching logos, names and designs onto garments, caps and "
                "bags by machine or by hand.",
                "synonyms": ["machine embroidery", "logo stitching", "monogramming", "badges"],
            },
            {
                "slug": "screen-printing",
                "name": "Screen printing",
                "description": "Printing bold, long-lasting designs onto T-shirts, tote bags "
                "and fabric by pushing ink through a mesh screen.",
                "synonyms": ["silk screen", "silkscreen", "t-shirt printing", "garment printing"],
            },
            {
                "slug": "sewing-and-alterations",
                "name": "Sewing and alterations",
                "description": "Adjusting hems, waists and fit, and sewing small runs of "
                "garments and accessories to order.",
                "synonyms": ["alterations", "tailoring", "dressmaking", "hemming", "seamstress"],
            },
            {
                "slug": "pattern-cutting",
                "name": "Pattern cutting",
                "description": "Turning a design or sample into accurate paper or digital "
                "patterns, graded across sizes, ready for production.",
                "synonyms": ["pattern making", "pattern grading", "grading", "toile", "sampling"],
            },
            {
                "slug": "dye-sublimation",
                "name": "Dye sublimation",
                "description": "Transferring full-colour photographic prints permanently "
                "into polyester fabrics, sportswear and soft signage.",
                "synonyms": ["sublimation printing", "all-over print", "sportswear printing"],
            },
            {
                "slug": "leatherwork",
                "name": "Leatherwork",
                "description": "Cutting, stitching and finishing leather into wallets, "
                "belts, bags and straps.",
                "synonyms": [
                    "leather crafting",
                    "leather goods",
                    "saddle stitching",
                    "leather tooling",
                ],
            },
            {
                "slug": "knitting-and-weaving",
                "name": "Knitting and weaving",
                "description": "Producing knitted garments, scarves and woven cloth on "
                "domestic or industrial knitting machines and looms.",
                "synonyms": ["knitwear", "machine knitting", "weaving", "loom", "jacquard"],
            },
        ],
    },
    {
        "slug": "food-and-drink",
        "name": "Food and drink",
        "description": "Registered kitchens and small producers making, preserving and "
        "bottling food and drink for sale.",
        "capabilities": [
            {
                "slug": "commercial-kitchen",
                "name": "Commercial kitchen",
                "description": "A registered, inspected kitchen that food businesses can "
                "hire by the hour or day to prepare food for sale.",
                "synonyms": ["kitchen hire", "shared kitchen", "dark kitchen", "prep kitchen"],
            },
            {
                "slug": "bottling",
                "name": "Bottling",
                "description": "Filling, capping and labelling bottles and jars of drinks, "
                "sauces and preserves in small batches.",
                "synonyms": ["bottle filling", "jarring", "canning", "capping", "filling"],
            },
            {
                "slug": "baking",
                "name": "Baking",
                "description": "Bread, cakes and pastries made to order in batches for "
                "cafés, shops, events and markets.",
                "synonyms": [
                    "bakery",
                    "bread",
                    "cakes",
                    "pastry",
                    "patisserie",
                    "wholesale bakery",
                ],
            },
            {
                "slug": "preserving",
                "name": "Preserving",
                "description": "Making jams, chutneys, pickles and ferments with a long "
                "shelf life from seasonal produce.",
                "synonyms": ["jam making", "chutney", "pickling", "fermenting", "preserves"],
            },
            {
                "slug": "brewing",
                "name": "Brewing",
                "description": "Small-batch production of beer, kombucha and other brewed "
                "drinks, including contract and cuckoo brewing.",
                "synonyms": ["microbrewery", "craft beer", "kombucha", "contract brewing"],
            },
            {
                "slug": "coffee-roasting",
                "name": "Coffee roasting",
                "description": "Roasting green coffee beans in small batches to a chosen "
                "profile, including private-label blends.",
                "synonyms": ["roastery", "coffee roaster", "toll roasting", "speciality coffee"],
            },
            {
                "slug": "chocolate-and-confectionery",
                "name": "Chocolate and confectionery",
                "description": "Tempering and moulding chocolate and making sweets, fudge "
                "and other confectionery by hand.",
                "synonyms": ["chocolatier", "sweets", "fudge", "confectionery", "bean to bar"],
            },
        ],
    },
    {
        "slug": "print-and-signage",
        "name": "Print and signage",
        "description": "Printing labels, posters, banners and signs for shops, events "
        "and products.",
        "capabilities": [
            {
                "slug": "label-printing",
                "name": "Label printing",
                "description": "Short runs of printed product labels and stickers on rolls "
                "or sheets, including food-safe and waterproof stock.",
                "synonyms": ["labels", "sticker printing", "stickers", "roll labels"],
            },
            {
                "slug": "large-format-printing",
                "name": "Large-format printing",
                "description": "Printing posters, banners, pop-up stands and wall graphics "
                "up to several metres wide.",
                "synonyms": ["wide format", "banner printing", "poster printing", "roller banners"],
            },
            {
                "slug": "sign-making",
                "name": "Sign making",
                "description": "Designing, making and fitting shop fronts, hanging signs, "
                "plaques and wayfinding signs.",
                "synonyms": ["signage", "shop signs", "signwriting", "fascia signs", "plaques"],
            },
            {
                "slug": "vinyl-cutting",
                "name": "Vinyl cutting",
                "description": "Cutting lettering and graphics from self-adhesive vinyl for "
                "windows, vehicles and walls.",
                "synonyms": ["vinyl graphics", "decals", "window graphics", "vehicle lettering"],
            },
            {
                "slug": "digital-printing",
                "name": "Digital printing",
                "description": "Quick, short-run printing of flyers, leaflets, business cards "
                "and booklets from your own files.",
                "synonyms": [
                    "flyers",
                    "leaflets",
                    "business cards",
                    "short-run print",
                    "photocopying",
                ],
            },
            {
                "slug": "risograph-printing",
                "name": "Risograph printing",
                "description": "Vibrant, low-cost stencil printing for zines, posters and "
                "art prints using spot-colour inks.",
                "synonyms": ["riso", "risoprint", "zine printing", "stencil printing"],
            },
            {
                "slug": "uv-flatbed-printing",
                "name": "UV flatbed printing",
                "description": "Printing full-colour images directly onto rigid items such "
                "as wood, acrylic, metal and phone cases.",
                "synonyms": ["uv printing", "direct to substrate", "flatbed printing"],
            },
        ],
    },
    {
        "slug": "woodworking",
        "name": "Woodworking",
        "description": "Designing, building and finishing furniture, fittings and objects "
        "in timber and sheet wood.",
        "capabilities": [
            {
                "slug": "furniture-making",
                "name": "Furniture making",
                "description": "Bespoke tables, chairs, shelving and storage designed and "
                "built to order.",
                "synonyms": ["bespoke furniture", "cabinet making", "furniture maker", "tables"],
            },
            {
                "slug": "joinery",
                "name": "Joinery",
                "description": "Made-to-measure doors, windows, staircases, kitchens and "
                "built-in cupboards.",
                "synonyms": ["joiner", "carpentry", "fitted furniture", "built-ins", "kitchens"],
            },
            {
                "slug": "wood-turning",
                "name": "Wood turning",
                "description": "Shaping bowls, handles, spindles and legs on a lathe.",
                "synonyms": ["woodturning", "lathe work", "bowl turning", "spindle turning"],
            },
            {
                "slug": "wood-finishing",
                "name": "Wood finishing",
                "description": "Sanding, staining, oiling, waxing and lacquering wood to "
                "protect it and bring out the grain.",
                "synonyms": ["french polishing", "lacquering", "spraying", "staining", "oiling"],
            },
            {
                "slug": "carving",
                "name": "Carving",
                "description": "Hand and machine carving of lettering, decorative panels, "
                "spoons and sculptural pieces.",
                "synonyms": ["wood carving", "letter carving", "spoon carving", "whittling"],
            },
            {
                "slug": "timber-milling",
                "name": "Timber milling",
                "description": "Sawing, planing and thicknessing rough or reclaimed timber "
                "into usable boards.",
                "synonyms": [
                    "planing",
                    "thicknessing",
                    "sawmill",
                    "reclaimed timber",
                    "planed timber",
                ],
            },
        ],
    },
    {
        "slug": "electronics",
        "name": "Electronics",
        "description": "Assembling, wiring and testing circuit boards and electronic "
        "products, from prototypes to small batches.",
        "capabilities": [
            {
                "slug": "pcb-assembly",
                "name": "PCB assembly",
                "description": "Placing and soldering components onto printed circuit "
                "boards, surface-mount or through-hole, in small batches.",
                "synonyms": ["pcba", "smt assembly", "surface mount", "pick and place", "smd"],
            },
            {
                "slug": "soldering",
                "name": "Soldering",
                "description": "Hand soldering of components, wires and connectors for "
                "prototypes, kits and rework.",
                "synonyms": ["hand soldering", "through-hole", "rework", "desoldering"],
            },
            {
                "slug": "cable-harness-assembly",
                "name": "Cable harness assembly",
                "description": "Cutting, crimping and bundling wires and connectors into "
                "ready-to-fit cable looms.",
                "synonyms": ["wiring loom", "wire harness", "crimping", "cable assembly", "loom"],
            },
            {
                "slug": "electronics-prototyping",
                "name": "Electronics prototyping",
                "description": "Turning an idea into a working circuit, from breadboard to "
                "first printed board and firmware.",
                "synonyms": ["prototype", "arduino", "raspberry pi", "embedded", "pcb design"],
            },
            {
                "slug": "product-testing",
                "name": "Product testing",
                "description": "Functional, electrical safety and burn-in testing of "
                "finished electronic products before they ship.",
                "synonyms": ["pat testing", "functional testing", "burn-in", "quality testing"],
            },
            {
                "slug": "enclosure-assembly",
                "name": "Enclosure assembly",
                "description": "Fitting boards, switches, displays and wiring into cases to "
                "make a finished, boxed product.",
                "synonyms": ["box build", "final assembly", "enclosures", "system integration"],
            },
        ],
    },
    {
        "slug": "repair",
        "name": "Repair",
        "description": "Fixing, servicing and restoring everyday things so they last "
        "longer and stay out of landfill.",
        "capabilities": [
            {
                "slug": "upholstery",
                "name": "Upholstery",
                "description": "Re-covering, re-stuffing and re-springing sofas, chairs "
                "and cushions.",
                "synonyms": [
                    "reupholstery",
                    "furniture recovering",
                    "re-covering",
                    "sofa repair",
                    "cushions",
                ],
            },
            {
                "slug": "bike-repair",
                "name": "Bike repair",
                "description": "Servicing, tuning and fixing bicycles and e-bikes, from "
                "punctures to full overhauls.",
                "synonyms": [
                    "bicycle repair",
                    "cycle servicing",
                    "puncture",
                    "bike service",
                    "e-bike repair",
                ],
            },
            {
                "slug": "electronics-repair",
                "name": "Electronics repair",
                "description": "Diagnosing and fixing phones, laptops, audio equipment and "
                "small household appliances.",
                "synonyms": [
                    "phone repair",
                    "laptop repair",
                    "screen replacement",
                    "appliance repair",
                    "hifi repair",
                ],
            },
            {
                "slug": "clothing-repair",
                "name": "Clothing repair",
                "description": "Mending tears, replacing zips and buttons and patching "
                "worn clothes.",
                "synonyms": [
                    "mending",
                    "zip replacement",
                    "darning",
                    "visible mending",
                    "patching",
                ],
            },
            {
                "slug": "furniture-repair",
                "name": "Furniture repair",
                "description": "Fixing wobbly joints, broken legs, scratches and worn "
                "finishes on wooden furniture.",
                "synonyms": ["furniture restoration", "antique restoration", "chair repair"],
            },
            {
                "slug": "shoe-repair",
                "name": "Shoe repair",
                "description": "Re-heeling, re-soling, stretching and stitching shoes, "
                "boots and bags.",
                "synonyms": ["cobbler", "resoling", "heel repair", "boot repair", "shoe mender"],
            },
            {
                "slug": "watch-and-clock-repair",
                "name": "Watch and clock repair",
                "description": "Battery changes, servicing and restoration of watches and "
                "mechanical clocks.",
                "synonyms": ["watch battery", "horology", "clock repair", "watchmaker"],
            },
            {
                "slug": "tool-sharpening",
                "name": "Tool sharpening",
                "description": "Sharpening knives, scissors, chisels, saws and garden "
                "tools to a keen, safe edge.",
                "synonyms": ["knife sharpening", "grinding", "scissor sharpening", "honing"],
            },
        ],
    },
    {
        "slug": "packaging",
        "name": "Packaging",
        "description": "Making boxes and packing, wrapping and fulfilling products ready "
        "to sell or send.",
        "capabilities": [
            {
                "slug": "custom-boxes",
                "name": "Custom boxes",
                "description": "Printed or plain boxes cut and creased to fit your product, "
                "from mailers to rigid gift boxes.",
                "synonyms": ["bespoke boxes", "mailer boxes", "cartons", "box making", "die cut"],
            },
            {
                "slug": "contract-packing",
                "name": "Contract packing",
                "description": "Counting, bagging, boxing and labelling your products in "
                "batches so they are ready for retail or dispatch.",
                "synonyms": ["co-packing", "copacking", "packing service", "repacking"],
            },
            {
                "slug": "gift-wrapping-and-kitting",
                "name": "Gift wrapping and kitting",
                "description": "Assembling gift sets, hampers, subscription boxes and kits, "
                "wrapped and ready to give.",
                "synonyms": [
                    "gift wrapping",
                    "kitting",
                    "hampers",
                    "gift sets",
                    "subscription boxes",
                ],
            },
            {
                "slug": "order-fulfilment",
                "name": "Order fulfilment",
                "description": "Storing stock, then picking, packing and posting online "
                "orders on your behalf.",
                "synonyms": [
                    "fulfilment",
                    "pick and pack",
                    "dispatch",
                    "3pl",
                    "e-commerce shipping",
                ],
            },
            {
                "slug": "vacuum-and-heat-sealing",
                "name": "Vacuum and heat sealing",
                "description": "Sealing food and goods in airtight pouches and bags to keep "
                "them fresh and tamper-evident.",
                "synonyms": ["vacuum packing", "heat sealing", "pouch sealing", "shrink wrapping"],
            },
            {
                "slug": "sustainable-packaging",
                "name": "Sustainable packaging",
                "description": "Plastic-free, recycled, compostable and reusable packaging "
                "options designed around your product.",
                "synonyms": ["eco packaging", "compostable", "plastic-free", "recycled packaging"],
            },
        ],
    },
]

MATERIALS = [
    {"slug": "plywood", "name": "Plywood", "synonyms": ["ply", "sheet wood", "marine ply"]},
    {"slug": "birch-plywood", "name": "Birch plywood", "synonyms": ["birch ply", "baltic birch"]},
    {"slug": "mdf", "name": "MDF", "synonyms": ["medium density fibreboard", "fibreboard"]},
    {"slug": "osb", "name": "OSB", "synonyms": ["oriented strand board", "sterling board"]},
    {"slug": "oak", "name": "Oak", "synonyms": ["european oak", "white oak", "hardwood"]},
    {"slug": "walnut", "name": "Walnut", "synonyms": ["black walnut", "hardwood"]},
    {"slug": "ash", "name": "Ash", "synonyms": ["european ash", "hardwood"]},
    {"slug": "pine", "name": "Pine", "synonyms": ["softwood", "redwood", "deal", "timber"]},
    {"slug": "acrylic", "name": "Acrylic", "synonyms": ["perspex", "plexiglass", "pmma"]},
    {
        "slug": "polycarbonate",
        "name": "Polycarbonate",
        "synonyms": ["lexan", "makrolon", "clear sheet"],
    },
    {
        "slug": "mild-steel",
        "name": "Mild steel",
        "synonyms": ["steel", "carbon steel", "black steel"],
    },
    {
        "slug": "stainless-steel",
        "name": "Stainless steel",
        "synonyms": ["stainless", "304 stainless", "316 stainless", "inox"],
    },
    {
        "slug": "aluminium",
        "name": "Aluminium",
        "synonyms": ["aluminum", "alu", "ali", "aluminium sheet"],
    },
    {"slug": "brass", "name": "Brass", "synonyms": ["brass sheet", "brass rod", "yellow metal"]},
    {"slug": "copper", "name": "Copper", "synonyms": ["copper sheet", "copper pipe", "red metal"]},
    {"slug": "leather", "name": "Leather", "synonyms": ["hide", "veg tan", "suede"]},
    {"slug": "cotton", "name": "Cotton", "synonyms": ["organic cotton", "calico", "jersey"]},
    {"slug": "denim", "name": "Denim", "synonyms": ["jeans fabric", "selvedge", "chambray"]},
    {
        "slug": "canvas",
        "name": "Canvas",
        "synonyms": ["duck canvas", "cotton canvas", "waxed canvas"],
    },
    {"slug": "polyester", "name": "Polyester", "synonyms": ["poly", "recycled polyester", "rpet"]},
    {"slug": "wool", "name": "Wool", "synonyms": ["merino", "tweed", "yarn"]},
    {"slug": "felt", "name": "Felt", "synonyms": ["wool felt", "acrylic felt"]},
    {"slug": "pla", "name": "PLA", "synonyms": ["polylactic acid", "3d printing filament"]},
    {"slug": "petg", "name": "PETG", "synonyms": ["pet-g", "3d printing filament"]},
    {"slug": "abs", "name": "ABS", "synonyms": ["acrylonitrile butadiene styrene"]},
    {"slug": "resin", "name": "Resin", "synonyms": ["photopolymer", "epoxy", "sla resin"]},
    {"slug": "nylon", "name": "Nylon", "synonyms": ["polyamide", "pa12", "pa6"]},
    {
        "slug": "silicone",
        "name": "Silicone",
        "synonyms": ["silicone rubber", "food-grade silicone"],
    },
    {"slug": "cardboard", "name": "Cardboard", "synonyms": ["card", "greyboard", "paperboard"]},
    {
        "slug": "corrugated-board",
        "name": "Corrugated board",
        "synonyms": ["corrugated cardboard", "single wall", "double wall", "fluted board"],
    },
    {"slug": "paper", "name": "Paper", "synonyms": ["card stock", "recycled paper", "kraft"]},
    {"slug": "vinyl", "name": "Vinyl", "synonyms": ["self-adhesive vinyl", "pvc film", "decal"]},
    {"slug": "glass", "name": "Glass", "synonyms": ["toughened glass", "float glass"]},
    {"slug": "ceramic", "name": "Ceramic", "synonyms": ["clay", "stoneware", "porcelain"]},
    {"slug": "fr-4", "name": "FR-4", "synonyms": ["fr4", "pcb substrate", "fibreglass board"]},
    {"slug": "foam", "name": "Foam", "synonyms": ["upholstery foam", "eva foam", "pu foam"]},
    {
        "slug": "food-ingredients",
        "name": "Food ingredients",
        "synonyms": ["ingredients", "produce", "flour", "fruit", "vegetables"],
    },
]

CERTIFICATIONS = [
    {
        "slug": "food-hygiene-rating-5",
        "name": "Food hygiene rating 5",
        "description": "The top rating under the Food Standards Agency scheme, given after "
        "a local council inspection of hygiene, premises and food safety management.",
        "kind": "food",
    },
    {
        "slug": "haccp-plan",
        "name": "HACCP plan",
        "description": "A documented food safety plan that identifies hazards and the "
        "critical control points used to keep food safe.",
        "kind": "food",
    },
    {
        "slug": "allergen-management",
        "name": "Allergen management",
        "description": "Trained staff and written procedures for handling, separating and "
        "labelling the 14 major allergens.",
        "kind": "food",
    },
    {
        "slug": "organic-certification",
        "name": "Organic certification",
        "description": "Certified by an approved organic control body, such as the Soil "
        "Association, to make and sell organic products.",
        "kind": "food",
    },
    {
        "slug": "salsa-certification",
        "name": "SALSA certification",
        "description": "Safe and Local Supplier Approval, a food safety standard for small "
        "producers supplying shops and wholesalers.",
        "kind": "food",
    },
    {
        "slug": "public-liability-insurance",
        "name": "Public liability insurance",
        "description": "Cover for injury to visitors or damage to their property caused by "
        "the workshop's activities.",
        "kind": "insurance",
    },
    {
        "slug": "product-liability-insurance",
        "name": "Product liability insurance",
        "description": "Cover for injury or damage caused by a faulty product the workshop "
        "has made or supplied.",
        "kind": "insurance",
    },
    {
        "slug": "employers-liability-insurance",
        "name": "Employers' liability insurance",
        "description": "Legally required cover for businesses with staff, protecting "
        "employees injured or made ill at work.",
        "kind": "insurance",
    },
    {
        "slug": "iso-9001",
        "name": "ISO 9001",
        "description": "An independently audited quality management system for consistent, "
        "well-documented work.",
        "kind": "quality",
    },
    {
        "slug": "ipc-a-610",
        "name": "IPC-A-610",
        "description": "Staff trained to the industry standard for the acceptability of "
        "soldered electronic assemblies.",
        "kind": "quality",
    },
    {
        "slug": "ce-ukca-marking",
        "name": "CE/UKCA marking competence",
        "description": "Experience preparing the technical file and declaration needed to "
        "place CE or UKCA marked products on the market.",
        "kind": "quality",
    },
    {
        "slug": "cytech-qualification",
        "name": "Cycle mechanic qualification (Cytech)",
        "description": "Mechanics trained and assessed under the Cytech scheme, the UK "
        "industry standard for bicycle technicians.",
        "kind": "quality",
    },
    {
        "slug": "iso-14001",
        "name": "ISO 14001",
        "description": "An independently audited environmental management system that "
        "tracks and reduces waste, energy use and pollution.",
        "kind": "environment",
    },
    {
        "slug": "fsc-chain-of-custody",
        "name": "FSC chain of custody",
        "description": "Certified to handle and label timber, paper and board from "
        "responsibly managed forests under the FSC scheme.",
        "kind": "environment",
    },
    {
        "slug": "waste-carrier-licence",
        "name": "Waste carrier licence",
        "description": "Registered to transport and dispose of business waste, including "
        "offcuts and packaging, responsibly.",
        "kind": "environment",
    },
    {
        "slug": "iso-45001",
        "name": "ISO 45001",
        "description": "An independently audited occupational health and safety management "
        "system for a safe workplace.",
        "kind": "safety",
    },
    {
        "slug": "first-aid-at-work",
        "name": "First aid at work",
        "description": "At least one member of staff on site holds a current first aid at "
        "work certificate.",
        "kind": "safety",
    },
    {
        "slug": "coded-welder",
        "name": "Coded welder",
        "description": "Welders tested and certified to a recognised standard such as "
        "BS EN ISO 9606 for structural and pressure work.",
        "kind": "safety",
    },
]

# What each capability can work in: the materials a listing may name for it. The demo data
# keeps to this map (tests/test_demo_data.py); a capability missing here works in none.
CAPABILITY_MATERIALS = {
    # A CO2 laser: wood, board, acrylic, leather, textiles and paper; never PVC (vinyl gives
    # off chlorine), polycarbonate (burns) or metal (it only marks coated metal).
    "laser-cutting": [
        "plywood",
        "birch-plywood",
        "mdf",
        "oak",
        "walnut",
        "ash",
        "acrylic",
        "leather",
        "felt",
        "cotton",
        "denim",
        "cardboard",
        "paper",
    ],
    "cnc-routing": [
        "plywood",
        "birch-plywood",
        "mdf",
        "osb",
        "oak",
        "walnut",
        "ash",
        "pine",
        "acrylic",
        "polycarbonate",
        "aluminium",
        "foam",
    ],
    "cnc-milling": ["aluminium", "brass", "copper", "mild-steel", "stainless-steel", "nylon"],
    "sheet-metal-bending": ["mild-steel", "stainless-steel", "aluminium", "brass", "copper"],
    "welding": ["mild-steel", "stainless-steel", "aluminium"],
    "powder-coating": ["mild-steel", "aluminium"],
    "3d-printing": ["pla", "petg", "abs", "resin", "nylon"],
    "waterjet-cutting": [
        "mild-steel",
        "stainless-steel",
        "aluminium",
        "brass",
        "copper",
        "glass",
        "ceramic",
        "foam",
    ],
    "embroidery": ["cotton", "denim", "canvas", "polyester", "wool", "felt"],
    "screen-printing": ["cotton", "canvas", "polyester", "paper"],
    "sewing-and-alterations": ["cotton", "denim", "canvas", "polyester", "wool"],
    "pattern-cutting": ["cotton", "denim", "canvas", "polyester", "wool", "paper"],
    "dye-sublimation": ["polyester", "ceramic"],
    "leatherwork": ["leather"],
    "knitting-and-weaving": ["wool", "cotton"],
    "commercial-kitchen": ["food-ingredients"],
    "bottling": ["food-ingredients", "glass"],
    "baking": ["food-ingredients"],
    "preserving": ["food-ingredients", "glass"],
    "brewing": ["food-ingredients"],
    "coffee-roasting": ["food-ingredients"],
    "chocolate-and-confectionery": ["food-ingredients"],
    "label-printing": ["paper", "vinyl", "polyester"],
    "large-format-printing": ["vinyl", "paper", "canvas", "polyester"],
    "sign-making": ["acrylic", "aluminium", "vinyl", "mdf", "plywood"],
    "vinyl-cutting": ["vinyl", "paper"],
    "digital-printing": ["paper", "cardboard"],
    "risograph-printing": ["paper"],
    "uv-flatbed-printing": ["acrylic", "plywood", "mdf", "aluminium", "glass", "leather"],
    "furniture-making": ["oak", "walnut", "ash", "pine", "plywood", "birch-plywood"],
    "joinery": ["oak", "walnut", "ash", "pine", "plywood", "mdf"],
    "wood-turning": ["oak", "walnut", "ash"],
    "wood-finishing": ["oak", "walnut", "ash", "pine", "plywood"],
    "carving": ["oak", "walnut", "ash", "pine"],
    "timber-milling": ["oak", "walnut", "ash", "pine"],
    "pcb-assembly": ["fr-4"],
    "soldering": ["fr-4", "copper"],
    "cable-harness-assembly": ["copper", "nylon"],
    "electronics-prototyping": ["fr-4", "pla", "acrylic"],
    "enclosure-assembly": ["aluminium", "abs", "acrylic"],
    "upholstery": ["foam", "cotton", "leather", "wool", "canvas"],
    "bike-repair": ["aluminium", "mild-steel"],
    "electronics-repair": ["fr-4", "copper"],
    "tool-sharpening": ["mild-steel", "stainless-steel"],
    "clothing-repair": ["cotton", "denim", "wool", "polyester"],
    "furniture-repair": ["oak", "walnut", "ash", "pine"],
    "shoe-repair": ["leather"],
    "watch-and-clock-repair": ["brass", "stainless-steel"],
    "custom-boxes": ["cardboard", "corrugated-board", "paper"],
    "contract-packing": ["cardboard", "corrugated-board", "paper"],
    "gift-wrapping-and-kitting": ["paper", "cardboard"],
    "vacuum-and-heat-sealing": ["food-ingredients"],
    "sustainable-packaging": ["cardboard", "corrugated-board", "paper"],
}
