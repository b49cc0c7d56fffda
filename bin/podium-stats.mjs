#!/usr/bin/env node
/*
 * The package's `podium-stats` bin: runs the TypeScript CLI (cli/stats.ts)
 * through tsx, so it works from a clone without a build step. The package is
 * not "type": "module", so tsx treats the .ts files as CommonJS: they need
 * tsx's require hooks as well as its import hooks (what the tsx command does).
 */
import { register as registerRequire } from 'tsx/cjs/api';
import { register as registerImport } from 'tsx/esm/api';

const tsconfig = new URL('../tsconfig.json', import.meta.url);
registerRequire();
registerImport({ tsconfig: decodeURIComponent(tsconfig.pathname) });
await import(new URL('../cli/stats.ts', import.meta.url).href);
