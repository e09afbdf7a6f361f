/** Word lists the evaluation set builds company names from. Invented brands avoid naming real companies. */

/** Invented brand words are an onset, an optional middle and an ending: "zen" + "" + "trix" → "Zentrix". */
export const BRAND_ONSETS: readonly string[] = [
  'zen', 'nov', 'quor', 'bel', 'cor', 'vel', 'tri', 'lum', 'ast', 'kry', 'mar', 'sol', 'ver', 'dex', 'pax', 'ori',
  'cal', 'syn', 'ven', 'tal', 'bra', 'cle', 'dra', 'elo', 'fen', 'gal', 'hal', 'ilo', 'jun', 'kal', 'lor', 'mir',
  'nex', 'opt', 'pra', 'qui', 'ros', 'sen', 'tor', 'ulm', 'vox', 'wen', 'xen', 'yar', 'zor', 'arc', 'bry', 'cyr',
  'dun', 'eva', 'fal', 'gry', 'hex', 'ivo', 'jas', 'kel', 'lyn', 'mon', 'nor', 'oli', 'pel', 'rho', 'sta', 'tem',
  'una', 'vir', 'wyl', 'zyl', 'alt', 'bex', 'cin', 'dor', 'emb', 'fir', 'gor', 'hul', 'ing', 'kor', 'len', 'mel',
  'nim', 'orb', 'pim', 'ral', 'sil', 'tru', 'urb', 'val', 'win', 'zal', 'aer', 'bol', 'cat', 'del', 'ember', 'fro',
];
export const BRAND_MIDDLES: readonly string[] = [
  '', '', '', 'a', 'i', 'o', 'e', 'ra', 'ri', 'lo', 'ta', 'ne', 'vi', 'ca', 'mo', 'si', 'de', 'ru', 'la', 'ko', 'pe',
];
export const BRAND_ENDINGS: readonly string[] = [
  'trix', 'ra', 'via', 'ix', 'on', 'is', 'ex', 'ova', 'ant', 'ium', 'ara', 'eon', 'ly', 'ify', 'io', 'ia', 'um',
  'ent', 'ico', 'ax', 'ora', 'tek', 'gen', 'ex', 'wise', 'lab', 'core', 'nova', 'mind', 'path', 'dyne', 'sys',
  'ta', 'ro', 'les', 'tis', 'mark', 'vale', 'ford', 'well',
];

export const SURNAMES: readonly string[] = [
  'Smith', 'Johnson', 'Baker', 'Carter', 'Hughes', 'Walker', 'Bennett', 'Fletcher', 'Harrison', 'Morgan',
  'Sullivan', 'Reynolds', 'Whitaker', 'Thornton', 'Ashworth', 'Kowalski', 'Nowak', 'Łukasiewicz', 'Müller',
  'Schröder', 'Schäfer', 'Weiß', 'Köhler', 'Becker', 'Hoffmann', 'Krüger', 'Lefèvre', 'Dubois', 'Moreau',
  'Girard', 'Bérénger', 'Rousseau', 'Fontaine', 'García', 'Gómez', 'Núñez', 'Peña', 'Muñoz', 'Ibáñez',
  'Rossi', 'Bianchi', 'Ferrari', 'Esposito', 'Conti', 'De Luca', 'Van der Berg', 'De Vries', 'Jansen',
  'Bakker', 'Visser', 'Østergaard', 'Sørensen', 'Lindqvist', 'Åberg', 'Nyström', 'Virtanen', 'Tanaka',
  'Suzuki', 'Sato', 'Yamamoto', 'Oliveira', 'Gonçalves', 'Araújo', 'Patel', 'Sharma', 'Iyer', 'Chen',
  'Wong', 'Tan', 'Lim', 'O\'Brien', 'O\'Connor', 'McAllister', 'MacLeod', 'Fitzgerald', 'Kelly', 'Novak',
  'Horvath', 'Dvořák', 'Popescu', 'Papadopoulos', 'Yılmaz', 'Cohen', 'Levi', 'Haddad', 'Nakamura', 'Park',
  'Kim', 'Nguyen', 'Tran', 'Santos', 'Silva', 'Costa', 'Pereira', 'Alvarez', 'Ramirez', 'Castillo',
];

export const ADJECTIVES: readonly string[] = [
  'Blue', 'Northern', 'Southern', 'Eastern', 'Western', 'Summit', 'Pacific', 'Atlantic', 'Golden', 'Silver',
  'Red Oak', 'Cedar', 'Maple', 'Atlas', 'Pioneer', 'Apex', 'Evergreen', 'Horizon', 'Keystone', 'Liberty',
  'Sterling', 'Granite', 'River', 'Lakeside', 'Bright', 'Clear', 'Swift', 'True', 'Prime', 'Noble', 'Royal',
  'Grand', 'Green', 'Black', 'White', 'Crimson', 'Iron', 'Copper', 'Crystal', 'Silent', 'Open', 'First',
  'Central', 'Metro', 'Coastal', 'Highland', 'Alpine', 'Polar', 'Solar', 'Lunar', 'Urban', 'Rural', 'United',
  'Global', 'Allied', 'Modern', 'Classic', 'Vivid', 'Bold', 'Quiet', 'Rapid', 'Steady', 'Wild', 'Little',
];
export const NOUNS: readonly string[] = [
  'Harbor', 'Bridge', 'Peak', 'Stone', 'Field', 'Ridge', 'Point', 'Gate', 'Crest', 'Forge', 'Works', 'Path',
  'Wave', 'Leaf', 'Star', 'Rock', 'Valley', 'Bay', 'Creek', 'Hill', 'Lake', 'Pine', 'Oak', 'Falcon', 'Eagle',
  'Fox', 'Wolf', 'Bear', 'Lion', 'Hawk', 'Arrow', 'Anchor', 'Compass', 'Beacon', 'Lantern', 'Summit', 'Canyon',
  'Meadow', 'Orchard', 'Garden', 'Castle', 'Tower', 'Square', 'Circle', 'Line', 'Loop', 'Spark', 'Flame',
];

export const INDUSTRIES: readonly string[] = [
  'Logistics', 'Consulting', 'Software', 'Systems', 'Solutions', 'Technologies', 'Analytics', 'Health', 'Dental',
  'Medical', 'Pharmaceuticals', 'Foods', 'Bakery', 'Brewing', 'Capital', 'Partners', 'Advisors', 'Insurance',
  'Energy', 'Solar', 'Engineering', 'Construction', 'Manufacturing', 'Robotics', 'Laboratories', 'Media',
  'Marketing', 'Design', 'Studios', 'Networks', 'Security', 'Telecom', 'Airlines', 'Motors', 'Textiles', 'Retail',
  'Outfitters', 'Properties', 'Realty', 'Hospitality', 'Hotels', 'Travel', 'Education', 'Learning', 'Biotech',
  'Diagnostics', 'Instruments', 'Chemicals', 'Plastics', 'Metals', 'Steel', 'Paper', 'Packaging', 'Printing',
  'Furniture', 'Interiors', 'Architects', 'Legal', 'Accounting', 'Staffing', 'Recruitment', 'Cleaning',
  'Services', 'Transport', 'Freight', 'Shipping', 'Aviation', 'Marine', 'Automotive', 'Electric', 'Electronics',
  'Semiconductors', 'Cloud', 'Data', 'Digital', 'Games', 'Entertainment', 'Sports', 'Fitness', 'Wellness',
  'Beauty', 'Cosmetics', 'Fashion', 'Apparel', 'Jewelry', 'Coffee', 'Wines', 'Farms', 'Agriculture', 'Water',
  'Environmental', 'Recycling', 'International', 'Management', 'Associates', 'Development', 'Distribution',
];

/** Spellings exports use for the same word ("International" → "Intl"): the noise of abbreviations. */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  International: ['Intl', 'Int\'l', 'Intl.'],
  Technologies: ['Tech', 'Technology'],
  Laboratories: ['Labs', 'Lab'],
  Services: ['Svcs', 'Svc'],
  Management: ['Mgmt'],
  Associates: ['Assoc', 'Assocs'],
  Manufacturing: ['Mfg'],
  Development: ['Dev'],
  Systems: ['Sys'],
  Pharmaceuticals: ['Pharma'],
  Distribution: ['Dist'],
  Consulting: ['Consultants'],
};

/** Hosts that give small companies a site of their own under the host's domain. */
export const HOSTING_PLATFORMS: readonly string[] = [
  'myshopify.com', 'wixsite.com', 'netlify.app', 'github.io', 'squarespace.com', 'wordpress.com', 'herokuapp.com',
];

/** Pages a record may carry instead of the company's website; `{slug}` is the company. */
export const SOCIAL_PAGES: readonly string[] = [
  'https://www.linkedin.com/company/{slug}', 'linkedin.com/company/{slug}/about/', 'https://www.facebook.com/{slug}',
  'facebook.com/{slug}', 'https://twitter.com/{slug}', 'https://x.com/{slug}', 'https://www.instagram.com/{slug}/',
  'https://www.crunchbase.com/organization/{slug}', 'https://www.yelp.com/biz/{slug}', 'https://linktr.ee/{slug}',
];

export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'aol.com', 'icloud.com', 'gmx.de', 'web.de', 'orange.fr',
  'yahoo.co.uk', 'btinternet.com', 'libero.it', 'bigpond.com', 'protonmail.com',
];

export const MAILBOXES: readonly string[] = ['info', 'sales', 'contact', 'hello', 'office', 'jane.doe', 'j.smith', 'accounts', 'admin'];
