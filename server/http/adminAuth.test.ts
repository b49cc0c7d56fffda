import { describe, expect, it, vi } from 'vitest';

const warnings: string[] = [];
vi.mock('@/server/log', () => ({
  log: { warn: (_scope: string, message: string) => warnings.push(message), info: () => {}, error: () => {} },
}));

const { resolveAdminToken, sameToken } = await import('./adminAuth');

describe('sameToken', () => {
  it('accepts the same token and refuses any other, of any length', () => {
    const token = 'e2e-admin-token-0123456789';
    expect(sameToken(token, `${token}`)).toBe(true);
    expect(sameToken(token, 'e2e-admin-token-0123456788')).toBe(false);
    expect(sameToken(token, token.slice(0, -1))).toBe(false);
    expect(sameToken(token, `${token}x`)).toBe(false);
    expect(sameToken(token, '')).toBe(false);
  });
});

describe('resolveAdminToken', () => {
  it('keeps a configured token and prints nothing', () => {
    const terminal = { write: vi.fn() };
    expect(resolveAdminToken('configured-token-0123', terminal)).toBe('configured-token-0123');
    expect(terminal.write).not.toHaveBeenCalled();
  });

  it('prints a generated token once on the terminal and never into the log', () => {
    warnings.length = 0;
    const printed: string[] = [];
    const token = resolveAdminToken(undefined, { write: (text: string) => printed.push(text) });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(token);
    expect(warnings.length).toBeGreaterThan(0);
    for (const line of warnings) expect(line).not.toContain(token);
    expect(resolveAdminToken(undefined, { write: () => {} })).not.toBe(token);
  });
});
