// The custom server (server.ts) owns mediasoup, Socket.IO and the REST API;
// Next only renders pages, so nothing server-side is bundled here.
/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The dev badge covers the microphone button on phone-sized windows.
  devIndicators: false,
  serverExternalPackages: ['mediasoup', 'better-sqlite3'],
};
