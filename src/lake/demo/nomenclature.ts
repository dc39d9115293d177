// The HS 2022 skeleton of the synthetic world: the 21 sections and 96 chapters with their official names.

export interface HsSection {
  /** Roman numeral, as the nomenclature writes it. */
  section: string
  number: number
  name: string
  firstChapter: number
  lastChapter: number
}

export interface HsChapter {
  /** Two-character chapter code, e.g. `01`, `84`. */
  chapter: string
  section: string
  name: string
  /** Approximate number of HS 2022 six-digit subheadings in the chapter (about 5,600 in all). */
  subheadings: number
}

export const HS_SECTIONS: readonly HsSection[] = [
  ['I', 1, 5, 'Live animals; animal products'],
  ['II', 6, 14, 'Vegetable products'],
  ['III', 15, 15, 'Animal, vegetable or microbial fats and oils and their cleavage products; prepared edible fats; animal or vegetable waxes'],
  ['IV', 16, 24, 'Prepared foodstuffs; beverages, spirits and vinegar; tobacco and manufactured tobacco substitutes; products, whether or not containing nicotine, intended for inhalation without combustion; other nicotine containing products intended for the intake of nicotine into the human body'],
  ['V', 25, 27, 'Mineral products'],
  ['VI', 28, 38, 'Products of the chemical or allied industries'],
  ['VII', 39, 40, 'Plastics and articles thereof; rubber and articles thereof'],
  ['VIII', 41, 43, 'Raw hides and skins, leather, furskins and articles thereof; saddlery and harness; travel goods, handbags and similar containers; articles of animal gut (other than silk-worm gut)'],
  ['IX', 44, 46, 'Wood and articles of wood; wood charcoal; cork and articles of cork; manufactures of straw, of esparto or of other plaiting materials; basketware and wickerwork'],
  ['X', 47, 49, 'Pulp of wood or of other fibrous cellulosic material; recovered (waste and scrap) paper or paperboard; paper and paperboard and articles thereof'],
  ['XI', 50, 63, 'Textiles and textile articles'],
  ['XII', 64, 67, 'Footwear, headgear, umbrellas, sun umbrellas, walking-sticks, seat-sticks, whips, riding-crops and parts thereof; prepared feathers and articles made therewith; artificial flowers; articles of human hair'],
  ['XIII', 68, 70, 'Articles of stone, plaster, cement, asbestos, mica or similar materials; ceramic products; glass and glassware'],
  ['XIV', 71, 71, 'Natural or cultured pearls, precious or semi-precious stones, precious metals, metals clad with precious metal, and articles thereof; imitation jewellery; coin'],
  ['XV', 72, 83, 'Base metals and articles of base metal'],
  ['XVI', 84, 85, 'Machinery and mechanical appliances; electrical equipment; parts thereof; sound recorders and reproducers, television image and sound recorders and reproducers, and parts and accessories of such articles'],
  ['XVII', 86, 89, 'Vehicles, aircraft, vessels and associated transport equipment'],
  ['XVIII', 90, 92, 'Optical, photographic, cinematographic, measuring, checking, precision, medical or surgical instruments and apparatus; clocks and watches; musical instruments; parts and accessories thereof'],
  ['XIX', 93, 93, 'Arms and ammunition; parts and accessories thereof'],
  ['XX', 94, 96, 'Miscellaneous manufactured articles'],
  ['XXI', 97, 97, "Works of art, collectors' pieces and antiques"],
].map(([section, firstChapter, lastChapter, name], i) => ({
  section: section as string, number: i + 1, name: name as string,
  firstChapter: firstChapter as number, lastChapter: lastChapter as number,
}))

// [chapter, approximate subheadings, name]; chapter 77 is reserved for future use, 98–99 are national.
const CHAPTER_ROWS: [number, number, string][] = [
  [1, 23, 'Live animals'],
  [2, 55, 'Meat and edible meat offal'],
  [3, 200, 'Fish and crustaceans, molluscs and other aquatic invertebrates'],
  [4, 36, "Dairy produce; birds' eggs; natural honey; edible products of animal origin, not elsewhere specified or included"],
  [5, 16, 'Products of animal origin, not elsewhere specified or included'],
  [6, 13, 'Live trees and other plants; bulbs, roots and the like; cut flowers and ornamental foliage'],
  [7, 62, 'Edible vegetables and certain roots and tubers'],
  [8, 62, 'Edible fruit and nuts; peel of citrus fruit or melons'],
  [9, 35, 'Coffee, tea, maté and spices'],
  [10, 18, 'Cereals'],
  [11, 28, 'Products of the milling industry; malt; starches; inulin; wheat gluten'],
  [12, 45, 'Oil seeds and oleaginous fruits; miscellaneous grains, seeds and fruit; industrial or medicinal plants; straw and fodder'],
  [13, 11, 'Lac; gums, resins and other vegetable saps and extracts'],
  [14, 4, 'Vegetable plaiting materials; vegetable products not elsewhere specified or included'],
  [15, 50, 'Animal, vegetable or microbial fats and oils and their cleavage products; prepared edible fats; animal or vegetable waxes'],
  [16, 30, 'Preparations of meat, of fish, of crustaceans, molluscs or other aquatic invertebrates, or of insects'],
  [17, 14, 'Sugars and sugar confectionery'],
  [18, 11, 'Cocoa and cocoa preparations'],
  [19, 16, "Preparations of cereals, flour, starch or milk; pastrycooks' products"],
  [20, 50, 'Preparations of vegetables, fruit, nuts or other parts of plants'],
  [21, 15, 'Miscellaneous edible preparations'],
  [22, 25, 'Beverages, spirits and vinegar'],
  [23, 18, 'Residues and waste from the food industries; prepared animal fodder'],
  [24, 12, 'Tobacco and manufactured tobacco substitutes; products, whether or not containing nicotine, intended for inhalation without combustion; other nicotine containing products intended for the intake of nicotine into the human body'],
  [25, 67, 'Salt; sulphur; earths and stone; plastering materials, lime and cement'],
  [26, 25, 'Ores, slag and ash'],
  [27, 45, 'Mineral fuels, mineral oils and products of their distillation; bituminous substances; mineral waxes'],
  [28, 145, 'Inorganic chemicals; organic or inorganic compounds of precious metals, of rare-earth metals, of radioactive elements or of isotopes'],
  [29, 310, 'Organic chemicals'],
  [30, 45, 'Pharmaceutical products'],
  [31, 25, 'Fertilisers'],
  [32, 40, 'Tanning or dyeing extracts; tannins and their derivatives; dyes, pigments and other colouring matter; paints and varnishes; putty and other mastics; inks'],
  [33, 25, 'Essential oils and resinoids; perfumery, cosmetic or toilet preparations'],
  [34, 20, 'Soap, organic surface-active agents, washing preparations, lubricating preparations, artificial waxes, prepared waxes, polishing or scouring preparations, candles and similar articles, modelling pastes, "dental waxes" and dental preparations with a basis of plaster'],
  [35, 15, 'Albuminoidal substances; modified starches; glues; enzymes'],
  [36, 8, 'Explosives; pyrotechnic products; matches; pyrophoric alloys; certain combustible preparations'],
  [37, 30, 'Photographic or cinematographic goods'],
  [38, 80, 'Miscellaneous chemical products'],
  [39, 110, 'Plastics and articles thereof'],
  [40, 60, 'Rubber and articles thereof'],
  [41, 25, 'Raw hides and skins (other than furskins) and leather'],
  [42, 25, 'Articles of leather; saddlery and harness; travel goods, handbags and similar containers; articles of animal gut (other than silk-worm gut)'],
  [43, 9, 'Furskins and artificial fur; manufactures thereof'],
  [44, 95, 'Wood and articles of wood; wood charcoal'],
  [45, 8, 'Cork and articles of cork'],
  [46, 15, 'Manufactures of straw, of esparto or of other plaiting materials; basketware and wickerwork'],
  [47, 20, 'Pulp of wood or of other fibrous cellulosic material; recovered (waste and scrap) paper or paperboard'],
  [48, 100, 'Paper and paperboard; articles of paper pulp, of paper or of paperboard'],
  [49, 20, 'Printed books, newspapers, pictures and other products of the printing industry; manuscripts, typescripts and plans'],
  [50, 9, 'Silk'],
  [51, 40, 'Wool, fine or coarse animal hair; horsehair yarn and woven fabric'],
  [52, 125, 'Cotton'],
  [53, 20, 'Other vegetable textile fibres; paper yarn and woven fabrics of paper yarn'],
  [54, 65, 'Man-made filaments; strip and the like of man-made textile materials'],
  [55, 105, 'Man-made staple fibres'],
  [56, 30, 'Wadding, felt and nonwovens; special yarns; twine, cordage, ropes and cables and articles thereof'],
  [57, 20, 'Carpets and other textile floor coverings'],
  [58, 35, 'Special woven fabrics; tufted textile fabrics; lace; tapestries; trimmings; embroidery'],
  [59, 18, 'Impregnated, coated, covered or laminated textile fabrics; textile articles of a kind suitable for industrial use'],
  [60, 40, 'Knitted or crocheted fabrics'],
  [61, 105, 'Articles of apparel and clothing accessories, knitted or crocheted'],
  [62, 125, 'Articles of apparel and clothing accessories, not knitted or crocheted'],
  [63, 50, 'Other made up textile articles; sets; worn clothing and worn textile articles; rags'],
  [64, 25, 'Footwear, gaiters and the like; parts of such articles'],
  [65, 8, 'Headgear and parts thereof'],
  [66, 5, 'Umbrellas, sun umbrellas, walking-sticks, seat-sticks, whips, riding-crops and parts thereof'],
  [67, 6, 'Prepared feathers and down and articles made of feathers or of down; artificial flowers; articles of human hair'],
  [68, 32, 'Articles of stone, plaster, cement, asbestos, mica or similar materials'],
  [69, 30, 'Ceramic products'],
  [70, 55, 'Glass and glassware'],
  [71, 53, 'Natural or cultured pearls, precious or semi-precious stones, precious metals, metals clad with precious metal, and articles thereof; imitation jewellery; coin'],
  [72, 175, 'Iron and steel'],
  [73, 130, 'Articles of iron or steel'],
  [74, 55, 'Copper and articles thereof'],
  [75, 17, 'Nickel and articles thereof'],
  [76, 30, 'Aluminium and articles thereof'],
  [78, 5, 'Lead and articles thereof'],
  [79, 6, 'Zinc and articles thereof'],
  [80, 5, 'Tin and articles thereof'],
  [81, 50, 'Other base metals; cermets; articles thereof'],
  [82, 70, 'Tools, implements, cutlery, spoons and forks, of base metal; parts thereof of base metal'],
  [83, 25, 'Miscellaneous articles of base metal'],
  [84, 500, 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof'],
  [85, 330, 'Electrical machinery and equipment and parts thereof; sound recorders and reproducers, television image and sound recorders and reproducers, and parts and accessories of such articles'],
  [86, 25, 'Railway or tramway locomotives, rolling stock and parts thereof; railway or tramway track fixtures and fittings and parts thereof; mechanical (including electro-mechanical) traffic signalling equipment of all kinds'],
  [87, 130, 'Vehicles other than railway or tramway rolling stock, and parts and accessories thereof'],
  [88, 25, 'Aircraft, spacecraft, and parts thereof'],
  [89, 20, 'Ships, boats and floating structures'],
  [90, 140, 'Optical, photographic, cinematographic, measuring, checking, precision, medical or surgical instruments and apparatus; parts and accessories thereof'],
  [91, 55, 'Clocks and watches and parts thereof'],
  [92, 18, 'Musical instruments; parts and accessories of such articles'],
  [93, 20, 'Arms and ammunition; parts and accessories thereof'],
  [94, 55, 'Furniture; bedding, mattresses, mattress supports, cushions and similar stuffed furnishings; luminaires and lighting fittings, not elsewhere specified or included; illuminated signs, illuminated name-plates and the like; prefabricated buildings'],
  [95, 40, 'Toys, games and sports requisites; parts and accessories thereof'],
  [96, 60, 'Miscellaneous manufactured articles'],
  [97, 12, "Works of art, collectors' pieces and antiques"],
]

function sectionOf(chapter: number): string {
  const found = HS_SECTIONS.find((s) => chapter >= s.firstChapter && chapter <= s.lastChapter)
  if (!found) throw new Error(`chapter ${chapter} belongs to no HS section`)
  return found.section
}

/** The 96 HS 2022 chapters, in code order. */
export const HS_CHAPTERS: readonly HsChapter[] = CHAPTER_ROWS.map(([chapter, subheadings, name]) => ({
  chapter: String(chapter).padStart(2, '0'), section: sectionOf(chapter), name, subheadings,
}))
