import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('./', import.meta.url));

export default defineConfig({
  resolve: {
    // Mirrors tsconfig's "paths": { "@/*": ["./*"] }; a regex so that scoped
    // packages like @prisma/client are left alone.
    alias: [{ find: /^@\//, replacement: repoRoot }],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**', '.next/**'],
    environment: 'node',
  },
});
