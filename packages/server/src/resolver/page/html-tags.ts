/**
 * A small, forgiving scanner for the few HTML elements the resolver reads: `<script>`
 * tags by id (the page data) and elements by id (the WAF challenge). It finds tags and
 * reads attributes in any order and quoting; the data inside is parsed as JSON elsewhere,
 * never with regexes.
 */
export interface Tag {
  name: string;
  attrs: Map<string, string>;
  /** Index just after the tag's closing `>`. */
  end: number;
}

const WS = /\s/;

/** Parses the tag starting at `start` (which points at `<`); undefined if malformed. */
function readTag(html: string, start: number): Tag | undefined {
  let i = start + 1;
  const nameMatch = /^[A-Za-z][A-Za-z0-9-]*/.exec(html.slice(i, i + 32));
  if (!nameMatch) return undefined;
  const name = nameMatch[0].toLowerCase();
  i += nameMatch[0].length;
  const attrs = new Map<string, string>();
  while (i < html.length) {
    while (i < html.length && WS.test(html.charAt(i))) i++;
    const ch = html.charAt(i);
    if (ch === '>') return { name, attrs, end: i + 1 };
    if (ch === '/') {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < html.length && !/[\s=>/]/.test(html.charAt(i))) i++;
    const attr = html.slice(nameStart, i).toLowerCase();
    while (i < html.length && WS.test(html.charAt(i))) i++;
    let value = '';
    if (html.charAt(i) === '=') {
      i++;
      while (i < html.length && WS.test(html.charAt(i))) i++;
      const quote = html.charAt(i);
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) return undefined;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < html.length && !/[\s>]/.test(html.charAt(i))) i++;
        value = html.slice(valueStart, i);
      }
    }
    if (attr !== '' && !attrs.has(attr)) attrs.set(attr, value);
  }
  return undefined;
}

/** The text of the `<script>` elements whose id is in `ids`, keyed by id. */
export function scriptsById(html: string, ids: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  const opener = /<script(?=[\s>/])/gi;
  const closer = /<\/script\s*>/gi;
  for (let match = opener.exec(html); match; match = opener.exec(html)) {
    const tag = readTag(html, match.index);
    if (!tag) continue;
    closer.lastIndex = tag.end;
    const close = closer.exec(html);
    if (!close) break;
    const id = tag.attrs.get('id');
    if (id !== undefined && ids.has(id) && !found.has(id)) {
      found.set(id, html.slice(tag.end, close.index));
    }
    // Script bodies are skipped whole: `<script` inside one is text, not a tag.
    opener.lastIndex = closer.lastIndex;
  }
  return found;
}

/** The attributes of any element whose id is in `ids`, keyed by id. */
export function elementsById(
  html: string,
  ids: ReadonlySet<string>,
): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  const opener = /<[A-Za-z][A-Za-z0-9-]*[\s>]/g;
  for (let match = opener.exec(html); match; match = opener.exec(html)) {
    const tag = readTag(html, match.index);
    if (!tag) continue;
    opener.lastIndex = tag.end;
    const id = tag.attrs.get('id');
    if (id !== undefined && ids.has(id) && !found.has(id)) found.set(id, tag.attrs);
  }
  return found;
}
