import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/resolver/net/ip-policy.js';
import { BlockedAddressError, createPublicAgent } from '../../src/resolver/net/safe-agent.js';
import { UpstreamClient } from '../../src/resolver/net/upstream.js';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const id = FAKE_IDS.current;

describe('a pasted URL never makes the server go anywhere but TikTok', () => {
  it.each([
    ['the fake origin itself (loopback)', () => `${h.fake.origin}/@x/video/${id}`, 'NOT_TIKTOK'],
    ['loopback by name', () => `http://localhost:1/@x/video/${id}`, 'NOT_TIKTOK'],
    ['loopback IPv6', () => `http://[::1]/@x/video/${id}`, 'NOT_TIKTOK'],
    ['loopback in hex', () => `http://0x7f000001/@x/video/${id}`, 'NOT_TIKTOK'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', 'NOT_TIKTOK'],
    ['a private address', () => `http://10.0.0.1/@x/video/${id}`, 'NOT_TIKTOK'],
    ['a lookalike suffix', () => `https://tiktok.com.evil.example/@x/video/${id}`, 'NOT_TIKTOK'],
    ['a lookalike www', () => `https://www.tiktok.com.evil.example/@x/video/${id}`, 'NOT_TIKTOK'],
    ['a lookalike prefix', () => `https://eviltiktok.com/@x/video/${id}`, 'NOT_TIKTOK'],
    ['user-info trick', () => `https://www.tiktok.com@evil.example/@x/video/${id}`, 'NOT_TIKTOK'],
    ['a TikTok link with a port', () => `https://www.tiktok.com:8443/@x/video/${id}`, 'NOT_TIKTOK'],
    [
      'a TikTok URL in the query',
      () => `https://evil.example/?u=https://www.tiktok.com/@x/video/${id}`,
      'NOT_TIKTOK',
    ],
    ['file:', () => 'file:///etc/passwd', 'INVALID_URL'],
    ['javascript:', () => 'javascript:alert(1)', 'INVALID_URL'],
  ])('%s', async (_name, makeUrl, code) => {
    h.fake.resetStats();
    const res = await h.resolve(makeUrl());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code } });
    expect(h.fake.stats.log).toEqual([]);
  });

  it.each([
    ['off TikTok', 'ZMevil001'],
    ['to the fake origin itself (loopback)', 'ZMlocal01'],
    ['to cloud metadata', 'ZMmeta001'],
    ['to 127.0.0.1', 'ZMloopb01'],
  ])('a short link that redirects %s is refused at that hop', async (_name, code) => {
    h.fake.resetStats();
    const res = await h.resolve(`https://vm.tiktok.com/${code}/`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'NOT_TIKTOK' } });
    expect(h.fake.stats.log).toEqual([`GET /${code}/`]);
  });

  it('media URLs in page data that are not on TikTok are dropped', async () => {
    // The 540p rendition lists https://evil.example/steal.mp4 as a mirror.
    const res = await h.resolve(`https://www.tiktok.com/@x/video/${id}`);
    expect(res.status).toBe(200);
    const source = await h.resolver.mediaSource(id);
    expect(source.urls.length).toBeGreaterThan(0);
    for (const url of source.urls) {
      expect(new URL(url).hostname).toMatch(/(^|\.)tiktok\.com$|(^|\.)tiktokcdn(-us)?\.com$/);
    }
  });
});

describe('the connection itself refuses non-public addresses (no TIKTOK_ORIGIN)', () => {
  it('classifies addresses', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a00:1',
      'not-an-ip',
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it('the public agent will not connect to a name that resolves to loopback', async () => {
    const agent = createPublicAgent({
      connectTimeoutMs: 2000,
      headersTimeoutMs: 2000,
      bodyTimeoutMs: 2000,
    });
    const port = new URL(h.fake.origin).port;
    try {
      await expect(
        request(`http://localhost:${port}/`, { dispatcher: agent }),
      ).rejects.toBeInstanceOf(BlockedAddressError);
      await expect(
        request(`http://127.0.0.1:${port}/`, { dispatcher: agent }),
      ).rejects.toBeInstanceOf(BlockedAddressError);
      await expect(request(`http://[::1]:${port}/`, { dispatcher: agent })).rejects.toBeInstanceOf(
        BlockedAddressError,
      );
    } finally {
      await agent.close();
    }
    expect(h.fake.stats.log.filter((line) => line === 'GET /')).toEqual([]);
  });

  it('without TIKTOK_ORIGIN only TikTok hosts are targets, always over HTTPS on the default port', async () => {
    const client = new UpstreamClient();
    try {
      expect(client.target(new URL('http://www.tiktok.com/@x/video/1'))?.url.href).toBe(
        'https://www.tiktok.com/@x/video/1',
      );
      expect(client.isAllowed(new URL('https://v16-webapp-prime.tiktok.com/video/tos/x'))).toBe(
        true,
      );
      expect(client.isAllowed(new URL('https://v16m.tiktokcdn-us.com/x'))).toBe(true);
      expect(client.isAllowed(new URL(h.fake.origin))).toBe(false);
      expect(client.isAllowed(new URL('https://www.tiktok.com:444/'))).toBe(false);
      expect(client.isAllowed(new URL('https://tiktok.com.evil.example/'))).toBe(false);
      expect(client.isAllowed(new URL('https://user:pw@www.tiktok.com/'))).toBe(false);
      await expect(
        client.request(new URL(`${h.fake.origin}/`), { headers: {} }),
      ).rejects.toMatchObject({
        code: 'NOT_TIKTOK',
      });
    } finally {
      await client.close();
    }
  });
});
