import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/ops/config.js';

describe('session settings', () => {
  it('default to a generated secret kept in ./data', () => {
    const config = loadConfig({});
    expect(config.sessionSecret).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('take SESSION_SECRET and DATA_DIR', () => {
    const secret = 's'.repeat(32);
    const config = loadConfig({ SESSION_SECRET: secret, DATA_DIR: '/var/lib/wt' });
    expect(config.sessionSecret).toBe(secret);
    expect(config.dataDir).toBe('/var/lib/wt');
  });

  it('refuse a SESSION_SECRET shorter than 32 characters', () => {
    expect(() => loadConfig({ SESSION_SECRET: 's'.repeat(31) })).toThrow(/SESSION_SECRET/);
  });
});
