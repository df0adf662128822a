import { describe, expect, it } from 'vitest';
import { routeOf } from './route';

describe('routeOf', () => {
  it('tells the home page, a new room, the share target, a room and a bad link apart', () => {
    expect(routeOf('/', '')).toEqual({ kind: 'home' });
    expect(routeOf('/new', '')).toEqual({ kind: 'new' });
    expect(routeOf('/room/brave-otter-42', '')).toEqual({
      kind: 'room',
      roomId: 'brave-otter-42',
    });
    expect(routeOf('/room/brave-otter-42/', '')).toEqual({
      kind: 'room',
      roomId: 'brave-otter-42',
    });
    const share = routeOf('/share', '?text=hi%20there&url=');
    expect(share.kind).toBe('share');
    expect(share.kind === 'share' ? share.params.get('text') : undefined).toBe('hi there');
    for (const bad of [
      '/room/party%20tonight!',
      '/room/',
      '/room/a/b',
      `/room/${'x'.repeat(65)}`,
    ]) {
      expect(routeOf(bad, '')).toEqual({ kind: 'bad-link' });
    }
  });
});
