import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/ops/config.js';

describe('settings', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.roomIdleMs).toBe(30 * 60 * 1000);
    expect(config.roomCleanupIntervalMs).toBe(30 * 60 * 1000);
    expect(config.tiktokOrigin).toBeUndefined();
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', PUBLIC_URL: 'not a url' });
    } catch (error) {
      expect(String(error)).toContain('PORT');
      expect(String(error)).toContain('LOG_LEVEL');
      expect(String(error)).toContain('PUBLIC_URL');
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', TIKTOK_ORIGIN: '' }).port).toBe(3000);
  });

  it('maps the resolver and media settings, leaving unset ones to the resolver', () => {
    const config = loadConfig({
      CHROMIUM_PATH: 'none',
      RESOLVE_TIMEOUT_MS: '2500',
      RESOLVER_ERROR_CACHE_SECONDS: '0',
      MEDIA_CACHE_MB: '8',
    });
    expect(config.resolver).toEqual({
      chromiumPath: false,
      jobTimeoutMs: 2500,
      errorCacheMs: 0,
      resolveRatePerMinute: 30,
    });
    expect(config.media.cacheBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ CHROMIUM_PATH: '/opt/chrome' }).resolver.chromiumPath).toBe('/opt/chrome');
    expect(() => loadConfig({ RESOLVE_RATE_PER_MINUTE: '0' })).toThrow(/RESOLVE_RATE_PER_MINUTE/);
  });

  it('keeps the room snapshot in ./data every 5 s unless told otherwise', () => {
    const defaults = loadConfig({});
    expect(defaults.dataDir).toBe(path.resolve('data'));
    expect(defaults.snapshotIntervalMs).toBe(5000);
    const set = loadConfig({ DATA_DIR: '/var/lib/wt', SNAPSHOT_INTERVAL_SECONDS: '30' });
    expect(set.dataDir).toBe('/var/lib/wt');
    expect(set.snapshotIntervalMs).toBe(30_000);
    expect(() => loadConfig({ SNAPSHOT_INTERVAL_SECONDS: '0' })).toThrow(
      /SNAPSHOT_INTERVAL_SECONDS/,
    );
  });

  it('bounds unsent data per connection with MAX_UNSENT_KB', () => {
    expect(loadConfig({}).maxUnsentBytes).toBe(1024 * 1024);
    expect(loadConfig({ MAX_UNSENT_KB: '64' }).maxUnsentBytes).toBe(64 * 1024);
    expect(() => loadConfig({ MAX_UNSENT_KB: '0' })).toThrow(/MAX_UNSENT_KB/);
    expect(() => loadConfig({ MAX_UNSENT_KB: 'lots' })).toThrow(/MAX_UNSENT_KB/);
  });

  it('leaves the batch window of a big room to its default unless DELTA_BATCH_MS is set', () => {
    expect(loadConfig({}).deltaBatchMs).toBeUndefined();
    expect(loadConfig({ DELTA_BATCH_MS: '200' }).deltaBatchMs).toBe(200);
    expect(() => loadConfig({ DELTA_BATCH_MS: '0' })).toThrow(/DELTA_BATCH_MS/);
    expect(() => loadConfig({ DELTA_BATCH_MS: '9000' })).toThrow(/DELTA_BATCH_MS/);
  });

  it('keeps everything in memory without REDIS_URL and validates it when set', () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'wt:',
    });
    expect(
      loadConfig({ REDIS_URL: 'rediss://cache:6380', REDIS_KEY_PREFIX: 'app:' }).redis?.keyPrefix,
    ).toBe('app:');
    expect(() => loadConfig({ REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
  });
});
