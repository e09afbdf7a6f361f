/**
 * How exports write states and provinces, by country and postal code, for the countries whose exports use
 * them most (names folded: lower case, no accents). Codes of different countries collide ("WA", "NT"), so
 * regions are compared within one country and only a full name tells the country.
 */
export const REGION_NAMES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  US: {
    AL: ['alabama'], AK: ['alaska'], AZ: ['arizona'], AR: ['arkansas'], CA: ['california', 'calif'],
    CO: ['colorado'], CT: ['connecticut'], DE: ['delaware'], DC: ['district of columbia', 'washington dc'],
    FL: ['florida'], GA: ['georgia'], HI: ['hawaii'], ID: ['idaho'], IL: ['illinois'], IN: ['indiana'],
    IA: ['iowa'], KS: ['kansas'], KY: ['kentucky'], LA: ['louisiana'], ME: ['maine'], MD: ['maryland'],
    MA: ['massachusetts', 'mass'], MI: ['michigan'], MN: ['minnesota'], MS: ['mississippi'], MO: ['missouri'],
    MT: ['montana'], NE: ['nebraska'], NV: ['nevada'], NH: ['new hampshire'], NJ: ['new jersey'],
    NM: ['new mexico'], NY: ['new york', 'new york state'], NC: ['north carolina'], ND: ['north dakota'],
    OH: ['ohio'], OK: ['oklahoma'], OR: ['oregon'], PA: ['pennsylvania'], RI: ['rhode island'],
    SC: ['south carolina'], SD: ['south dakota'], TN: ['tennessee'], TX: ['texas'], UT: ['utah'],
    VT: ['vermont'], VA: ['virginia'], WA: ['washington'], WV: ['west virginia'], WI: ['wisconsin'],
    WY: ['wyoming'], PR: ['puerto rico'],
  },
  CA: {
    AB: ['alberta'], BC: ['british columbia'], MB: ['manitoba'], NB: ['new brunswick'],
    NL: ['newfoundland and labrador', 'newfoundland'], NS: ['nova scotia'], NT: ['northwest territories'],
    NU: ['nunavut'], ON: ['ontario'], PE: ['prince edward island'], QC: ['quebec'], SK: ['saskatchewan'],
    YT: ['yukon'],
  },
  AU: {
    NSW: ['new south wales'], VIC: ['victoria'], QLD: ['queensland'], SA: ['south australia'],
    WA: ['western australia'], TAS: ['tasmania'], ACT: ['australian capital territory'], NT: ['northern territory'],
  },
  DE: {
    BW: ['baden wurttemberg', 'baden wuerttemberg'], BY: ['bavaria', 'bayern'], BE: ['berlin'],
    BB: ['brandenburg'], HB: ['bremen'], HH: ['hamburg'], HE: ['hesse', 'hessen'],
    MV: ['mecklenburg vorpommern', 'mecklenburg western pomerania'], NI: ['lower saxony', 'niedersachsen'],
    NW: ['north rhine westphalia', 'nordrhein westfalen', 'nrw'], RP: ['rhineland palatinate', 'rheinland pfalz'],
    SL: ['saarland'], SN: ['saxony', 'sachsen'], ST: ['saxony anhalt', 'sachsen anhalt'],
    SH: ['schleswig holstein'], TH: ['thuringia', 'thuringen', 'thueringen'],
  },
};

/**
 * Country-code top-level domains used as generic ones (.co, .io, .ai, …): they say nothing of where a company
 * is, unlike .de or .co.uk.
 */
export const GENERIC_COUNTRY_SUFFIXES: ReadonlySet<string> = new Set([
  'co', 'io', 'ai', 'me', 'tv', 'ly', 'to', 'fm', 'gg', 'sh', 'ac', 'cc', 'ws', 'la', 'am', 'im', 'is', 'so', 'vc', 'nu', 'tk', 'ms', 'gl', 'eu',
]);
