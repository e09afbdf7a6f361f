/** What the evaluation set knows of a country: how exports write it, its web suffixes, legal forms and places. */
export interface CountryProfile {
  code: string;
  /** How often companies of this country appear, relative to the others. */
  weight: number;
  /** Ways an export writes the country, the first being the ISO code. */
  spellings: readonly string[];
  /** Web suffixes of its companies' domains, most common first. */
  suffixes: readonly string[];
  /** Legal forms, each as a few spellings of the same form. */
  legalForms: readonly (readonly string[])[];
  /** Regions as [code, name]; empty where exports rarely carry one. */
  regions: readonly (readonly [string, string])[];
  cities: readonly string[];
}

export const COUNTRY_PROFILES: readonly CountryProfile[] = [
  {
    code: 'US', weight: 34, spellings: ['US', 'USA', 'United States', 'United States of America', 'U.S.'],
    suffixes: ['com', 'com', 'com', 'io', 'co', 'net', 'us'],
    legalForms: [['Inc.', 'Inc', ', Inc.', 'Incorporated'], ['LLC', 'L.L.C.', ', LLC'], ['Corp.', 'Corporation', 'Corp'], ['Co.', 'Company']],
    regions: [['CA', 'California'], ['NY', 'New York'], ['TX', 'Texas'], ['WA', 'Washington'], ['MA', 'Massachusetts'], ['IL', 'Illinois'], ['FL', 'Florida'], ['CO', 'Colorado'], ['GA', 'Georgia'], ['NC', 'North Carolina']],
    cities: ['San Francisco', 'New York', 'Austin', 'Seattle', 'Boston', 'Chicago', 'Miami', 'Denver', 'Atlanta', 'Raleigh'],
  },
  {
    code: 'GB', weight: 10, spellings: ['GB', 'UK', 'United Kingdom', 'England', 'Great Britain'],
    suffixes: ['co.uk', 'co.uk', 'com', 'uk'],
    legalForms: [['Ltd', 'Ltd.', 'Limited'], ['PLC', 'plc', 'P.L.C.'], ['LLP']],
    regions: [], cities: ['London', 'Manchester', 'Leeds', 'Bristol', 'Edinburgh', 'Glasgow', 'Cambridge'],
  },
  {
    code: 'DE', weight: 10, spellings: ['DE', 'Germany', 'Deutschland', 'DEU'],
    suffixes: ['de', 'de', 'com'],
    legalForms: [['GmbH'], ['AG'], ['GmbH & Co. KG', 'GmbH & Co KG'], ['UG (haftungsbeschränkt)', 'UG']],
    regions: [['BY', 'Bayern'], ['BE', 'Berlin'], ['HH', 'Hamburg'], ['NW', 'Nordrhein-Westfalen'], ['HE', 'Hessen'], ['BW', 'Baden-Württemberg']],
    cities: ['München', 'Berlin', 'Hamburg', 'Köln', 'Frankfurt am Main', 'Stuttgart', 'Düsseldorf'],
  },
  {
    code: 'FR', weight: 6, spellings: ['FR', 'France', 'FRA'],
    suffixes: ['fr', 'fr', 'com'],
    legalForms: [['SA', 'S.A.'], ['SAS', 'S.A.S.'], ['SARL', 'S.A.R.L.']],
    regions: [], cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Lille', 'Montpellier'],
  },
  {
    code: 'CA', weight: 5, spellings: ['CA', 'Canada', 'CAN'],
    suffixes: ['ca', 'com'],
    legalForms: [['Inc.', 'Inc'], ['Ltd.', 'Limited'], ['Corp.', 'Corporation']],
    regions: [['ON', 'Ontario'], ['QC', 'Quebec'], ['BC', 'British Columbia'], ['AB', 'Alberta']],
    cities: ['Toronto', 'Montréal', 'Vancouver', 'Calgary', 'Ottawa'],
  },
  {
    code: 'AU', weight: 5, spellings: ['AU', 'Australia', 'AUS'],
    suffixes: ['com.au', 'com.au', 'com'],
    legalForms: [['Pty Ltd', 'Pty. Ltd.', 'Proprietary Limited'], ['Ltd', 'Limited']],
    regions: [['NSW', 'New South Wales'], ['VIC', 'Victoria'], ['QLD', 'Queensland'], ['WA', 'Western Australia']],
    cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide'],
  },
  {
    code: 'NL', weight: 4, spellings: ['NL', 'Netherlands', 'The Netherlands', 'Nederland'],
    suffixes: ['nl', 'com'], legalForms: [['B.V.', 'BV'], ['N.V.', 'NV']],
    regions: [], cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'Den Haag'],
  },
  {
    code: 'ES', weight: 4, spellings: ['ES', 'Spain', 'España', 'ESP'],
    suffixes: ['es', 'com'], legalForms: [['S.L.', 'SL'], ['S.A.', 'SA'], ['S.L.U.']],
    regions: [], cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Málaga', 'Bilbao'],
  },
  {
    code: 'IT', weight: 4, spellings: ['IT', 'Italy', 'Italia', 'ITA'],
    suffixes: ['it', 'com'], legalForms: [['S.p.A.', 'SpA'], ['S.r.l.', 'Srl']],
    regions: [], cities: ['Milano', 'Roma', 'Torino', 'Bologna', 'Firenze', 'Napoli'],
  },
  {
    code: 'JP', weight: 3, spellings: ['JP', 'Japan', 'JPN'],
    suffixes: ['co.jp', 'jp', 'com'], legalForms: [['K.K.', 'KK', 'Kabushiki Kaisha'], ['Co., Ltd.', 'Co. Ltd']],
    regions: [], cities: ['Tokyo', 'Osaka', 'Yokohama', 'Kyoto', 'Nagoya'],
  },
  {
    code: 'BR', weight: 3, spellings: ['BR', 'Brazil', 'Brasil', 'BRA'],
    suffixes: ['com.br', 'com'], legalForms: [['Ltda.', 'Ltda'], ['S.A.', 'SA']],
    regions: [], cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre'],
  },
  {
    code: 'IN', weight: 3, spellings: ['IN', 'India', 'IND'],
    suffixes: ['in', 'co.in', 'com'], legalForms: [['Pvt Ltd', 'Pvt. Ltd.', 'Private Limited'], ['Ltd', 'Limited']],
    regions: [], cities: ['Bengaluru', 'Mumbai', 'Pune', 'Hyderabad', 'Chennai', 'New Delhi'],
  },
  {
    code: 'SE', weight: 2, spellings: ['SE', 'Sweden', 'Sverige'],
    suffixes: ['se', 'com'], legalForms: [['AB'], ['AB (publ)']],
    regions: [], cities: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala'],
  },
  {
    code: 'CH', weight: 2, spellings: ['CH', 'Switzerland', 'Schweiz', 'Suisse'],
    suffixes: ['ch', 'com'], legalForms: [['AG'], ['SA', 'S.A.'], ['GmbH']],
    regions: [], cities: ['Zürich', 'Genève', 'Basel', 'Bern', 'Lausanne'],
  },
  {
    code: 'SG', weight: 2, spellings: ['SG', 'Singapore', 'SGP'],
    suffixes: ['com.sg', 'sg', 'com'], legalForms: [['Pte Ltd', 'Pte. Ltd.', 'Private Limited']],
    regions: [], cities: ['Singapore'],
  },
  {
    code: 'DK', weight: 2, spellings: ['DK', 'Denmark', 'Danmark'],
    suffixes: ['dk', 'com'], legalForms: [['A/S', 'AS'], ['ApS']],
    regions: [], cities: ['København', 'Aarhus', 'Odense'],
  },
];
