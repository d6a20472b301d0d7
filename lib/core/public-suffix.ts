/**
 * Registry-controlled suffixes under which anyone can register a name: the
 * multi-label ones a PKI role is most likely to be handed by mistake (from
 * the Public Suffix List, ICANN and private sections). Not the whole list (no
 * dependency on it): every single-label name (a TLD such as `com`) counts too.
 */
const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'net.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'co.kr', 'or.kr', 'com.cn', 'net.cn', 'org.cn', 'com.hk', 'com.tw', 'com.sg',
  'co.in', 'net.in', 'org.in', 'co.za', 'org.za', 'com.br', 'net.br', 'org.br', 'com.mx', 'com.ar', 'com.tr', 'com.pl',
  'co.il', 'com.ua', 'co.id', 'com.my', 'com.ph', 'com.vn',
  'github.io', 'gitlab.io', 'azurewebsites.net', 'cloudapp.net', 'azurestaticapps.net', 'trafficmanager.net',
  'blob.core.windows.net', 'web.core.windows.net', 'herokuapp.com', 'appspot.com', 'firebaseapp.com', 'web.app',
  'cloudfront.net', 'amazonaws.com', 'elasticbeanstalk.com', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev',
  'fly.dev', 'onrender.com', 'ngrok.io', 'ngrok-free.app', 'duckdns.org', 'dyndns.org', 'no-ip.org', 'nip.io', 'sslip.io',
]);

/** Whether `domain` is a public suffix: a single label (a TLD) or a known registry suffix. */
export function isPublicSuffix(domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return !d.includes('.') || MULTI_LABEL_SUFFIXES.has(d);
}
