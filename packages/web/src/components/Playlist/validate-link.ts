import { parseTikTokUrl } from '@wt/protocol';

export type LinkCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * The instant, client-side check of a pasted link (the server checks again): only
 * TikTok video links get sent.
 */
export function checkTikTokLink(input: string): LinkCheck {
  const url = input.trim();
  if (url === '') return { ok: false, message: 'Paste a TikTok link first.' };
  const parsed = parseTikTokUrl(url);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  if (parsed.link.kind === 'photo') {
    return { ok: false, message: 'That is a photo post, not a video.' };
  }
  return { ok: true, url };
}
