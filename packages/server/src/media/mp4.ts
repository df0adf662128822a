/**
 * Whether bytes look like the start of an MP4: the first box is `ftyp`. TikTok's CDN
 * answers errors with HTML, sometimes labelled video/mp4; those must never reach a player.
 */
export function startsLikeMp4(head: Buffer): boolean {
  return head.length >= 8 && head.toString('latin1', 4, 8) === 'ftyp';
}

export function isHtmlContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /text\/html|application\/xhtml/i.test(contentType);
}
