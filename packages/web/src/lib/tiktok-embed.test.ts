import { describe, expect, it } from 'vitest';
import { embedCommand, embedSrc, parseEmbedMessage } from './tiktok-embed';

describe('TikTok Embed Player messages', () => {
  it('builds commands', () => {
    expect(embedCommand('seekTo', 12.5)).toEqual({
      'x-tiktok-player': true,
      type: 'seekTo',
      value: 12.5,
    });
    expect(embedCommand('play')).toEqual({ 'x-tiktok-player': true, type: 'play' });
  });

  it('parses the player events, as objects or JSON strings', () => {
    expect(parseEmbedMessage({ 'x-tiktok-player': true, type: 'onPlayerReady' })).toEqual({
      type: 'ready',
    });
    expect(
      parseEmbedMessage(
        JSON.stringify({ 'x-tiktok-player': true, type: 'onStateChange', value: 1 }),
      ),
    ).toEqual({
      type: 'state',
      state: 1,
    });
    expect(
      parseEmbedMessage({
        'x-tiktok-player': true,
        type: 'onCurrentTime',
        value: { currentTime: 3, duration: 20 },
      }),
    ).toEqual({ type: 'time', currentTime: 3, duration: 20 });
    expect(
      parseEmbedMessage({
        'x-tiktok-player': true,
        type: 'onPlayerError',
        value: { errorCode: 3002 },
      }),
    ).toEqual({ type: 'error', code: 3002 });
  });

  it('ignores anything else', () => {
    expect(parseEmbedMessage({ type: 'onPlayerReady' })).toBeUndefined();
    expect(parseEmbedMessage('not json')).toBeUndefined();
    expect(parseEmbedMessage(null)).toBeUndefined();
    expect(
      parseEmbedMessage({ 'x-tiktok-player': true, type: 'onCurrentTime', value: {} }),
    ).toBeUndefined();
  });

  it('adds our player parameters to the embed URL', () => {
    expect(embedSrc('https://www.tiktok.com/player/v1/7400000000000000001')).toBe(
      'https://www.tiktok.com/player/v1/7400000000000000001?autoplay=0&controls=1',
    );
  });
});
