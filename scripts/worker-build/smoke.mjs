// Smoke test for a mediasoup-worker binary, run by scripts/ensure-worker.sh
// before the binary is cached.
//
//   MEDIASOUP_WORKER_BIN=/path/to/mediasoup-worker \
//     node scripts/worker-build/smoke.mjs /path/to/extracted/mediasoup/package
//
// The package dir is an `npm pack`ed mediasoup, extracted, with its runtime
// deps installed (`npm install --omit=dev --ignore-scripts`). No other deps.
// Starts a worker, creates a router (opus + VP8) and a WebRtcTransport on
// 127.0.0.1, closes the worker. Exits 0 on success, 1 with a message otherwise.
// Everything goes to stderr: the caller keeps stdout for its own result.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const log = (...args) => console.error('[smoke]', ...args);

function fail(message) {
  log(`FAILED: ${message}`);
  process.exit(1);
}

const pkgDir = process.argv[2];
if (!pkgDir) fail('usage: node smoke.mjs <extracted mediasoup package dir>');
const workerBin = process.env.MEDIASOUP_WORKER_BIN;
if (!workerBin) fail('MEDIASOUP_WORKER_BIN is not set');
if (!fs.existsSync(workerBin)) fail(`MEDIASOUP_WORKER_BIN=${workerBin} does not exist`);

// Nothing here should take more than a few seconds; never hang the caller.
const watchdog = setTimeout(() => fail('timed out after 30 s'), 30_000);

const require = createRequire(path.resolve(pkgDir, 'package.json'));
let mediasoup;
try {
  mediasoup = require(path.resolve(pkgDir));
} catch (err) {
  fail(`cannot load mediasoup from ${pkgDir}: ${err && err.stack ? err.stack : err}`);
}

const expectedVersion = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;

async function main() {
  log(`mediasoup ${mediasoup.version} (package ${expectedVersion}), worker ${workerBin}`);

  const worker = await mediasoup.createWorker({
    logLevel: 'warn',
    rtcMinPort: 40000,
    rtcMaxPort: 49999,
  });
  let closing = false;
  worker.on('died', (err) => {
    if (!closing) fail(`worker died: ${err}`);
  });
  log(`worker started, pid ${worker.pid}`);

  const usage = await worker.getResourceUsage();
  if (typeof usage.ru_maxrss !== 'number') fail('worker.getResourceUsage() returned no ru_maxrss');

  const router = await worker.createRouter({
    mediaCodecs: [
      { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
      { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: {} },
    ],
  });
  const mimeTypes = router.rtpCapabilities.codecs.map((c) => c.mimeType.toLowerCase());
  for (const want of ['audio/opus', 'video/vp8']) {
    if (!mimeTypes.includes(want)) fail(`router rtpCapabilities lack ${want}: ${mimeTypes.join(', ')}`);
  }
  log(`router created, codecs: ${mimeTypes.join(', ')}`);

  const transport = await router.createWebRtcTransport({
    listenIps: [{ ip: '127.0.0.1' }],
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
  });
  const candidates = transport.iceCandidates;
  if (!candidates.length) fail('WebRtcTransport has no ICE candidates');
  for (const c of candidates) {
    if (c.ip !== '127.0.0.1') fail(`unexpected ICE candidate ip ${c.ip}`);
  }
  if (!transport.dtlsParameters.fingerprints.length) fail('WebRtcTransport has no DTLS fingerprints');
  log(
    `WebRtcTransport created: ${candidates.map((c) => `${c.protocol}/${c.ip}:${c.port}`).join(' ')}, ` +
      `${transport.dtlsParameters.fingerprints.length} DTLS fingerprints`,
  );

  closing = true;
  worker.close();
  clearTimeout(watchdog);
  log('ok');
}

main().then(
  () => process.exit(0),
  (err) => fail(err && err.stack ? err.stack : String(err)),
);
