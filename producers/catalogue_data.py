"""Reference catalogue for Hubdir: categories, capabilities, materials and certifications.

Pure data, used to seed the directory and to power search synonyms. Keep slugs stable:
they appear in URLs and filters. Synonyms are lower case and are matched against what
residents type into the search box.

Spanish sits beside the English in every entry: `name_es`, `description_es` (where the entry
has a description) and `synonyms_es`, the lower-case words a Spanish-speaking resident types
(neutral Latin American / US Spanish with the common regional variants, e.g. "triplay",
"contrachapado" and "plywood"; no copies without accents, as the search removes them).
Categories and certifications have no English synonyms but do have Spanish ones.
"""

from __future__ import annotations

CATEGORIES = [
    {
        "slug": "fabrication",
        "name": "Fabrication",
        "name_es": "Fabricación",
        "description": "Cutting, shaping, joining and finishing metal, plastic and sheet "
        "materials into parts and products.",
        "description_es": "Corte, modelado, unión y acabado de metal, plástico y materiales en "
        "lámina para hacer piezas y productos.",
        "synonyms_es": [
            "fabricación de metal",
            "metalmecánica",
            "taller de maquinado",
            "manufactura",
            "herrería",
            "corte y doblado",
        ],
        "capabilities": [
            {
                "slug": "laser-cutting",
                "name": "Laser cutting",
                "name_es": "Corte láser",
                "description": "Precise cutting and engraving of sheet materials such as "
                "acrylic, plywood and card using a computer-controlled laser.",
                "description_es": "Corte y grabado precisos de materiales en lámina como acrílico, "
                "triplay y cartulina con un láser controlado por computadora.",
                "synonyms": ["laser engraving", "engraving", "laser etching", "co2 laser"],
                "synonyms_es": [
                    "grabado láser",
                    "grabado",
                    "corte con láser",
                    "láser co2",
                    "cortadora láser",
                    "grabado en madera",
                ],
            },
            {
                "slug": "cnc-routing",
                "name": "CNC routing",
                "name_es": "Corte con router CNC",
                "description": "Computer-controlled cutting of large sheets of wood, plastic "
                "and composite board into flat-pack parts, signs and panels.",
                "description_es": "Corte por computadora de tableros grandes de madera, plástico y "
                "material compuesto para hacer piezas de muebles para armar, letreros y paneles.",
                "synonyms": ["cnc router", "router cutting", "sheet cutting", "flat-pack cutting"],
                "synonyms_es": [
                    "router cnc",
                    "ruteo cnc",
                    "corte cnc",
                    "corte de tableros",
                    "muebles para armar",
                    "pantógrafo cnc",
                ],
            },
            {
                "slug": "cnc-milling",
                "name": "CNC milling",
                "name_es": "Fresado CNC",
                "description": "Machining solid blocks of metal or plastic into accurate "
                "three-dimensional parts on a computer-controlled mill.",
                "description_es": "Maquinado de bloques sólidos de metal o plástico para hacer "
                "piezas tridimensionales exactas en una fresadora controlada por computadora.",
                "synonyms": ["machining", "milling", "cnc machining", "precision machining"],
                "synonyms_es": [
                    "maquinado",
                    "mecanizado",
                    "fresado",
                    "fresadora",
                    "maquinado cnc",
                    "mecanizado cnc",
                    "maquinado de precisión",
                    "tornería",
                ],
            },
            {
                "slug": "sheet-metal-bending",
                "name": "Sheet-metal bending",
                "name_es": "Doblado de lámina",
                "description": "Folding flat metal sheet into brackets, enclosures and "
                "trays using a press brake or folder.",
                "description_es": "Doblado de lámina de metal para hacer soportes, gabinetes y "
                "charolas con una prensa dobladora o plegadora.",
                "synonyms": ["press brake", "metal folding", "sheet metal", "bending", "forming"],
                "synonyms_es": [
                    "dobladora",
                    "plegadora",
                    "plegado de lámina",
                    "doblado de chapa",
                    "lámina metálica",
                    "chapa",
                    "conformado",
                ],
            },
            {
                "slug": "welding",
                "name": "Welding",
                "name_es": "Soldadura",
                "description": "Joining steel, stainless steel and aluminium parts with MIG, "
                "TIG or stick welding for frames, gates and repairs.",
                "description_es": "Unión de piezas de acero, acero inoxidable y aluminio con "
                "soldadura MIG, TIG o de electrodo para estructuras, portones y reparaciones.",
                "synonyms": ["mig welding", "tig welding", "arc welding", "metalwork", "brazing"],
                "synonyms_es": [
                    "soldadura mig",
                    "soldadura tig",
                    "soldadura de arco",
                    "soldador",
                    "herrería",
                    "soldadura de aluminio",
                    "soldadura fuerte",
                ],
            },
            {
                "slug": "powder-coating",
                "name": "Powder coating",
                "name_es": "Pintura en polvo",
                "description": "Applying a tough, baked-on coloured finish to metal parts "
                "that resists chips, scratches and rust.",
                "description_es": "Aplicación de un acabado de color resistente y horneado sobre "
                "piezas de metal, que aguanta golpes, rayones y óxido.",
                "synonyms": ["powder coat", "coating", "metal finishing", "stove enamelling"],
                "synonyms_es": [
                    "pintura electrostática",
                    "recubrimiento en polvo",
                    "pintura horneada",
                    "acabado de metales",
                    "recubrimiento",
                ],
            },
            {
                "slug": "3d-printing",
                "name": "3D printing",
                "name_es": "Impresión 3D",
                "description": "Building plastic or resin parts layer by layer from a digital "
                "model, ideal for prototypes and small batches.",
                "description_es": "Fabricación de piezas de plástico o resina capa por capa a "
                "partir de un modelo digital, ideal para prototipos y lotes pequeños.",
                "synonyms": [
                    "additive manufacturing",
                    "fdm",
                    "sla",
                    "resin printing",
                    "rapid prototyping",
                    "3d print",
                ],
                "synonyms_es": [
                    "manufactura aditiva",
                    "impresora 3d",
                    "imprimir en 3d",
                    "impresión en resina",
                    "prototipado rápido",
                    "prototipos",
                    "filamento",
                ],
            },
            {
                "slug": "waterjet-cutting",
                "name": "Waterjet cutting",
                "name_es": "Corte por chorro de agua",
                "description": "Cutting thick metal, stone, glass and rubber with a "
                "high-pressure jet of water and abrasive, without heat damage.",
                "description_es": "Corte de metal grueso, piedra, vidrio y caucho con un chorro de "
                "agua con abrasivo a alta presión, sin daños por calor.",
                "synonyms": ["water jet", "abrasive waterjet", "stone cutting", "cold cutting"],
                "synonyms_es": [
                    "chorro de agua",
                    "waterjet",
                    "corte con agua",
                    "corte de piedra",
                    "corte de vidrio",
                    "corte en frío",
                ],
            },
        ],
    },
    {
        "slug": "textiles",
        "name": "Textiles",
        "name_es": "Textiles",
        "description": "Making, decorating and adapting clothing, bags and soft "
        "furnishings from fabric and leather.",
        "description_es": "Confección, decoración y arreglo de ropa, bolsas y textiles para el "
        "hogar, en tela y cuero.",
        "synonyms_es": ["confección", "costura", "ropa", "telas", "taller de costura", "bordado"],
        "capabilities": [
            {
                "slug": "embroidery",
                "name": "Embroidery",
                "name_es": "Bordado",
                "description": "Stitching logos, names and designs onto garments, caps and "
                "bags by machine or by hand.",
                "description_es": "Bordado de logotipos, nombres y diseños en ropa, gorras y "
                "bolsas, a máquina o a mano.",
                "synonyms": ["machine embroidery", "logo stitching", "monogramming", "badges"],
                "synonyms_es": [
                    "bordados",
                    "bordado a máquina",
                    "bordado a mano",
                    "bordado de logotipos",
                    "bordado de gorras",
                    "monogramas",
                    "parches",
                ],
            },
            {
                "slug": "screen-printing",
                "name": "Screen printing",
                "name_es": "Serigrafía",
                "description": "Printing bold, long-lasting designs onto T-shirts, tote bags "
                "and fabric by pushing ink through a mesh screen.",
                "description_es": "Impresión de diseños llamativos y duraderos en camisetas, "
                "bolsas de tela y telas, pasando la tinta a través de una malla.",
                "synonyms": ["silk screen", "silkscreen", "t-shirt printing", "garment printing"],
                "synonyms_es": [
                    "estampado",
                    "estampado de playeras",
                    "serigrafía en playeras",
                    "impresión de camisetas",
                    "estampado de ropa",
                    "remeras estampadas",
                    "screen",
                ],
            },
            {
                "slug": "sewing-and-alterations",
                "name": "Sewing and alterations",
                "name_es": "Costura y arreglos",
                "description": "Adjusting hems, waists and fit, and sewing small runs of "
                "garments and accessories to order.",
                "description_es": "Ajuste de dobladillos, cinturas y tallas, y confección sobre "
                "pedido de lotes pequeños de ropa y accesorios.",
                "synonyms": ["alterations", "tailoring", "dressmaking", "hemming", "seamstress"],
                "synonyms_es": [
                    "costura",
                    "arreglos de ropa",
                    "costurera",
                    "modista",
                    "sastrería",
                    "sastre",
                    "dobladillos",
                    "bastillas",
                ],
            },
            {
                "slug": "pattern-cutting",
                "name": "Pattern cutting",
                "name_es": "Patronaje",
                "description": "Turning a design or sample into accurate paper or digital "
                "patterns, graded across sizes, ready for production.",
                "description_es": "Paso de un diseño o una muestra a patrones exactos en papel o "
                "digitales, escalados en varias tallas y listos para producción.",
                "synonyms": ["pattern making", "pattern grading", "grading", "toile", "sampling"],
                "synonyms_es": [
                    "patrones",
                    "patronista",
                    "moldería",
                    "moldes de ropa",
                    "escalado de tallas",
                    "escalado",
                    "muestras",
                ],
            },
            {
                "slug": "dye-sublimation",
                "name": "Dye sublimation",
                "name_es": "Sublimación",
                "description": "Transferring full-colour photographic prints permanently "
                "into polyester fabrics, sportswear and soft signage.",
                "description_es": "Transferencia permanente de impresiones fotográficas a todo "
                "color en telas de poliéster, ropa deportiva y señalización textil.",
                "synonyms": ["sublimation printing", "all-over print", "sportswear printing"],
                "synonyms_es": [
                    "sublimado",
                    "impresión por sublimación",
                    "estampado total",
                    "ropa deportiva",
                    "uniformes deportivos",
                    "sublimación de tazas",
                ],
            },
            {
                "slug": "leatherwork",
                "name": "Leatherwork",
                "name_es": "Trabajo en cuero",
                "description": "Cutting, stitching and finishing leather into wallets, "
                "belts, bags and straps.",
                "description_es": "Corte, costura y acabado de cuero para hacer billeteras, "
                "cinturones, bolsas y correas.",
                "synonyms": [
                    "leather crafting",
                    "leather goods",
                    "saddle stitching",
                    "leather tooling",
                ],
                "synonyms_es": [
                    "piel",
                    "artículos de piel",
                    "artículos de cuero",
                    "marroquinería",
                    "talabartería",
                    "repujado",
                    "cosido a mano",
                    "carteras",
                ],
            },
            {
                "slug": "knitting-and-weaving",
                "name": "Knitting and weaving",
                "name_es": "Tejido de punto y telar",
                "description": "Producing knitted garments, scarves and woven cloth on "
                "domestic or industrial knitting machines and looms.",
                "description_es": "Producción de prendas tejidas, bufandas y telas en máquinas de "
                "tejer y telares, domésticos o industriales.",
                "synonyms": ["knitwear", "machine knitting", "weaving", "loom", "jacquard"],
                "synonyms_es": [
                    "tejido",
                    "tejidos",
                    "tejer",
                    "tejido a máquina",
                    "telar",
                    "tejido en telar",
                    "suéteres",
                    "jacquard",
                ],
            },
        ],
    },
    {
        "slug": "food-and-drink",
        "name": "Food and drink",
        "name_es": "Alimentos y bebidas",
        "description": "Registered kitchens and small producers making, preserving and "
        "bottling food and drink for sale.",
        "description_es": "Cocinas registradas y pequeños productores que elaboran, conservan y "
        "embotellan alimentos y bebidas para la venta.",
        "synonyms_es": ["comida", "cocina", "alimentos", "bebidas", "repostería", "comida casera"],
        "capabilities": [
            {
                "slug": "commercial-kitchen",
                "name": "Commercial kitchen",
                "name_es": "Cocina comercial",
                "description": "A registered, inspected kitchen that food businesses can "
                "hire by the hour or day to prepare food for sale.",
                "description_es": "Una cocina registrada e inspeccionada que las empresas de "
                "alimentos pueden rentar por hora o por día para preparar comida para la venta.",
                "synonyms": ["kitchen hire", "shared kitchen", "dark kitchen", "prep kitchen"],
                "synonyms_es": [
                    "renta de cocina",
                    "alquiler de cocina",
                    "cocina compartida",
                    "cocina industrial",
                    "cocina fantasma",
                    "cocina oculta",
                    "dark kitchen",
                ],
            },
            {
                "slug": "bottling",
                "name": "Bottling",
                "name_es": "Embotellado",
                "description": "Filling, capping and labelling bottles and jars of drinks, "
                "sauces and preserves in small batches.",
                "description_es": "Llenado, tapado y etiquetado de botellas y frascos de bebidas, "
                "salsas y conservas en lotes pequeños.",
                "synonyms": ["bottle filling", "jarring", "canning", "capping", "filling"],
                "synonyms_es": [
                    "llenado de botellas",
                    "envasado",
                    "envasado en frascos",
                    "enfrascado",
                    "enlatado",
                    "tapado",
                    "llenado",
                ],
            },
            {
                "slug": "baking",
                "name": "Baking",
                "name_es": "Panadería y repostería",
                "description": "Bread, cakes and pastries made to order in batches for "
                "cafés, shops, events and markets.",
                "description_es": "Pan, pasteles y repostería hechos sobre pedido, en lotes, para "
                "cafeterías, tiendas, eventos y mercados.",
                "synonyms": [
                    "bakery",
                    "bread",
                    "cakes",
                    "pastry",
                    "patisserie",
                    "wholesale bakery",
                ],
                "synonyms_es": [
                    "panadería",
                    "pan",
                    "pasteles",
                    "repostería",
                    "pastelería",
                    "panadería mayorista",
                    "tortas",
                    "bizcochos",
                ],
            },
            {
                "slug": "preserving",
                "name": "Preserving",
                "name_es": "Conservas",
                "description": "Making jams, chutneys, pickles and ferments with a long "
                "shelf life from seasonal produce.",
                "description_es": "Elaboración de mermeladas, chutneys, encurtidos y fermentados "
                "de larga duración con productos de temporada.",
                "synonyms": ["jam making", "chutney", "pickling", "fermenting", "preserves"],
                "synonyms_es": [
                    "mermeladas",
                    "chutney",
                    "encurtidos",
                    "escabeche",
                    "fermentados",
                    "conservas caseras",
                ],
            },
            {
                "slug": "brewing",
                "name": "Brewing",
                "name_es": "Elaboración de cerveza",
                "description": "Small-batch production of beer, kombucha and other brewed "
                "drinks, including contract and cuckoo brewing.",
                "description_es": "Producción en lotes pequeños de cerveza, kombucha y otras "
                "bebidas fermentadas, incluida la elaboración por contrato o con el equipo de otra "
                "cervecería.",
                "synonyms": ["microbrewery", "craft beer", "kombucha", "contract brewing"],
                "synonyms_es": [
                    "cervecería",
                    "microcervecería",
                    "cerveza artesanal",
                    "kombucha",
                    "cerveza por contrato",
                    "maquila de cerveza",
                ],
            },
            {
                "slug": "coffee-roasting",
                "name": "Coffee roasting",
                "name_es": "Tostado de café",
                "description": "Roasting green coffee beans in small batches to a chosen "
                "profile, including private-label blends.",
                "description_es": "Tostado de café verde en grano en lotes pequeños según el "
                "perfil que elijas, incluidas mezclas con marca propia.",
                "synonyms": ["roastery", "coffee roaster", "toll roasting", "speciality coffee"],
                "synonyms_es": [
                    "tostador de café",
                    "tostaduría",
                    "torrefacción",
                    "café tostado",
                    "café de especialidad",
                    "maquila de café",
                    "marca propia",
                ],
            },
            {
                "slug": "chocolate-and-confectionery",
                "name": "Chocolate and confectionery",
                "name_es": "Chocolate y dulces",
                "description": "Tempering and moulding chocolate and making sweets, fudge "
                "and other confectionery by hand.",
                "description_es": "Templado y moldeado de chocolate, y elaboración a mano de "
                "dulces, fudge y otras golosinas.",
                "synonyms": ["chocolatier", "sweets", "fudge", "confectionery", "bean to bar"],
                "synonyms_es": [
                    "chocolatería",
                    "chocolatero",
                    "chocolate artesanal",
                    "bombones",
                    "dulces",
                    "dulcería",
                    "golosinas",
                    "confitería",
                ],
            },
        ],
    },
    {
        "slug": "print-and-signage",
        "name": "Print and signage",
        "name_es": "Impresión y letreros",
        "description": "Printing labels, posters, banners and signs for shops, events "
        "and products.",
        "description_es": "Impresión de etiquetas, pósteres, lonas y letreros para tiendas, "
        "eventos y productos.",
        "synonyms_es": ["imprenta", "rótulos", "anuncios", "señalización", "lonas", "impresiones"],
        "capabilities": [
            {
                "slug": "label-printing",
                "name": "Label printing",
                "name_es": "Impresión de etiquetas",
                "description": "Short runs of printed product labels and stickers on rolls "
                "or sheets, including food-safe and waterproof stock.",
                "description_es": "Tirajes cortos de etiquetas y calcomanías para productos, en "
                "rollo o en hoja, incluido material apto para alimentos e impermeable.",
                "synonyms": ["labels", "sticker printing", "stickers", "roll labels"],
                "synonyms_es": [
                    "etiquetas",
                    "etiquetas adhesivas",
                    "etiquetas en rollo",
                    "calcomanías",
                    "stickers",
                    "pegatinas",
                    "impresión de stickers",
                ],
            },
            {
                "slug": "large-format-printing",
                "name": "Large-format printing",
                "name_es": "Impresión de gran formato",
                "description": "Printing posters, banners, pop-up stands and wall graphics "
                "up to several metres wide.",
                "description_es": "Impresión de pósteres, lonas, displays portátiles y gráficos de "
                "pared de hasta varios metros de ancho.",
                "synonyms": ["wide format", "banner printing", "poster printing", "roller banners"],
                "synonyms_es": [
                    "gran formato",
                    "lonas",
                    "impresión de lonas",
                    "pósters",
                    "carteles",
                    "banners",
                    "roll up",
                    "vinil para pared",
                ],
            },
            {
                "slug": "sign-making",
                "name": "Sign making",
                "name_es": "Letreros y rótulos",
                "description": "Designing, making and fitting shop fronts, hanging signs, "
                "plaques and wayfinding signs.",
                "description_es": "Diseño, fabricación e instalación de fachadas de tiendas, "
                "letreros colgantes, placas y señalización.",
                "synonyms": ["signage", "shop signs", "signwriting", "fascia signs", "plaques"],
                "synonyms_es": [
                    "letreros",
                    "rótulos",
                    "rotulación",
                    "anuncios",
                    "letreros para negocio",
                    "señalética",
                    "placas",
                    "anuncios luminosos",
                ],
            },
            {
                "slug": "vinyl-cutting",
                "name": "Vinyl cutting",
                "name_es": "Corte de vinil",
                "description": "Cutting lettering and graphics from self-adhesive vinyl for "
                "windows, vehicles and walls.",
                "description_es": "Corte de letras y gráficos en vinil autoadhesivo para ventanas, "
                "vehículos y paredes.",
                "synonyms": ["vinyl graphics", "decals", "window graphics", "vehicle lettering"],
                "synonyms_es": [
                    "vinil",
                    "vinilo",
                    "calcomanías",
                    "rotulación de vehículos",
                    "rotulado de autos",
                    "vinil para vidrios",
                    "vinil decorativo",
                    "ploteo",
                ],
            },
            {
                "slug": "digital-printing",
                "name": "Digital printing",
                "name_es": "Impresión digital",
                "description": "Quick, short-run printing of flyers, leaflets, business cards "
                "and booklets from your own files.",
                "description_es": "Impresión rápida en tirajes cortos de volantes, folletos, "
                "tarjetas de presentación y cuadernillos a partir de tus propios archivos.",
                "synonyms": [
                    "flyers",
                    "leaflets",
                    "business cards",
                    "short-run print",
                    "photocopying",
                ],
                "synonyms_es": [
                    "volantes",
                    "flyers",
                    "folletos",
                    "tarjetas de presentación",
                    "tarjetas de visita",
                    "copias",
                    "fotocopias",
                    "imprenta rápida",
                ],
            },
            {
                "slug": "risograph-printing",
                "name": "Risograph printing",
                "name_es": "Impresión en risógrafo",
                "description": "Vibrant, low-cost stencil printing for zines, posters and "
                "art prints using spot-colour inks.",
                "description_es": "Impresión con esténcil, vibrante y económica, para fanzines, "
                "pósteres e impresiones de arte con tintas de color directo.",
                "synonyms": ["riso", "risoprint", "zine printing", "stencil printing"],
                "synonyms_es": [
                    "riso",
                    "risografía",
                    "risógrafo",
                    "fanzines",
                    "zines",
                    "impresión de fanzines",
                    "esténcil",
                ],
            },
            {
                "slug": "uv-flatbed-printing",
                "name": "UV flatbed printing",
                "name_es": "Impresión UV de cama plana",
                "description": "Printing full-colour images directly onto rigid items such "
                "as wood, acrylic, metal and phone cases.",
                "description_es": "Impresión a todo color directamente sobre objetos rígidos como "
                "madera, acrílico, metal y fundas de celular.",
                "synonyms": ["uv printing", "direct to substrate", "flatbed printing"],
                "synonyms_es": [
                    "impresión uv",
                    "impresión directa",
                    "cama plana",
                    "impresión en acrílico",
                    "impresión sobre madera",
                    "impresión en fundas",
                ],
            },
        ],
    },
    {
        "slug": "woodworking",
        "name": "Woodworking",
        "name_es": "Carpintería",
        "description": "Designing, building and finishing furniture, fittings and objects "
        "in timber and sheet wood.",
        "description_es": "Diseño, fabricación y acabado de muebles, instalaciones y objetos de "
        "madera maciza y tableros.",
        "synonyms_es": [
            "carpintero",
            "madera",
            "ebanistería",
            "trabajos en madera",
            "muebles de madera",
        ],
        "capabilities": [
            {
                "slug": "furniture-making",
                "name": "Furniture making",
                "name_es": "Fabricación de muebles",
                "description": "Bespoke tables, chairs, shelving and storage designed and "
                "built to order.",
                "description_es": "Mesas, sillas, estantes y muebles de guardado a la medida, "
                "diseñados y hechos sobre pedido.",
                "synonyms": ["bespoke furniture", "cabinet making", "furniture maker", "tables"],
                "synonyms_es": [
                    "muebles a la medida",
                    "ebanistería",
                    "ebanista",
                    "mueblería",
                    "mueblero",
                    "muebles de madera",
                    "mesas",
                ],
            },
            {
                "slug": "joinery",
                "name": "Joinery",
                "name_es": "Carpintería a la medida",
                "description": "Made-to-measure doors, windows, staircases, kitchens and "
                "built-in cupboards.",
                "description_es": "Puertas, ventanas, escaleras, cocinas y clósets empotrados "
                "hechos a la medida.",
                "synonyms": ["joiner", "carpentry", "fitted furniture", "built-ins", "kitchens"],
                "synonyms_es": [
                    "carpintero",
                    "carpintería",
                    "muebles empotrados",
                    "clósets",
                    "cocinas integrales",
                    "puertas de madera",
                    "placares",
                ],
            },
            {
                "slug": "wood-turning",
                "name": "Wood turning",
                "name_es": "Torneado de madera",
                "description": "Shaping bowls, handles, spindles and legs on a lathe.",
                "description_es": "Elaboración de tazones, mangos, balaustres y patas en el torno.",
                "synonyms": ["woodturning", "lathe work", "bowl turning", "spindle turning"],
                "synonyms_es": [
                    "torneado",
                    "tornero",
                    "torno de madera",
                    "tornería en madera",
                    "tazones de madera",
                    "balaustres",
                ],
            },
            {
                "slug": "wood-finishing",
                "name": "Wood finishing",
                "name_es": "Acabado de madera",
                "description": "Sanding, staining, oiling, waxing and lacquering wood to "
                "protect it and bring out the grain.",
                "description_es": "Lijado, teñido, aceitado, encerado y laqueado de la madera para "
                "protegerla y resaltar la veta.",
                "synonyms": ["french polishing", "lacquering", "spraying", "staining", "oiling"],
                "synonyms_es": [
                    "barnizado",
                    "laqueado",
                    "lacado",
                    "goma laca",
                    "pintura a pistola",
                    "entintado",
                    "teñido de madera",
                    "aceitado",
                ],
            },
            {
                "slug": "carving",
                "name": "Carving",
                "name_es": "Talla en madera",
                "description": "Hand and machine carving of lettering, decorative panels, "
                "spoons and sculptural pieces.",
                "description_es": "Talla a mano y a máquina de letras, paneles decorativos, "
                "cucharas y piezas escultóricas.",
                "synonyms": ["wood carving", "letter carving", "spoon carving", "whittling"],
                "synonyms_es": [
                    "tallado",
                    "tallado en madera",
                    "tallador",
                    "talla de letras",
                    "cucharas de madera",
                    "escultura en madera",
                ],
            },
            {
                "slug": "timber-milling",
                "name": "Timber milling",
                "name_es": "Aserrado y cepillado de madera",
                "description": "Sawing, planing and thicknessing rough or reclaimed timber "
                "into usable boards.",
                "description_es": "Aserrado, cepillado y regruesado de madera en bruto o "
                "recuperada para convertirla en tablas listas para usar.",
                "synonyms": [
                    "planing",
                    "thicknessing",
                    "sawmill",
                    "reclaimed timber",
                    "planed timber",
                ],
                "synonyms_es": [
                    "aserradero",
                    "cepillado",
                    "regruesado",
                    "dimensionado de madera",
                    "madera cepillada",
                    "madera recuperada",
                    "madera reciclada",
                ],
            },
        ],
    },
    {
        "slug": "electronics",
        "name": "Electronics",
        "name_es": "Electrónica",
        "description": "Assembling, wiring and testing circuit boards and electronic "
        "products, from prototypes to small batches.",
        "description_es": "Ensamble, cableado y pruebas de tarjetas de circuito y productos "
        "electrónicos, desde prototipos hasta lotes pequeños.",
        "synonyms_es": [
            "electrónicos",
            "circuitos",
            "tarjetas electrónicas",
            "ensamble electrónico",
            "placas de circuito",
        ],
        "capabilities": [
            {
                "slug": "pcb-assembly",
                "name": "PCB assembly",
                "name_es": "Ensamble de PCB",
                "description": "Placing and soldering components onto printed circuit "
                "boards, surface-mount or through-hole, in small batches.",
                "description_es": "Colocación y soldadura de componentes en tarjetas de circuito "
                "impreso, de montaje superficial o de orificio pasante, en lotes pequeños.",
                "synonyms": ["pcba", "smt assembly", "surface mount", "pick and place", "smd"],
                "synonyms_es": [
                    "pcba",
                    "ensamble smt",
                    "montaje superficial",
                    "smd",
                    "pick and place",
                    "tarjetas electrónicas",
                    "placas de circuito",
                    "ensamblaje de pcb",
                ],
            },
            {
                "slug": "soldering",
                "name": "Soldering",
                "name_es": "Soldadura electrónica",
                "description": "Hand soldering of components, wires and connectors for "
                "prototypes, kits and rework.",
                "description_es": "Soldadura a mano de componentes, cables y conectores para "
                "prototipos, kits y retrabajos.",
                "synonyms": ["hand soldering", "through-hole", "rework", "desoldering"],
                "synonyms_es": [
                    "soldar",
                    "soldadura a mano",
                    "soldadura con estaño",
                    "estaño",
                    "cautín",
                    "retrabajo",
                    "desoldar",
                ],
            },
            {
                "slug": "cable-harness-assembly",
                "name": "Cable harness assembly",
                "name_es": "Ensamble de arneses de cables",
                "description": "Cutting, crimping and bundling wires and connectors into "
                "ready-to-fit cable looms.",
                "description_es": "Corte, engarzado y agrupado de cables y conectores en arneses "
                "listos para instalar.",
                "synonyms": ["wiring loom", "wire harness", "crimping", "cable assembly", "loom"],
                "synonyms_es": [
                    "arnés de cables",
                    "arneses eléctricos",
                    "cableado",
                    "ensamble de cables",
                    "engarzado",
                    "crimpado",
                    "ponchado",
                ],
            },
            {
                "slug": "electronics-prototyping",
                "name": "Electronics prototyping",
                "name_es": "Prototipos electrónicos",
                "description": "Turning an idea into a working circuit, from breadboard to "
                "first printed board and firmware.",
                "description_es": "Convertir una idea en un circuito que funcione, desde la "
                "protoboard hasta la primera tarjeta impresa y el firmware.",
                "synonyms": ["prototype", "arduino", "raspberry pi", "embedded", "pcb design"],
                "synonyms_es": [
                    "prototipo",
                    "arduino",
                    "raspberry pi",
                    "sistemas embebidos",
                    "diseño de pcb",
                    "protoboard",
                    "diseño electrónico",
                ],
            },
            {
                "slug": "product-testing",
                "name": "Product testing",
                "name_es": "Pruebas de producto",
                "description": "Functional, electrical safety and burn-in testing of "
                "finished electronic products before they ship.",
                "description_es": "Pruebas funcionales, de seguridad eléctrica y de quemado "
                "(burn-in) de productos electrónicos terminados antes de enviarlos.",
                "synonyms": ["pat testing", "functional testing", "burn-in", "quality testing"],
                "synonyms_es": [
                    "pruebas funcionales",
                    "pruebas eléctricas",
                    "pruebas de seguridad",
                    "pruebas de calidad",
                    "control de calidad",
                    "burn-in",
                ],
            },
            {
                "slug": "enclosure-assembly",
                "name": "Enclosure assembly",
                "name_es": "Ensamble en gabinete",
                "description": "Fitting boards, switches, displays and wiring into cases to "
                "make a finished, boxed product.",
                "description_es": "Montaje de tarjetas, interruptores, pantallas y cableado dentro "
                "de carcasas para tener un producto terminado y en su caja.",
                "synonyms": ["box build", "final assembly", "enclosures", "system integration"],
                "synonyms_es": [
                    "ensamble final",
                    "gabinetes",
                    "carcasas",
                    "cajas para electrónica",
                    "integración de sistemas",
                    "box build",
                ],
            },
        ],
    },
    {
        "slug": "repair",
        "name": "Repair",
        "name_es": "Reparación",
        "description": "Fixing, servicing and restoring everyday things so they last "
        "longer and stay out of landfill.",
        "description_es": "Arreglo, mantenimiento y restauración de cosas de todos los días para "
        "que duren más y no terminen en la basura.",
        "synonyms_es": [
            "reparaciones",
            "arreglos",
            "compostura",
            "composturas",
            "taller de reparación",
            "mantenimiento",
        ],
        "capabilities": [
            {
                "slug": "upholstery",
                "name": "Upholstery",
                "name_es": "Tapicería",
                "description": "Re-covering, re-stuffing and re-springing sofas, chairs "
                "and cushions.",
                "description_es": "Retapizado, relleno y cambio de resortes de sofás, sillas y "
                "cojines.",
                "synonyms": [
                    "reupholstery",
                    "furniture recovering",
                    "re-covering",
                    "sofa repair",
                    "cushions",
                ],
                "synonyms_es": [
                    "tapicero",
                    "retapizado",
                    "tapizar",
                    "tapizado de muebles",
                    "reparación de sillones",
                    "reparación de sofás",
                    "salas",
                    "cojines",
                ],
            },
            {
                "slug": "bike-repair",
                "name": "Bike repair",
                "name_es": "Reparación de bicicletas",
                "description": "Servicing, tuning and fixing bicycles and e-bikes, from "
                "punctures to full overhauls.",
                "description_es": "Mantenimiento, ajuste y reparación de bicicletas y bicicletas "
                "eléctricas, desde una ponchadura hasta un servicio completo.",
                "synonyms": [
                    "bicycle repair",
                    "cycle servicing",
                    "puncture",
                    "bike service",
                    "e-bike repair",
                ],
                "synonyms_es": [
                    "taller de bicicletas",
                    "bicicletería",
                    "mecánico de bicicletas",
                    "servicio de bicicleta",
                    "ponchadura",
                    "pinchazo",
                    "bicicleta eléctrica",
                    "bici",
                ],
            },
            {
                "slug": "electronics-repair",
                "name": "Electronics repair",
                "name_es": "Reparación de electrónicos",
                "description": "Diagnosing and fixing phones, laptops, audio equipment and "
                "small household appliances.",
                "description_es": "Diagnóstico y reparación de celulares, laptops, equipos de "
                "audio y pequeños electrodomésticos.",
                "synonyms": [
                    "phone repair",
                    "laptop repair",
                    "screen replacement",
                    "appliance repair",
                    "hifi repair",
                ],
                "synonyms_es": [
                    "reparación de celulares",
                    "reparación de móviles",
                    "reparación de laptops",
                    "reparación de computadoras",
                    "cambio de pantalla",
                    "reparación de electrodomésticos",
                    "reparación de audio",
                    "técnico en electrónica",
                ],
            },
            {
                "slug": "clothing-repair",
                "name": "Clothing repair",
                "name_es": "Reparación de ropa",
                "description": "Mending tears, replacing zips and buttons and patching "
                "worn clothes.",
                "description_es": "Zurcido de rasgaduras, cambio de cierres y botones, y parches "
                "en ropa gastada.",
                "synonyms": [
                    "mending",
                    "zip replacement",
                    "darning",
                    "visible mending",
                    "patching",
                ],
                "synonyms_es": [
                    "arreglos de ropa",
                    "compostura de ropa",
                    "zurcido",
                    "remiendos",
                    "parches",
                    "cambio de cierre",
                    "cambio de zíper",
                    "cremallera",
                ],
            },
            {
                "slug": "furniture-repair",
                "name": "Furniture repair",
                "name_es": "Reparación de muebles",
                "description": "Fixing wobbly joints, broken legs, scratches and worn "
                "finishes on wooden furniture.",
                "description_es": "Arreglo de uniones flojas, patas rotas, rayones y acabados "
                "gastados en muebles de madera.",
                "synonyms": ["furniture restoration", "antique restoration", "chair repair"],
                "synonyms_es": [
                    "restauración de muebles",
                    "restaurador de muebles",
                    "restauración de antigüedades",
                    "muebles antiguos",
                    "reparación de sillas",
                ],
            },
            {
                "slug": "shoe-repair",
                "name": "Shoe repair",
                "name_es": "Reparación de calzado",
                "description": "Re-heeling, re-soling, stretching and stitching shoes, "
                "boots and bags.",
                "description_es": "Cambio de tacones y suelas, ensanchado y costura de zapatos, "
                "botas y bolsas.",
                "synonyms": ["cobbler", "resoling", "heel repair", "boot repair", "shoe mender"],
                "synonyms_es": [
                    "zapatero",
                    "zapatería",
                    "remendón",
                    "cambio de suela",
                    "cambio de tacón",
                    "tapas",
                    "reparación de botas",
                    "compostura de calzado",
                ],
            },
            {
                "slug": "watch-and-clock-repair",
                "name": "Watch and clock repair",
                "name_es": "Reparación de relojes",
                "description": "Battery changes, servicing and restoration of watches and "
                "mechanical clocks.",
                "description_es": "Cambio de pila, mantenimiento y restauración de relojes de "
                "pulsera y relojes mecánicos.",
                "synonyms": ["watch battery", "horology", "clock repair", "watchmaker"],
                "synonyms_es": [
                    "relojería",
                    "relojero",
                    "cambio de pila",
                    "pila de reloj",
                    "batería de reloj",
                    "reparación de relojes de pared",
                ],
            },
            {
                "slug": "tool-sharpening",
                "name": "Tool sharpening",
                "name_es": "Afilado de herramientas",
                "description": "Sharpening knives, scissors, chisels, saws and garden "
                "tools to a keen, safe edge.",
                "description_es": "Afilado de cuchillos, tijeras, formones, serruchos y "
                "herramientas de jardín para dejarles un filo fino y seguro.",
                "synonyms": ["knife sharpening", "grinding", "scissor sharpening", "honing"],
                "synonyms_es": [
                    "afilado de cuchillos",
                    "afilado de tijeras",
                    "afilador",
                    "afilar",
                    "amolado",
                    "esmerilado",
                ],
            },
        ],
    },
    {
        "slug": "packaging",
        "name": "Packaging",
        "name_es": "Empaque",
        "description": "Making boxes and packing, wrapping and fulfilling products ready "
        "to sell or send.",
        "description_es": "Fabricación de cajas y servicios de empaque, envoltura y envío para que "
        "tus productos estén listos para vender o mandar.",
        "synonyms_es": ["empaques", "embalaje", "envases", "cajas", "envoltura", "envíos"],
        "capabilities": [
            {
                "slug": "custom-boxes",
                "name": "Custom boxes",
                "name_es": "Cajas personalizadas",
                "description": "Printed or plain boxes cut and creased to fit your product, "
                "from mailers to rigid gift boxes.",
                "description_es": "Cajas impresas o lisas, cortadas y marcadas a la medida de tu "
                "producto, desde cajas para envío hasta cajas rígidas de regalo.",
                "synonyms": ["bespoke boxes", "mailer boxes", "cartons", "box making", "die cut"],
                "synonyms_es": [
                    "cajas a la medida",
                    "cajas para envío",
                    "cajas de cartón",
                    "cajas de regalo",
                    "fabricación de cajas",
                    "troquelado",
                    "suaje",
                ],
            },
            {
                "slug": "contract-packing",
                "name": "Contract packing",
                "name_es": "Empaque por contrato",
                "description": "Counting, bagging, boxing and labelling your products in "
                "batches so they are ready for retail or dispatch.",
                "description_es": "Conteo, embolsado, encajado y etiquetado de tus productos por "
                "lotes para que queden listos para la tienda o el envío.",
                "synonyms": ["co-packing", "copacking", "packing service", "repacking"],
                "synonyms_es": [
                    "maquila de empaque",
                    "servicio de empaque",
                    "empacadora",
                    "envasado por contrato",
                    "reempaque",
                    "co-packing",
                ],
            },
            {
                "slug": "gift-wrapping-and-kitting",
                "name": "Gift wrapping and kitting",
                "name_es": "Envoltura de regalos y armado de kits",
                "description": "Assembling gift sets, hampers, subscription boxes and kits, "
                "wrapped and ready to give.",
                "description_es": "Armado de sets de regalo, canastas, cajas de suscripción y "
                "kits, envueltos y listos para regalar.",
                "synonyms": [
                    "gift wrapping",
                    "kitting",
                    "hampers",
                    "gift sets",
                    "subscription boxes",
                ],
                "synonyms_es": [
                    "envoltura de regalos",
                    "papel de regalo",
                    "armado de kits",
                    "canastas navideñas",
                    "arcones",
                    "sets de regalo",
                    "cajas de suscripción",
                ],
            },
            {
                "slug": "order-fulfilment",
                "name": "Order fulfilment",
                "name_es": "Preparación y envío de pedidos",
                "description": "Storing stock, then picking, packing and posting online "
                "orders on your behalf.",
                "description_es": "Almacenamiento de tu inventario y preparación, empaque y envío "
                "de tus pedidos en línea en tu nombre.",
                "synonyms": [
                    "fulfilment",
                    "pick and pack",
                    "dispatch",
                    "3pl",
                    "e-commerce shipping",
                ],
                "synonyms_es": [
                    "fulfillment",
                    "preparación de pedidos",
                    "envío de pedidos",
                    "envíos",
                    "paquetería",
                    "logística",
                    "almacenaje",
                    "3pl",
                ],
            },
            {
                "slug": "vacuum-and-heat-sealing",
                "name": "Vacuum and heat sealing",
                "name_es": "Empaque al vacío y termosellado",
                "description": "Sealing food and goods in airtight pouches and bags to keep "
                "them fresh and tamper-evident.",
                "description_es": "Sellado de alimentos y productos en bolsas herméticas para "
                "mantenerlos frescos y con sello de seguridad.",
                "synonyms": ["vacuum packing", "heat sealing", "pouch sealing", "shrink wrapping"],
                "synonyms_es": [
                    "empaque al vacío",
                    "sellado al vacío",
                    "termosellado",
                    "sellado de bolsas",
                    "termoencogible",
                    "emplayado",
                ],
            },
            {
                "slug": "sustainable-packaging",
                "name": "Sustainable packaging",
                "name_es": "Empaque sustentable",
                "description": "Plastic-free, recycled, compostable and reusable packaging "
                "options designed around your product.",
                "description_es": "Opciones de empaque sin plástico, reciclado, compostable y "
                "reutilizable, diseñadas para tu producto.",
                "synonyms": ["eco packaging", "compostable", "plastic-free", "recycled packaging"],
                "synonyms_es": [
                    "empaque sostenible",
                    "empaque ecológico",
                    "eco empaque",
                    "compostable",
                    "biodegradable",
                    "sin plástico",
                    "empaque reciclado",
                ],
            },
        ],
    },
]

MATERIALS = [
    {
        "slug": "plywood",
        "name": "Plywood",
        "name_es": "Triplay",
        "synonyms": ["ply", "sheet wood", "marine ply"],
        "synonyms_es": [
            "plywood",
            "contrachapado",
            "madera contrachapada",
            "terciado",
            "triplex",
            "multilaminado",
            "triplay marino",
        ],
    },
    {
        "slug": "birch-plywood",
        "name": "Birch plywood",
        "name_es": "Triplay de abedul",
        "synonyms": ["birch ply", "baltic birch"],
        "synonyms_es": ["abedul", "contrachapado de abedul", "plywood de abedul", "abedul báltico"],
    },
    {
        "slug": "mdf",
        "name": "MDF",
        "name_es": "MDF",
        "synonyms": ["medium density fibreboard", "fibreboard"],
        "synonyms_es": [
            "tablero de fibra de densidad media",
            "tablero de fibra",
            "fibropanel",
            "fibrofácil",
            "trupán",
        ],
    },
    {
        "slug": "osb",
        "name": "OSB",
        "name_es": "OSB",
        "synonyms": ["oriented strand board", "sterling board"],
        "synonyms_es": [
            "tablero de virutas orientadas",
            "tablero osb",
            "aglomerado de virutas",
            "madera aglomerada",
        ],
    },
    {
        "slug": "oak",
        "name": "Oak",
        "name_es": "Roble",
        "synonyms": ["european oak", "white oak", "hardwood"],
        "synonyms_es": [
            "roble europeo",
            "roble blanco",
            "encino",
            "madera de roble",
            "madera dura",
        ],
    },
    {
        "slug": "walnut",
        "name": "Walnut",
        "name_es": "Nogal",
        "synonyms": ["black walnut", "hardwood"],
        "synonyms_es": ["nogal negro", "nogal americano", "madera de nogal", "madera dura"],
    },
    {
        "slug": "ash",
        "name": "Ash",
        "name_es": "Fresno",
        "synonyms": ["european ash", "hardwood"],
        "synonyms_es": ["fresno europeo", "madera de fresno", "madera dura"],
    },
    {
        "slug": "pine",
        "name": "Pine",
        "name_es": "Pino",
        "synonyms": ["softwood", "redwood", "deal", "timber"],
        "synonyms_es": ["madera de pino", "pino rojo", "pino radiata", "madera blanda", "madera"],
    },
    {
        "slug": "acrylic",
        "name": "Acrylic",
        "name_es": "Acrílico",
        "synonyms": ["perspex", "plexiglass", "pmma"],
        "synonyms_es": ["lámina de acrílico", "plexiglás", "metacrilato", "perspex", "pmma"],
    },
    {
        "slug": "polycarbonate",
        "name": "Polycarbonate",
        "name_es": "Policarbonato",
        "synonyms": ["lexan", "makrolon", "clear sheet"],
        "synonyms_es": ["lexan", "makrolon", "lámina transparente", "policarbonato alveolar"],
    },
    {
        "slug": "mild-steel",
        "name": "Mild steel",
        "name_es": "Acero al carbono",
        "synonyms": ["steel", "carbon steel", "black steel"],
        "synonyms_es": [
            "acero",
            "acero dulce",
            "acero suave",
            "acero negro",
            "lámina negra",
            "fierro",
            "hierro",
        ],
    },
    {
        "slug": "stainless-steel",
        "name": "Stainless steel",
        "name_es": "Acero inoxidable",
        "synonyms": ["stainless", "304 stainless", "316 stainless", "inox"],
        "synonyms_es": [
            "inoxidable",
            "inox",
            "acero inox",
            "acero inoxidable 304",
            "acero inoxidable 316",
        ],
    },
    {
        "slug": "aluminium",
        "name": "Aluminium",
        "name_es": "Aluminio",
        "synonyms": ["aluminum", "alu", "ali", "aluminium sheet"],
        "synonyms_es": ["alu", "lámina de aluminio", "perfil de aluminio", "aluminio anodizado"],
    },
    {
        "slug": "brass",
        "name": "Brass",
        "name_es": "Latón",
        "synonyms": ["brass sheet", "brass rod", "yellow metal"],
        "synonyms_es": ["bronce", "lámina de latón", "barra de latón", "metal amarillo"],
    },
    {
        "slug": "copper",
        "name": "Copper",
        "name_es": "Cobre",
        "synonyms": ["copper sheet", "copper pipe", "red metal"],
        "synonyms_es": ["lámina de cobre", "tubo de cobre", "alambre de cobre", "metal rojo"],
    },
    {
        "slug": "leather",
        "name": "Leather",
        "name_es": "Cuero",
        "synonyms": ["hide", "veg tan", "suede"],
        "synonyms_es": ["piel", "vaqueta", "curtido vegetal", "gamuza", "ante", "cuero genuino"],
    },
    {
        "slug": "cotton",
        "name": "Cotton",
        "name_es": "Algodón",
        "synonyms": ["organic cotton", "calico", "jersey"],
        "synonyms_es": ["algodón orgánico", "manta", "percal", "jersey", "tela de punto"],
    },
    {
        "slug": "denim",
        "name": "Denim",
        "name_es": "Mezclilla",
        "synonyms": ["jeans fabric", "selvedge", "chambray"],
        "synonyms_es": ["denim", "jean", "tela de jeans", "tela vaquera", "selvedge", "chambray"],
    },
    {
        "slug": "canvas",
        "name": "Canvas",
        "name_es": "Lona",
        "synonyms": ["duck canvas", "cotton canvas", "waxed canvas"],
        "synonyms_es": ["lona de algodón", "lona encerada", "loneta", "tela de lona", "canvas"],
    },
    {
        "slug": "polyester",
        "name": "Polyester",
        "name_es": "Poliéster",
        "synonyms": ["poly", "recycled polyester", "rpet"],
        "synonyms_es": ["poli", "poliéster reciclado", "tela de poliéster", "rpet"],
    },
    {
        "slug": "wool",
        "name": "Wool",
        "name_es": "Lana",
        "synonyms": ["merino", "tweed", "yarn"],
        "synonyms_es": ["lana merino", "merino", "tweed", "estambre", "hilo de lana"],
    },
    {
        "slug": "felt",
        "name": "Felt",
        "name_es": "Fieltro",
        "synonyms": ["wool felt", "acrylic felt"],
        "synonyms_es": ["fieltro de lana", "fieltro acrílico", "paño lenci", "lenci"],
    },
    {
        "slug": "pla",
        "name": "PLA",
        "name_es": "PLA",
        "synonyms": ["polylactic acid", "3d printing filament"],
        "synonyms_es": ["ácido poliláctico", "filamento pla", "filamento para impresión 3d"],
    },
    {
        "slug": "petg",
        "name": "PETG",
        "name_es": "PETG",
        "synonyms": ["pet-g", "3d printing filament"],
        "synonyms_es": ["pet-g", "filamento petg", "filamento para impresión 3d"],
    },
    {
        "slug": "abs",
        "name": "ABS",
        "name_es": "ABS",
        "synonyms": ["acrylonitrile butadiene styrene"],
        "synonyms_es": ["acrilonitrilo butadieno estireno", "plástico abs", "filamento abs"],
    },
    {
        "slug": "resin",
        "name": "Resin",
        "name_es": "Resina",
        "synonyms": ["photopolymer", "epoxy", "sla resin"],
        "synonyms_es": [
            "fotopolímero",
            "resina epóxica",
            "epoxi",
            "resina sla",
            "resina para impresión 3d",
        ],
    },
    {
        "slug": "nylon",
        "name": "Nylon",
        "name_es": "Nylon",
        "synonyms": ["polyamide", "pa12", "pa6"],
        "synonyms_es": ["nailon", "poliamida", "pa12", "pa6"],
    },
    {
        "slug": "silicone",
        "name": "Silicone",
        "name_es": "Silicona",
        "synonyms": ["silicone rubber", "food-grade silicone"],
        "synonyms_es": [
            "silicón",
            "caucho de silicona",
            "hule de silicona",
            "silicona grado alimenticio",
        ],
    },
    {
        "slug": "cardboard",
        "name": "Cardboard",
        "name_es": "Cartón",
        "synonyms": ["card", "greyboard", "paperboard"],
        "synonyms_es": ["cartulina", "cartoncillo", "cartón gris", "cartón prensado", "chipboard"],
    },
    {
        "slug": "corrugated-board",
        "name": "Corrugated board",
        "name_es": "Cartón corrugado",
        "synonyms": ["corrugated cardboard", "single wall", "double wall", "fluted board"],
        "synonyms_es": [
            "corrugado",
            "cartón ondulado",
            "cartón acanalado",
            "corrugado sencillo",
            "corrugado doble",
        ],
    },
    {
        "slug": "paper",
        "name": "Paper",
        "name_es": "Papel",
        "synonyms": ["card stock", "recycled paper", "kraft"],
        "synonyms_es": ["cartulina", "papel bond", "papel reciclado", "papel kraft", "kraft"],
    },
    {
        "slug": "vinyl",
        "name": "Vinyl",
        "name_es": "Vinil",
        "synonyms": ["self-adhesive vinyl", "pvc film", "decal"],
        "synonyms_es": [
            "vinilo",
            "vinil autoadhesivo",
            "vinilo adhesivo",
            "película de pvc",
            "calcomanía",
        ],
    },
    {
        "slug": "glass",
        "name": "Glass",
        "name_es": "Vidrio",
        "synonyms": ["toughened glass", "float glass"],
        "synonyms_es": ["cristal", "vidrio templado", "vidrio flotado", "vidrio plano"],
    },
    {
        "slug": "ceramic",
        "name": "Ceramic",
        "name_es": "Cerámica",
        "synonyms": ["clay", "stoneware", "porcelain"],
        "synonyms_es": ["barro", "arcilla", "gres", "loza", "porcelana"],
    },
    {
        "slug": "fr-4",
        "name": "FR-4",
        "name_es": "FR-4",
        "synonyms": ["fr4", "pcb substrate", "fibreglass board"],
        "synonyms_es": [
            "fr4",
            "sustrato de pcb",
            "fibra de vidrio",
            "placa de fibra de vidrio",
            "baquelita",
        ],
    },
    {
        "slug": "foam",
        "name": "Foam",
        "name_es": "Espuma",
        "synonyms": ["upholstery foam", "eva foam", "pu foam"],
        "synonyms_es": [
            "hule espuma",
            "gomaespuma",
            "espuma de tapicería",
            "espuma de poliuretano",
            "poliuretano",
            "foami",
            "goma eva",
        ],
    },
    {
        "slug": "food-ingredients",
        "name": "Food ingredients",
        "name_es": "Ingredientes alimentarios",
        "synonyms": ["ingredients", "produce", "flour", "fruit", "vegetables"],
        "synonyms_es": [
            "ingredientes",
            "materia prima",
            "productos del campo",
            "harina",
            "fruta",
            "verduras",
            "frutas y verduras",
        ],
    },
]

CERTIFICATIONS = [
    {
        "slug": "food-hygiene-rating-5",
        "name": "Food hygiene rating 5",
        "name_es": "Calificación de higiene alimentaria 5",
        "description": "The top rating under the Food Standards Agency scheme, given after "
        "a local council inspection of hygiene, premises and food safety management.",
        "description_es": "La calificación más alta del sistema de la Food Standards Agency, "
        "otorgada tras una inspección de la autoridad local sobre la higiene, las instalaciones y "
        "la gestión de la seguridad alimentaria.",
        "synonyms_es": [
            "higiene alimentaria",
            "calificación de higiene",
            "inspección sanitaria",
            "certificado sanitario",
            "manejo higiénico de alimentos",
        ],
        "kind": "food",
    },
    {
        "slug": "haccp-plan",
        "name": "HACCP plan",
        "name_es": "Plan HACCP",
        "description": "A documented food safety plan that identifies hazards and the "
        "critical control points used to keep food safe.",
        "description_es": "Un plan de inocuidad alimentaria por escrito que identifica los "
        "peligros y los puntos críticos de control que se usan para que los alimentos sean "
        "seguros.",
        "synonyms_es": [
            "haccp",
            "appcc",
            "análisis de peligros",
            "puntos críticos de control",
            "inocuidad alimentaria",
            "seguridad alimentaria",
        ],
        "kind": "food",
    },
    {
        "slug": "allergen-management",
        "name": "Allergen management",
        "name_es": "Control de alérgenos",
        "description": "Trained staff and written procedures for handling, separating and "
        "labelling the 14 major allergens.",
        "description_es": "Personal capacitado y procedimientos por escrito para manejar, separar "
        "y etiquetar los 14 alérgenos principales.",
        "synonyms_es": [
            "alérgenos",
            "manejo de alérgenos",
            "etiquetado de alérgenos",
            "alergias alimentarias",
            "sin gluten",
        ],
        "kind": "food",
    },
    {
        "slug": "organic-certification",
        "name": "Organic certification",
        "name_es": "Certificación orgánica",
        "description": "Certified by an approved organic control body, such as the Soil "
        "Association, to make and sell organic products.",
        "description_es": "Certificado por un organismo de control orgánico aprobado, como la Soil "
        "Association, para elaborar y vender productos orgánicos.",
        "synonyms_es": [
            "orgánico",
            "certificado orgánico",
            "productos orgánicos",
            "ecológico",
            "biológico",
            "bio",
        ],
        "kind": "food",
    },
    {
        "slug": "salsa-certification",
        "name": "SALSA certification",
        "name_es": "Certificación SALSA",
        "description": "Safe and Local Supplier Approval, a food safety standard for small "
        "producers supplying shops and wholesalers.",
        "description_es": "Safe and Local Supplier Approval, una norma de seguridad alimentaria "
        "para pequeños productores que abastecen a tiendas y mayoristas.",
        "synonyms_es": [
            "proveedor local aprobado",
            "aprobación de proveedores",
            "inocuidad alimentaria",
            "proveedor de tiendas",
        ],
        "kind": "food",
    },
    {
        "slug": "public-liability-insurance",
        "name": "Public liability insurance",
        "name_es": "Seguro de responsabilidad civil",
        "description": "Cover for injury to visitors or damage to their property caused by "
        "the workshop's activities.",
        "description_es": "Cobertura por lesiones a visitantes o daños a sus bienes causados por "
        "las actividades del taller.",
        "synonyms_es": [
            "responsabilidad civil",
            "seguro de responsabilidad",
            "seguro contra terceros",
            "seguro rc",
            "seguro del taller",
        ],
        "kind": "insurance",
    },
    {
        "slug": "product-liability-insurance",
        "name": "Product liability insurance",
        "name_es": "Seguro de responsabilidad por productos",
        "description": "Cover for injury or damage caused by a faulty product the workshop "
        "has made or supplied.",
        "description_es": "Cobertura por lesiones o daños causados por un producto defectuoso que "
        "el taller haya fabricado o suministrado.",
        "synonyms_es": [
            "responsabilidad por productos",
            "responsabilidad civil de productos",
            "seguro de producto",
            "productos defectuosos",
        ],
        "kind": "insurance",
    },
    {
        "slug": "employers-liability-insurance",
        "name": "Employers' liability insurance",
        "name_es": "Seguro de responsabilidad patronal",
        "description": "Legally required cover for businesses with staff, protecting "
        "employees injured or made ill at work.",
        "description_es": "Cobertura obligatoria por ley para las empresas con personal, que "
        "protege a los empleados que se lesionan o enferman en el trabajo.",
        "synonyms_es": [
            "responsabilidad patronal",
            "seguro de empleados",
            "seguro laboral",
            "riesgos de trabajo",
            "accidentes de trabajo",
            "compensación laboral",
        ],
        "kind": "insurance",
    },
    {
        "slug": "iso-9001",
        "name": "ISO 9001",
        "name_es": "ISO 9001",
        "description": "An independently audited quality management system for consistent, "
        "well-documented work.",
        "description_es": "Un sistema de gestión de la calidad auditado de forma independiente, "
        "para un trabajo constante y bien documentado.",
        "synonyms_es": [
            "gestión de calidad",
            "sistema de calidad",
            "calidad",
            "certificación iso",
            "iso 9000",
        ],
        "kind": "quality",
    },
    {
        "slug": "ipc-a-610",
        "name": "IPC-A-610",
        "name_es": "IPC-A-610",
        "description": "Staff trained to the industry standard for the acceptability of "
        "soldered electronic assemblies.",
        "description_es": "Personal capacitado según la norma de la industria sobre la "
        "aceptabilidad de los ensambles electrónicos soldados.",
        "synonyms_es": [
            "ipc",
            "ipc 610",
            "norma ipc",
            "calidad de soldadura",
            "ensambles electrónicos",
        ],
        "kind": "quality",
    },
    {
        "slug": "ce-ukca-marking",
        "name": "CE/UKCA marking competence",
        "name_es": "Competencia en marcado CE/UKCA",
        "description": "Experience preparing the technical file and declaration needed to "
        "place CE or UKCA marked products on the market.",
        "description_es": "Experiencia en preparar el expediente técnico y la declaración "
        "necesarios para comercializar productos con marcado CE o UKCA.",
        "synonyms_es": [
            "marcado ce",
            "ukca",
            "declaración de conformidad",
            "expediente técnico",
            "conformidad europea",
            "homologación",
        ],
        "kind": "quality",
    },
    {
        "slug": "cytech-qualification",
        "name": "Cycle mechanic qualification (Cytech)",
        "name_es": "Título de mecánico de bicicletas (Cytech)",
        "description": "Mechanics trained and assessed under the Cytech scheme, the UK "
        "industry standard for bicycle technicians.",
        "description_es": "Mecánicos capacitados y evaluados según el programa Cytech, el estándar "
        "de la industria en el Reino Unido para técnicos de bicicletas.",
        "synonyms_es": [
            "cytech",
            "mecánico de bicicletas",
            "mecánico de bicis",
            "mecánico certificado",
            "técnico de bicicletas",
        ],
        "kind": "quality",
    },
    {
        "slug": "iso-14001",
        "name": "ISO 14001",
        "name_es": "ISO 14001",
        "description": "An independently audited environmental management system that "
        "tracks and reduces waste, energy use and pollution.",
        "description_es": "Un sistema de gestión ambiental auditado de forma independiente que "
        "mide y reduce los residuos, el consumo de energía y la contaminación.",
        "synonyms_es": [
            "gestión ambiental",
            "certificación ambiental",
            "sistema ambiental",
            "medio ambiente",
            "sustentable",
            "sostenible",
        ],
        "kind": "environment",
    },
    {
        "slug": "fsc-chain-of-custody",
        "name": "FSC chain of custody",
        "name_es": "Cadena de custodia FSC",
        "description": "Certified to handle and label timber, paper and board from "
        "responsibly managed forests under the FSC scheme.",
        "description_es": "Certificado para manejar y etiquetar madera, papel y cartón de bosques "
        "gestionados de forma responsable, según el sistema FSC.",
        "synonyms_es": [
            "fsc",
            "cadena de custodia",
            "madera certificada",
            "papel certificado",
            "madera sustentable",
            "bosques responsables",
        ],
        "kind": "environment",
    },
    {
        "slug": "waste-carrier-licence",
        "name": "Waste carrier licence",
        "name_es": "Licencia de transportista de residuos",
        "description": "Registered to transport and dispose of business waste, including "
        "offcuts and packaging, responsibly.",
        "description_es": "Registrado para transportar y desechar de forma responsable los "
        "residuos de la empresa, incluidos recortes y empaques.",
        "synonyms_es": [
            "manejo de residuos",
            "transporte de residuos",
            "recolección de residuos",
            "residuos",
            "desechos",
            "reciclaje",
        ],
        "kind": "environment",
    },
    {
        "slug": "iso-45001",
        "name": "ISO 45001",
        "name_es": "ISO 45001",
        "description": "An independently audited occupational health and safety management "
        "system for a safe workplace.",
        "description_es": "Un sistema de gestión de la seguridad y salud en el trabajo auditado de "
        "forma independiente, para un lugar de trabajo seguro.",
        "synonyms_es": [
            "seguridad y salud en el trabajo",
            "seguridad laboral",
            "seguridad industrial",
            "salud ocupacional",
            "sst",
        ],
        "kind": "safety",
    },
    {
        "slug": "first-aid-at-work",
        "name": "First aid at work",
        "name_es": "Primeros auxilios en el trabajo",
        "description": "At least one member of staff on site holds a current first aid at "
        "work certificate.",
        "description_es": "Al menos una persona del personal en el lugar tiene un certificado "
        "vigente de primeros auxilios en el trabajo.",
        "synonyms_es": [
            "primeros auxilios",
            "botiquín",
            "brigada de primeros auxilios",
            "socorrista",
            "rcp",
        ],
        "kind": "safety",
    },
    {
        "slug": "coded-welder",
        "name": "Coded welder",
        "name_es": "Soldador certificado",
        "description": "Welders tested and certified to a recognised standard such as "
        "BS EN ISO 9606 for structural and pressure work.",
        "description_es": "Soldadores evaluados y certificados según una norma reconocida, como la "
        "BS EN ISO 9606, para trabajos estructurales y a presión.",
        "synonyms_es": [
            "soldador calificado",
            "soldador homologado",
            "certificación de soldadura",
            "soldadura estructural",
            "iso 9606",
            "aws",
        ],
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
