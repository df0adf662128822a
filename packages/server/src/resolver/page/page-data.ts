import { scriptsById } from './html-tags.js';
import { itemSchema, statusCodeSchema, type Item } from './item-schema.js';

/** The script tags that carry page data, one per era (tiktok-reference.md section 2). */
export const DATA_SCRIPT_IDS = [
  '__UNIVERSAL_DATA_FOR_REHYDRATION__',
  'SIGI_STATE',
  '__NEXT_DATA__',
] as const;
const DATA_SCRIPT_ID_SET: ReadonlySet<string> = new Set(DATA_SCRIPT_IDS);

export type PageData =
  | { kind: 'item'; item: Item }
  | { kind: 'status'; statusCode: number; statusMsg: string | undefined }
  | { kind: 'none' };

const NONE: PageData = { kind: 'none' };

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Reflect.get(value, key);
}

function path(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((current, key) => field(current, key), value);
}

function fromDetail(statusValue: unknown, statusMsg: unknown, rawItem: unknown): PageData {
  const statusCode = statusCodeSchema.parse(statusValue);
  const message = typeof statusMsg === 'string' ? statusMsg : undefined;
  if (statusCode !== undefined && statusCode !== 0) {
    return { kind: 'status', statusCode, statusMsg: message };
  }
  const parsed = itemSchema.safeParse(rawItem);
  return parsed.success ? { kind: 'item', item: parsed.data } : NONE;
}

/** Current era and the mobile share page: `__DEFAULT_SCOPE__[...]`. */
function universal(json: unknown): PageData {
  const scope = field(json, '__DEFAULT_SCOPE__');
  for (const key of ['webapp.video-detail', 'webapp.reflow.video.detail']) {
    const detail = field(scope, key);
    if (detail !== undefined) {
      return fromDetail(
        field(detail, 'statusCode'),
        field(detail, 'statusMsg'),
        path(detail, ['itemInfo', 'itemStruct']),
      );
    }
  }
  return NONE;
}

/** 2022-2023: `ItemModule[id]`, the author a string, the nickname beside it. */
function sigi(json: unknown, id: string): PageData {
  const statusCode = statusCodeSchema.parse(path(json, ['VideoPage', 'statusCode']));
  if (statusCode !== undefined && statusCode !== 0) {
    const statusMsg = path(json, ['VideoPage', 'statusMsg']);
    return {
      kind: 'status',
      statusCode,
      statusMsg: typeof statusMsg === 'string' ? statusMsg : undefined,
    };
  }
  const parsed = itemSchema.safeParse(path(json, ['ItemModule', id]));
  if (!parsed.success) return NONE;
  const item = parsed.data;
  if (typeof item.author === 'string' && item.nickname === undefined) {
    const nickname = path(json, ['UserModule', 'users', item.author, 'nickname']);
    if (typeof nickname === 'string') return { kind: 'item', item: { ...item, nickname } };
  }
  return { kind: 'item', item };
}

/** Before 2022: `props.pageProps`. */
function nextData(json: unknown): PageData {
  const props = path(json, ['props', 'pageProps']);
  if (props === undefined) return NONE;
  return fromDetail(
    field(props, 'statusCode'),
    field(props, 'statusMessage'),
    path(props, ['itemInfo', 'itemStruct']),
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads page data from the data scripts' texts (keyed by script id). */
export function readPageData(scripts: ReadonlyMap<string, string>, id: string): PageData {
  for (const scriptId of DATA_SCRIPT_IDS) {
    const text = scripts.get(scriptId);
    if (text === undefined) continue;
    const json = parseJson(text);
    if (json === undefined) continue;
    const data =
      scriptId === '__UNIVERSAL_DATA_FOR_REHYDRATION__'
        ? universal(json)
        : scriptId === 'SIGI_STATE'
          ? sigi(json, id)
          : nextData(json);
    if (data.kind !== 'none') return data;
  }
  return NONE;
}

/** Reads page data straight from a page's HTML. */
export function pageDataFromHtml(html: string, id: string): PageData {
  return readPageData(scriptsById(html, DATA_SCRIPT_ID_SET), id);
}
