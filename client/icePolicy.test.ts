import { describe, expect, it } from 'vitest';
import { icePolicyFromSearch } from './icePolicy';

describe('icePolicyFromSearch', () => {
  it('forces relay only for ?ice=relay', () => {
    expect(icePolicyFromSearch('?ice=relay')).toBe('relay');
    expect(icePolicyFromSearch('?token=abc&ice=relay')).toBe('relay');
  });

  it('leaves the default for anything else', () => {
    expect(icePolicyFromSearch('')).toBeUndefined();
    expect(icePolicyFromSearch('?ice=all')).toBeUndefined();
    expect(icePolicyFromSearch('?ice=RELAY')).toBeUndefined();
    expect(icePolicyFromSearch('?relay')).toBeUndefined();
  });
});
