/**
 * Legal forms that tell a country, each as its spellings (normalised as in legal-suffixes.ts) and the countries
 * whose law has it. "Acme GmbH" and "Acme LLC" are two legal entities; "Acme SARL" is unlikely to be the Acme
 * in Canada. Forms used nearly everywhere (Ltd, Limited, Co, Company, Group, Holdings, LP, LLP) tell nothing
 * and are left out.
 */
const TELLING_LEGAL_FORMS: readonly (readonly [spellings: readonly string[], countries: readonly string[]])[] = [
  // German-speaking
  [['gmbh'], ['DE', 'AT', 'CH', 'LI']],
  [['ag'], ['DE', 'AT', 'CH', 'LI']],
  [['gmbh co kg', 'gmbh und co kg', 'gmbh and co kg', 'gmbh and co', 'kg'], ['DE', 'AT']],
  [['kgaa'], ['DE']], [['ohg'], ['DE']], [['ug', 'ug haftungsbeschrankt'], ['DE']],
  // French-speaking
  [['sarl'], ['FR', 'BE', 'LU', 'CH', 'MA', 'TN']], [['sas', 'sasu'], ['FR']], [['eurl'], ['FR']],
  [['sa'], ['FR', 'BE', 'LU', 'CH', 'ES', 'PT', 'BR', 'MX', 'AR', 'CL', 'CO', 'PE', 'PL', 'GR']],
  // Dutch
  [['bv'], ['NL', 'BE']], [['nv'], ['NL', 'BE']], [['vof'], ['NL']],
  // Spanish and Portuguese
  [['sl', 'slu'], ['ES']], [['sa de cv', 'sab de cv'], ['MX']], [['s de rl', 's de rl de cv'], ['MX']],
  [['ltda'], ['BR', 'PT', 'CO', 'CL']], [['eireli'], ['BR']], [['lda'], ['PT']],
  // Italian
  [['spa'], ['IT']], [['srl', 'srls'], ['IT', 'RO']], [['sapa'], ['IT']], [['scarl'], ['IT']],
  // Nordic
  [['ab', 'publ'], ['SE', 'FI']], [['as', 'a s'], ['NO', 'DK', 'CZ', 'SK', 'EE']], [['asa'], ['NO']],
  [['aps'], ['DK']], [['oy', 'oyj'], ['FI']], [['hf', 'ehf'], ['IS']],
  // Central and Eastern European
  [['sp z oo', 'sp zoo', 'spolka z oo'], ['PL']], [['sro', 'spol sro'], ['CZ', 'SK']],
  [['kft'], ['HU']], [['zrt', 'nyrt'], ['HU']], [['doo'], ['RS', 'HR', 'SI', 'BA', 'ME', 'MK']],
  [['ooo'], ['RU', 'UA', 'BY']], [['zao', 'oao', 'pao'], ['RU']],
  // Americas
  [['llc', 'pllc'], ['US', 'AE', 'OM', 'QA']], [['inc', 'incorporated'], ['US', 'CA', 'PH']],
  [['corp', 'corporation'], ['US', 'CA', 'PH', 'JP', 'TW']],
  // Asia-Pacific, Africa, Middle East
  [['pty ltd', 'pty', 'proprietary limited'], ['AU', 'ZA']], [['pte ltd', 'pte'], ['SG']],
  [['pvt ltd', 'private limited'], ['IN', 'PK', 'SG', 'LK', 'NP']],
  [['kk', 'kabushiki kaisha'], ['JP']], [['gk'], ['JP']], [['yk'], ['JP']],
  [['co ltd'], ['JP', 'CN', 'KR', 'TW', 'TH', 'VN']], [['pt', 'tbk'], ['ID']], [['sdn bhd', 'bhd', 'berhad'], ['MY']],
  [['plc'], ['GB', 'IE', 'NG']], [['fzco', 'fze', 'fz llc'], ['AE']], [['wll'], ['BH', 'KW', 'QA']],
];

/** A telling legal form: one name for all its spellings ("inc" for "incorporated") and its countries. */
export interface LegalForm {
  key: string;
  countries: readonly string[];
}

const LEGAL_FORM_BY_SPELLING = new Map<string, LegalForm>();
for (const [spellings, countries] of TELLING_LEGAL_FORMS) {
  const form = { key: spellings[0] ?? '', countries };
  for (const spelling of spellings) LEGAL_FORM_BY_SPELLING.set(spelling, form);
}

/** The telling legal form of a spelling, or undefined for forms used everywhere and words that are no legal form. */
export function tellingLegalForm(spelling: string | undefined): LegalForm | undefined {
  return spelling === undefined ? undefined : LEGAL_FORM_BY_SPELLING.get(spelling);
}

/** The key of the first of a name's dropped legal forms that tells a country ("incorporated" → "inc"), if any. */
export function firstTellingLegalForm(spellings: readonly string[]): string | undefined {
  for (const spelling of spellings) {
    const form = LEGAL_FORM_BY_SPELLING.get(spelling);
    if (form) return form.key;
  }
  return undefined;
}
