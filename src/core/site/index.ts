/** Public API of site identity (registrable domains, fill safety, issuer suggestions). */
export { siteOf, isSecureForFill, siteLabel, issuerMatchesSite } from './site-of-url';
export { originsFor, patternsForOrigin } from './origins-for';
export { isSite } from './is-site';
