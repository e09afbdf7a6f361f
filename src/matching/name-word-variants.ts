/**
 * Words exports abbreviate or spell in more than one way, mapped to one spelling so "Acme Intl Tech" and
 * "Acme International Technologies" compare equal. Keys and values are normalised words.
 */
export const NAME_WORD_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['intl', 'international'],
  ['internat', 'international'],
  ['natl', 'national'],
  ['tech', 'technology'],
  ['techn', 'technology'],
  ['technologies', 'technology'],
  ['svc', 'services'],
  ['svcs', 'services'],
  ['srvcs', 'services'],
  ['sys', 'systems'],
  ['syst', 'systems'],
  ['mfg', 'manufacturing'],
  ['assoc', 'associates'],
  ['assocs', 'associates'],
  ['bros', 'brothers'],
  ['ctr', 'center'],
  ['centre', 'center'],
  ['mgmt', 'management'],
  ['mgt', 'management'],
  ['mktg', 'marketing'],
  ['univ', 'university'],
  ['lab', 'laboratories'],
  ['labs', 'laboratories'],
  ['laboratory', 'laboratories'],
  ['eng', 'engineering'],
  ['engg', 'engineering'],
  ['dev', 'development'],
  ['solns', 'solutions'],
  ['dist', 'distribution'],
  ['distr', 'distribution'],
  ['prod', 'products'],
  ['prods', 'products'],
  ['pharma', 'pharmaceuticals'],
  ['pharmaceutical', 'pharmaceuticals'],
  ['consultants', 'consulting'],
  ['saint', 'st'],
  ['mount', 'mt'],
  ['fort', 'ft'],
]);

/** Words that carry no identity inside a name ("Smith and Baker" = "Smith & Baker" = "Smith Baker"). */
export const NAME_FILLER_WORDS: ReadonlySet<string> = new Set(['and', 'und', 'et']);
