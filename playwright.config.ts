import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests: Debian's Chromium with fake camera and microphone against
 * the real server (`npm start`: Next production build, Socket.IO, real
 * mediasoup workers) on its own port and database.
 */

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Calls are CPU-heavy (each peer encodes three simulcast layers) on 2 cores: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_FLAGS,
    },
    permissions: ['camera', 'microphone'],
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'npm start',
    url: `http://localhost:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      DATABASE_URL: 'file:./data/e2e.db',
      STUN_URLS: '',
      MEDIASOUP_NUM_WORKERS: '2',
      MEDIASOUP_RTC_MIN_PORT: '41000',
      MEDIASOUP_RTC_MAX_PORT: '41999',
      JOIN_RATE_PER_MINUTE: '600',
      // Every page and script socket of the suite comes from 127.0.0.1, and one test opens dozens
      // (bad-input's probes, the analytics pages, the 50 join-room racers' reconnects): a per-address
      // cap sized for one office's NAT would refuse the suite itself, not an abuser.
      MAX_SOCKETS_PER_IP: '1000',
      // Far shorter than the 30 s default and than any call here lasts: loopback DTLS connects in well
      // under a second, and a deadline left running after the connect would cut every call mid-test.
      DTLS_CONNECT_TIMEOUT_MS: '10000',
      // Small enough for the room-full test to fill with a few sockets; no other test needs more than 3.
      MAX_PEERS_PER_ROOM: '4',
      LOG_LEVEL: 'warn',
    },
  },
});
