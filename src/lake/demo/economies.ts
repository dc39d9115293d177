// The economies of the synthetic world: real codes and names, with rough sizes and incomes to shape the data.

export type Region = 'Africa' | 'Americas' | 'Asia' | 'Europe' | 'Oceania'

export interface Economy {
  iso3: string
  name: string
  /** BACI country code: ISO 3166 numeric, except where BACI groups territories (USA 842, FRA 251, …). */
  baciCode: number
  /** UN M49 region. */
  region: Region
  /** Approximate GDP, 2020, billion US dollars: the economy's weight in the synthetic trade. */
  gdp: number
  /** Approximate GNI per capita, PPP, 2020, current international dollars. */
  gniPcPpp: number
}

type Row = [iso3: string, name: string, baciCode: number, gdp: number, gniPcPpp: number]

// Figures are rounded, written from general knowledge; they only need to be roughly realistic.
const ROWS: Record<Region, Row[]> = {
  Americas: [
    ['USA', 'United States', 842, 21060, 65000], ['CAN', 'Canada', 124, 1645, 48000],
    ['MEX', 'Mexico', 484, 1090, 18000], ['BRA', 'Brazil', 76, 1450, 14800],
    ['ARG', 'Argentina', 32, 385, 20000], ['COL', 'Colombia', 170, 270, 14300],
    ['CHL', 'Chile', 152, 253, 23500], ['PER', 'Peru', 604, 205, 11900],
    ['VEN', 'Venezuela', 862, 100, 7000], ['ECU', 'Ecuador', 218, 99, 10800],
    ['DOM', 'Dominican Republic', 214, 79, 17000], ['GTM', 'Guatemala', 320, 77, 8600],
    ['CRI', 'Costa Rica', 188, 62, 20000], ['PAN', 'Panama', 591, 54, 26000],
    ['URY', 'Uruguay', 858, 53, 21500], ['BOL', 'Bolivia', 68, 37, 8300],
    ['PRY', 'Paraguay', 600, 36, 13000], ['SLV', 'El Salvador', 222, 25, 8600],
    ['HND', 'Honduras', 340, 24, 5500], ['NIC', 'Nicaragua', 558, 12.6, 5600],
    ['CUB', 'Cuba', 192, 107, 12000], ['JAM', 'Jamaica', 388, 13.8, 9500],
    ['TTO', 'Trinidad and Tobago', 780, 22, 24000], ['HTI', 'Haiti', 332, 15, 3000],
    ['BHS', 'Bahamas', 44, 9.9, 30000], ['BRB', 'Barbados', 52, 4.4, 14000],
    ['GUY', 'Guyana', 328, 5.5, 15000], ['SUR', 'Suriname', 740, 2.9, 15500],
    ['BLZ', 'Belize', 84, 1.6, 6800], ['ABW', 'Aruba', 533, 2.5, 30000],
    ['CUW', 'Curaçao', 531, 2.9, 23000], ['LCA', 'Saint Lucia', 662, 1.6, 12000],
    ['GRD', 'Grenada', 308, 1.1, 13500], ['VCT', 'Saint Vincent and the Grenadines', 670, 0.8, 12500],
    ['ATG', 'Antigua and Barbuda', 28, 1.4, 18000], ['DMA', 'Dominica', 212, 0.5, 11000],
    ['KNA', 'Saint Kitts and Nevis', 659, 0.9, 25000], ['BMU', 'Bermuda', 60, 7, 65000],
    ['CYM', 'Cayman Islands', 136, 6, 60000], ['GRL', 'Greenland', 304, 3.1, 45000],
    ['TCA', 'Turks and Caicos Islands', 796, 0.9, 25000], ['VGB', 'British Virgin Islands', 92, 1.4, 35000],
    ['SXM', 'Sint Maarten (Dutch part)', 534, 1.2, 35000], ['AIA', 'Anguilla', 660, 0.3, 20000],
    ['MSR', 'Montserrat', 500, 0.07, 15000], ['SPM', 'Saint Pierre and Miquelon', 666, 0.2, 30000],
    ['FLK', 'Falkland Islands (Malvinas)', 238, 0.2, 50000],
    ['BES', 'Bonaire, Sint Eustatius and Saba', 535, 0.5, 25000], ['BLM', 'Saint Barthélemy', 652, 0.2, 40000],
  ],
  Europe: [
    ['DEU', 'Germany', 276, 3890, 56000], ['GBR', 'United Kingdom', 826, 2700, 47000],
    ['FRA', 'France', 251, 2630, 49000], ['ITA', 'Italy', 380, 1890, 43000],
    ['RUS', 'Russian Federation', 643, 1490, 29000], ['ESP', 'Spain', 724, 1280, 38000],
    ['NLD', 'Netherlands', 528, 910, 58000], ['CHE', 'Switzerland', 757, 750, 71000],
    ['POL', 'Poland', 616, 600, 33000], ['SWE', 'Sweden', 752, 540, 55000],
    ['BEL', 'Belgium', 56, 525, 54000], ['AUT', 'Austria', 40, 435, 56000],
    ['IRL', 'Ireland', 372, 425, 73000], ['NOR', 'Norway', 579, 365, 64000],
    ['DNK', 'Denmark', 208, 355, 61000], ['FIN', 'Finland', 246, 270, 51000],
    ['ROU', 'Romania', 642, 250, 31000], ['CZE', 'Czechia', 203, 245, 42000],
    ['PRT', 'Portugal', 620, 229, 35000], ['GRC', 'Greece', 300, 189, 29000],
    ['HUN', 'Hungary', 348, 157, 32000], ['UKR', 'Ukraine', 804, 156, 13000],
    ['SVK', 'Slovakia', 703, 106, 31000], ['LUX', 'Luxembourg', 442, 73, 78000],
    ['BGR', 'Bulgaria', 100, 70, 24000], ['BLR', 'Belarus', 112, 61, 19500],
    ['HRV', 'Croatia', 191, 57, 30000], ['LTU', 'Lithuania', 440, 56, 38000],
    ['SVN', 'Slovenia', 705, 53, 39000], ['SRB', 'Serbia', 688, 53, 18500],
    ['LVA', 'Latvia', 428, 34, 32000], ['EST', 'Estonia', 233, 31, 38000],
    ['ISL', 'Iceland', 352, 21.7, 56000], ['BIH', 'Bosnia and Herzegovina', 70, 20, 15000],
    ['ALB', 'Albania', 8, 15, 14000], ['MLT', 'Malta', 470, 15, 41000],
    ['MKD', 'North Macedonia', 807, 12.3, 16500], ['MDA', 'Republic of Moldova', 498, 11.9, 13500],
    ['MNE', 'Montenegro', 499, 4.8, 20000], ['AND', 'Andorra', 20, 2.9, 50000],
    ['FRO', 'Faroe Islands', 234, 3.1, 50000], ['GIB', 'Gibraltar', 292, 2.5, 60000],
    ['SMR', 'San Marino', 674, 1.5, 60000],
  ],
  Asia: [
    ['CHN', 'China', 156, 14690, 17200], ['JPN', 'Japan', 392, 5040, 44000],
    ['IND', 'India', 699, 2670, 6500], ['KOR', 'Republic of Korea', 410, 1640, 45000],
    ['IDN', 'Indonesia', 360, 1060, 11900], ['TUR', 'Türkiye', 792, 720, 29000],
    ['SAU', 'Saudi Arabia', 682, 700, 46000], ['TWN', 'Taiwan', 490, 670, 55000],
    ['THA', 'Thailand', 764, 500, 17500], ['ISR', 'Israel', 376, 410, 42000],
    ['BGD', 'Bangladesh', 50, 374, 5600], ['PHL', 'Philippines', 608, 362, 8800],
    ['ARE', 'United Arab Emirates', 784, 360, 65000], ['VNM', 'Viet Nam', 704, 346, 10300],
    ['HKG', 'Hong Kong SAR, China', 344, 345, 61000], ['SGP', 'Singapore', 702, 345, 90000],
    ['MYS', 'Malaysia', 458, 337, 26500], ['PAK', 'Pakistan', 586, 300, 5000],
    ['IRN', 'Iran (Islamic Republic of)', 364, 240, 15000], ['IRQ', 'Iraq', 368, 185, 9500],
    ['KAZ', 'Kazakhstan', 398, 171, 24000], ['QAT', 'Qatar', 634, 144, 88000],
    ['KWT', 'Kuwait', 414, 106, 55000], ['LKA', 'Sri Lanka', 144, 81, 13000],
    ['MMR', 'Myanmar', 104, 79, 4500], ['OMN', 'Oman', 512, 76, 30000],
    ['UZB', 'Uzbekistan', 860, 60, 7800], ['TKM', 'Turkmenistan', 795, 45, 15000],
    ['JOR', 'Jordan', 400, 44, 10500], ['AZE', 'Azerbaijan', 31, 43, 14500],
    ['BHR', 'Bahrain', 48, 34, 45000], ['NPL', 'Nepal', 524, 33, 4200],
    ['KHM', 'Cambodia', 116, 26, 4400], ['CYP', 'Cyprus', 196, 25, 39000],
    ['LBN', 'Lebanon', 422, 25, 11000], ['MAC', 'Macao SAR, China', 446, 24.5, 55000],
    ['AFG', 'Afghanistan', 4, 20, 2100], ['YEM', 'Yemen', 887, 20, 2500],
    ['LAO', "Lao People's Democratic Republic", 418, 19, 8000],
    ['PRK', "Democratic People's Republic of Korea", 408, 18, 1800],
    ['GEO', 'Georgia', 268, 16, 15000], ['PSE', 'State of Palestine', 275, 15.5, 6000],
    ['MNG', 'Mongolia', 496, 13.3, 11500], ['ARM', 'Armenia', 51, 12.6, 14000],
    ['BRN', 'Brunei Darussalam', 96, 12, 63000], ['SYR', 'Syrian Arab Republic', 760, 12, 3500],
    ['TJK', 'Tajikistan', 762, 8.1, 4200], ['KGZ', 'Kyrgyzstan', 417, 7.7, 4800],
    ['MDV', 'Maldives', 462, 3.7, 12000], ['BTN', 'Bhutan', 64, 2.3, 11000],
    ['TLS', 'Timor-Leste', 626, 1.9, 4800], ['IOT', 'British Indian Ocean Territory', 86, 0.05, 20000],
  ],
  Africa: [
    ['NGA', 'Nigeria', 566, 430, 5000], ['EGY', 'Egypt', 818, 380, 12000],
    ['ZAF', 'South Africa', 710, 338, 13000], ['DZA', 'Algeria', 12, 145, 11000],
    ['MAR', 'Morocco', 504, 121, 7500], ['ETH', 'Ethiopia', 231, 107, 2400],
    ['KEN', 'Kenya', 404, 101, 4500], ['GHA', 'Ghana', 288, 70, 5500],
    ['TZA', 'United Republic of Tanzania', 834, 64, 2700], ['CIV', "Côte d'Ivoire", 384, 61, 5300],
    ['AGO', 'Angola', 24, 58, 6300], ['COD', 'Democratic Republic of the Congo', 180, 49, 1100],
    ['TUN', 'Tunisia', 788, 42, 10300], ['CMR', 'Cameroon', 120, 40, 3700],
    ['UGA', 'Uganda', 800, 38, 2200], ['LBY', 'Libya', 434, 29, 12000],
    ['SDN', 'Sudan', 729, 27, 3800], ['SEN', 'Senegal', 686, 24.5, 3500],
    ['ZWE', 'Zimbabwe', 716, 22, 3000], ['ZMB', 'Zambia', 894, 18, 3400],
    ['BFA', 'Burkina Faso', 854, 17.9, 2200], ['MLI', 'Mali', 466, 17.5, 2300],
    ['BEN', 'Benin', 204, 15.7, 3300], ['GIN', 'Guinea', 324, 15.7, 2600],
    ['GAB', 'Gabon', 266, 15.3, 13500], ['BWA', 'Botswana', 72, 15, 15000],
    ['MOZ', 'Mozambique', 508, 14, 1250], ['NER', 'Niger', 562, 13.7, 1250],
    ['MDG', 'Madagascar', 450, 13, 1600], ['MWI', 'Malawi', 454, 12, 1500],
    ['MUS', 'Mauritius', 480, 11.4, 21500], ['TCD', 'Chad', 148, 10.7, 1500],
    ['NAM', 'Namibia', 516, 10.6, 9300], ['COG', 'Congo', 178, 10.3, 3200],
    ['RWA', 'Rwanda', 646, 10.2, 2200], ['GNQ', 'Equatorial Guinea', 226, 10, 15000],
    ['MRT', 'Mauritania', 478, 8.4, 5200], ['TGO', 'Togo', 768, 7.6, 2100],
    ['SOM', 'Somalia', 706, 7, 1200], ['SLE', 'Sierra Leone', 694, 4.1, 1700],
    ['SWZ', 'Eswatini', 748, 4, 8400], ['SSD', 'South Sudan', 728, 4, 1300],
    ['DJI', 'Djibouti', 262, 3.4, 5500], ['LBR', 'Liberia', 430, 3, 1400],
    ['BDI', 'Burundi', 108, 2.6, 750], ['CAF', 'Central African Republic', 140, 2.3, 950],
    ['LSO', 'Lesotho', 426, 2.2, 2600], ['ERI', 'Eritrea', 232, 2.1, 1600],
    ['GMB', 'Gambia', 270, 1.9, 2200], ['CPV', 'Cabo Verde', 132, 1.7, 6500],
    ['GNB', 'Guinea-Bissau', 624, 1.4, 2000], ['COM', 'Comoros', 174, 1.2, 3300],
    ['SYC', 'Seychelles', 690, 1.1, 25000], ['STP', 'Sao Tome and Principe', 678, 0.48, 4200],
    ['MYT', 'Mayotte', 175, 3, 12000], ['SHN', 'Saint Helena', 654, 0.05, 10000],
    ['ATF', 'French Southern Territories', 260, 0.001, 10000],
  ],
  Oceania: [
    ['AUS', 'Australia', 36, 1330, 50000], ['NZL', 'New Zealand', 554, 212, 44000],
    ['PNG', 'Papua New Guinea', 598, 24, 4300], ['NCL', 'New Caledonia', 540, 9.5, 35000],
    ['PYF', 'French Polynesia', 258, 5.9, 30000], ['GUM', 'Guam', 316, 5.9, 35000],
    ['FJI', 'Fiji', 242, 4.5, 12000], ['MNP', 'Northern Mariana Islands', 580, 1.2, 20000],
    ['ASM', 'American Samoa', 16, 0.7, 12000],
    ['SLB', 'Solomon Islands', 90, 1.5, 2500], ['VUT', 'Vanuatu', 548, 0.9, 3100],
    ['WSM', 'Samoa', 882, 0.8, 6200], ['TON', 'Tonga', 776, 0.5, 6500],
    ['FSM', 'Micronesia (Federated States of)', 583, 0.4, 3700], ['COK', 'Cook Islands', 184, 0.3, 20000],
    ['PLW', 'Palau', 585, 0.26, 16000], ['MHL', 'Marshall Islands', 584, 0.24, 6000],
    ['KIR', 'Kiribati', 296, 0.2, 4300], ['WLF', 'Wallis and Futuna Islands', 876, 0.2, 10000],
    ['NRU', 'Nauru', 520, 0.13, 15000], ['CXR', 'Christmas Island', 162, 0.1, 20000],
    ['TUV', 'Tuvalu', 798, 0.05, 6000], ['CCK', 'Cocos (Keeling) Islands', 166, 0.02, 20000],
    ['NFK', 'Norfolk Island', 574, 0.02, 20000], ['NIU', 'Niue', 570, 0.01, 15000],
    ['PCN', 'Pitcairn', 612, 0.001, 10000], ['TKL', 'Tokelau', 772, 0.005, 8000],
  ],
}

/** Every economy of the synthetic world, largest GDP first (ties broken by ISO3), so rank is stable. */
export const ECONOMIES: readonly Economy[] = Object.entries(ROWS)
  .flatMap(([region, rows]) => rows.map(([iso3, name, baciCode, gdp, gniPcPpp]) =>
    ({ iso3, name, baciCode, region: region as Region, gdp, gniPcPpp })))
  .sort((a, b) => b.gdp - a.gdp || a.iso3.localeCompare(b.iso3))

/** Economies in the demo lake: the largest by GDP (about 93% of world output). */
export const DEMO_ECONOMY_COUNT = 72

export function economiesForScale(scale: 'demo' | 'full'): Economy[] {
  return scale === 'demo' ? ECONOMIES.slice(0, DEMO_ECONOMY_COUNT) : [...ECONOMIES]
}
