/**
 * Sites where many companies each have a page under one domain (social networks, directories, link
 * shorteners, code hosts). The path names the company, so the domain identifies no one and is never a key;
 * such a record is matched by name.
 */
export const PAGE_PLATFORMS: ReadonlySet<string> = new Set([
  // social networks and messaging
  'linkedin.com', 'lnkd.in', 'facebook.com', 'fb.com', 'fb.me', 'instagram.com', 'twitter.com', 'x.com',
  'youtube.com', 'youtu.be', 'tiktok.com', 'pinterest.com', 'xing.com', 'vk.com', 'weibo.com', 'threads.net',
  'wa.me', 'whatsapp.com', 't.me', 'telegram.me', 'snapchat.com', 'reddit.com', 'discord.gg', 'discord.com',
  // directories, reviews, company databases, job boards
  'crunchbase.com', 'angel.co', 'wellfound.com', 'glassdoor.com', 'indeed.com', 'yelp.com', 'zoominfo.com',
  'bloomberg.com', 'dnb.com', 'manta.com', 'yellowpages.com', 'bbb.org', 'trustpilot.com', 'g2.com',
  'capterra.com', 'clutch.co', 'tripadvisor.com', 'foursquare.com', 'opencorporates.com', 'companieshouse.gov.uk',
  'kompass.com', 'europages.com', 'alibaba.com', 'amazon.com', 'etsy.com', 'ebay.com',
  // maps, link pages and shorteners
  'google.com', 'goo.gl', 'g.page', 'bit.ly', 't.co', 'tinyurl.com', 'ow.ly', 'buff.ly',
  'linktr.ee', 'about.me', 'carrd.co', 'bio.link',
  // code and document hosts
  'github.com', 'gitlab.com', 'bitbucket.org', 'medium.com', 'notion.site', 'notion.so', 'dropbox.com',
  'apple.com',
]);

/**
 * Site builders and blog hosts that give each customer a subdomain but are missing from the Public Suffix
 * List's private section (those in it — myshopify.com, github.io, wixsite.com, netlify.app, … — are handled by
 * tldts already). For these the tenant host is the key: acme.wordpress.com ≠ globex.wordpress.com.
 */
export const SUBDOMAIN_PLATFORMS: ReadonlySet<string> = new Set([
  'wordpress.com', 'squarespace.com', 'weebly.com', 'business.site', 'godaddysites.com', 'hubspotpagebuilder.com',
  'site123.me', 'jimdosite.com', 'jimdo.com', 'strikingly.com', 'mystrikingly.com', 'tumblr.com', 'substack.com',
  'ueniweb.com', 'wix.com', 'webnode.com', 'yolasite.com', 'ghost.io', 'framer.website', 'odoo.com',
  'zohosites.com', 'shopify.com', 'bigcartel.com', 'tilda.ws', 'hs-sites.com',
]);
