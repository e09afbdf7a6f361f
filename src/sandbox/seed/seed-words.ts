/** Word lists the seed generators draw names from. Combined in mixed radix, they name millions of companies. */

export const NAME_PREFIXES = [
  'Acme', 'Apex', 'Atlas', 'Aurora', 'Beacon', 'Birch', 'Blue', 'Bright', 'Cedar', 'Cobalt', 'Coral', 'Crescent',
  'Crown', 'Delta', 'Eagle', 'Ember', 'Evergreen', 'Falcon', 'Fox', 'Frontier', 'Galaxy', 'Garnet', 'Golden', 'Granite',
  'Green', 'Harbor', 'Hawk', 'Helix', 'Horizon', 'Iron', 'Ivy', 'Jade', 'Juniper', 'Keystone', 'Lake', 'Lantern',
  'Laurel', 'Liberty', 'Lighthouse', 'Lion', 'Lotus', 'Maple', 'Marble', 'Meadow', 'Meridian', 'Metro', 'Monarch',
  'Mosaic', 'Mountain', 'Nimbus', 'North', 'Nova', 'Oak', 'Ocean', 'Olive', 'Omega', 'Onyx', 'Orbit', 'Orchid',
  'Pacific', 'Peak', 'Pearl', 'Pine', 'Pioneer', 'Pixel', 'Polar', 'Prairie', 'Prism', 'Quantum', 'Quartz', 'Radiant',
  'Raven', 'Redwood', 'Ridge', 'River', 'Rock', 'Rose', 'Ruby', 'Sage', 'Sapphire', 'Silver', 'Sky', 'Solar',
  'Spark', 'Spring', 'Spruce', 'Star', 'Sterling', 'Stone', 'Summit', 'Sun', 'Swift', 'Terra', 'Thunder', 'Tidal',
  'Titan', 'Trident', 'True', 'Union', 'Valley', 'Vector', 'Velvet', 'Vertex', 'Vista', 'West', 'Willow', 'Wolf',
  'Zenith', 'Zephyr', 'Alpine', 'Amber', 'Arrow', 'Bay', 'Canyon', 'Cardinal', 'Cascade', 'Comet', 'Copper', 'Harvest',
] as const;

export const NAME_ROOTS = [
  'Analytics', 'Apparel', 'Bakery', 'Bank', 'Bio', 'Brands', 'Builders', 'Capital', 'Chemicals', 'Cloud', 'Clinic',
  'Construction', 'Consulting', 'Data', 'Dental', 'Design', 'Devices', 'Digital', 'Dynamics', 'Electric', 'Energy',
  'Engineering', 'Entertainment', 'Farms', 'Finance', 'Fitness', 'Foods', 'Freight', 'Furniture', 'Games', 'Genomics',
  'Health', 'Holdings', 'Homes', 'Hotels', 'Industries', 'Insurance', 'Interactive', 'Labs', 'Learning', 'Legal',
  'Lighting', 'Logistics', 'Machines', 'Marine', 'Media', 'Medical', 'Metals', 'Mining', 'Mobility', 'Motors',
  'Networks', 'Nutrition', 'Optics', 'Outdoors', 'Packaging', 'Partners', 'Pharma', 'Plastics', 'Power', 'Print',
  'Properties', 'Publishing', 'Realty', 'Recycling', 'Resources', 'Retail', 'Robotics', 'Security', 'Semiconductors',
  'Shipping', 'Software', 'Solutions', 'Sports', 'Steel', 'Studios', 'Supply', 'Systems', 'Technologies', 'Telecom',
  'Textiles', 'Therapeutics', 'Tools', 'Trading', 'Transport', 'Travel', 'Ventures', 'Vision', 'Water', 'Wellness',
  'Wines', 'Works', 'Aerospace', 'Agritech', 'Audio', 'Automation', 'Batteries', 'Beverages', 'Cosmetics', 'Cycles',
] as const;

/** A third word used past the two-word combinations, so names stay unique up to millions. */
export const NAME_TAILS = ['', 'Group', 'International', 'Global', 'Labs', 'Partners', 'Collective', 'Worldwide', 'Enterprises', 'Associates'] as const;

/** Industries as the seed names them; each sandbox maps them to its own picklist. */
export const SEED_INDUSTRIES = [
  'Technology', 'Retail', 'Finance', 'Healthcare', 'Manufacturing', 'Energy', 'Education', 'Transportation',
  'Media', 'Telecommunications', 'Insurance', 'Construction', 'Hospitality', 'Biotechnology', 'Consulting', 'Food & Beverage',
] as const;

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ana', 'Ben', 'Carla', 'Chen', 'Dana', 'David', 'Elena', 'Emma', 'Farah', 'Felix', 'Grace',
  'Hana', 'Hugo', 'Ines', 'Ivan', 'Jack', 'Jonas', 'Julia', 'Kai', 'Kenji', 'Lara', 'Leo', 'Lina', 'Luca', 'Maya',
  'Mateo', 'Mia', 'Nadia', 'Noah', 'Olga', 'Omar', 'Paula', 'Priya', 'Rafael', 'Rosa', 'Sam', 'Sara', 'Sofia', 'Tariq',
  'Tom', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe', 'Zainab',
] as const;

export const LAST_NAMES = [
  'Adams', 'Ahmed', 'Alvarez', 'Bauer', 'Becker', 'Brown', 'Chen', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia',
  'Gupta', 'Hansen', 'Ito', 'Jansen', 'Jones', 'Kim', 'Kowalski', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Moreau',
  'Müller', 'Nakamura', 'Nguyen', 'Novak', "O'Brien", 'Okafor', 'Patel', 'Peters', 'Rossi', 'Santos', 'Schmidt',
  'Silva', 'Singh', 'Smith', 'Sousa', 'Tanaka', 'Taylor', 'Walker', 'Wang', 'Weber', 'Williams', 'Wilson', 'Yilmaz',
  'Zhang', 'Zimmermann',
] as const;

export const TITLES = ['Account Executive', 'Senior Account Executive', 'Enterprise Account Manager', 'Sales Director', 'Partner Manager', 'Territory Manager'] as const;

export const PARTNER_WORDS = ['Consulting', 'Solutions', 'Systems', 'Integration', 'Digital', 'Cloud Services', 'Managed Services', 'Technologies', 'Advisory', 'Software'] as const;

export const CERTIFICATIONS = ['Cloud Architect', 'Security Specialist', 'Data Platform', 'AI Practitioner', 'Migration Partner', 'Support Partner'] as const;

export const PRODUCT_LINES = ['Compute', 'Storage', 'Networking', 'Security', 'Analytics', 'AI Platform', 'Support'] as const;
