// Runs the demo portal standalone:
//   node demo/main.mjs [--port 8080] [--qr-port 8081] [--style svg] [--data demo-data.json] [--clock-offset 90] [--log]

import { parseArgs } from 'node:util';
import { startPortal, startQrImageHost, QR_STYLES } from './portal.mjs';

/**
 * @param {string | undefined} value
 * @param {string} flag
 */
function portArg(value, flag) {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`${flag} must be a port number between 0 and 65535 (got "${value}").`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    'qr-port': { type: 'string' },
    style: { type: 'string', default: 'svg' },
    data: { type: 'string' },
    'clock-offset': { type: 'string', default: '0' },
    log: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(`Usage: node demo/main.mjs [--port 8080] [--qr-port N] [--style ${QR_STYLES.join('|')}] [--data file.json] [--clock-offset SECONDS] [--log]`);
  console.log('  --clock-offset  run the portal\'s clock this many seconds ahead (negative: behind), to try Tessera\'s clock check');
  process.exit(0);
}
const clockOffset = Number(values['clock-offset']);
if (!Number.isInteger(clockOffset) || Math.abs(clockOffset) > 86_400) {
  console.error(`--clock-offset must be a whole number of seconds between -86400 and 86400 (got "${values['clock-offset']}").`);
  process.exit(2);
}
if (!QR_STYLES.includes(values.style ?? '')) {
  console.error(`--style must be one of: ${QR_STYLES.join(', ')}.`);
  process.exit(2);
}

try {
  const qrHost = await startQrImageHost({ port: portArg(values['qr-port'], '--qr-port'), log: values.log });
  const portal = await startPortal({
    port: portArg(values.port, '--port'),
    dataFile: values.data,
    log: values.log,
    qrStyle: values.style,
    qrImageUrl: qrHost.url,
    now: () => Date.now() + clockOffset * 1000,
  });
  const other = `http://localhost:${portal.port}`;
  console.log(`ClientZone demo portal: ${portal.url}/  (also reachable as ${other}/, a different site)`);
  console.log(`Remote QR image host:   ${qrHost.url}/v1/create-qr-code/?data=...`);
  console.log(`Setup page styles: ${portal.url}/user/two-factor/setup?style=<${QR_STYLES.join('|')}>`);
  if (clockOffset) console.log(`The portal's clock runs ${Math.abs(clockOffset)} s ${clockOffset > 0 ? 'ahead' : 'behind'}.`);
  const stop = async () => {
    await Promise.all([portal.close(), qrHost.close()]);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  const code = /** @type {{code?: string}} */ (err).code;
  console.error(code === 'EADDRINUSE'
    ? 'The port is already in use. Choose another one with --port.'
    : `The demo portal could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
