import { describe, expect, it } from 'vitest';
import { connectionProblem, connectionStatus, LIVE_WINDOW_MS, OFFLINE_AFTER_FAILURES, type ConnectionFacts } from './connection';

const now = 1_000_000;
const live: ConnectionFacts = { connected: true, lastPushAt: now - 500, now, failures: 0, online: true, refused: false };

describe('connectionStatus', () => {
  it('is live while connected with a recent push', () => {
    expect(connectionStatus(live)).toBe('live');
    expect(connectionStatus({ ...live, lastPushAt: now - LIVE_WINDOW_MS })).toBe('live');
  });

  it('stops being live when pushes stop, even while connected', () => {
    expect(connectionStatus({ ...live, lastPushAt: now - LIVE_WINDOW_MS - 1 })).toBe('reconnecting');
  });

  it('says connecting before the first push and reconnecting after a loss', () => {
    expect(connectionStatus({ ...live, connected: false, lastPushAt: null })).toBe('connecting');
    expect(connectionStatus({ ...live, connected: true, lastPushAt: null })).toBe('connecting');
    expect(connectionStatus({ ...live, connected: false })).toBe('reconnecting');
  });

  it('is offline after several failed attempts, when refused, or when the browser is offline', () => {
    expect(connectionStatus({ ...live, connected: false, failures: OFFLINE_AFTER_FAILURES - 1 })).toBe('reconnecting');
    expect(connectionStatus({ ...live, connected: false, failures: OFFLINE_AFTER_FAILURES })).toBe('offline');
    expect(connectionStatus({ ...live, connected: false, lastPushAt: null, failures: OFFLINE_AFTER_FAILURES })).toBe('offline');
    expect(connectionStatus({ ...live, refused: true })).toBe('offline');
    expect(connectionStatus({ ...live, online: false })).toBe('offline');
  });
});

describe('connectionProblem', () => {
  it('says nothing while live or connecting', () => {
    expect(connectionProblem(live, null)).toBeNull();
    expect(connectionProblem({ ...live, lastPushAt: null }, 'x')).toBeNull();
  });

  it('names the reason otherwise', () => {
    expect(connectionProblem({ ...live, online: false }, null)).toMatch(/browser is offline/);
    expect(connectionProblem({ ...live, refused: true }, 'Admin sign-in required')).toBe('Admin sign-in required');
    expect(connectionProblem({ ...live, connected: false }, 'xhr poll error')).toContain('xhr poll error');
  });
});
