/**
 * The sync tests' real WebDAV server (Debian's apache2 + mod_dav + basic auth on 127.0.0.1).
 * The implementation is plain JS in scripts/lib so that `npm run bench` starts the same server.
 */
export { startWebDav, webDavAvailable, type WebDavServer } from '../scripts/lib/webdav-server.mjs';
