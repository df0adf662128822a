import { Limits } from '@wt/protocol';
import { LRUCache } from 'lru-cache';
import type { Member } from './types.js';

/** Names nobody may wear as they are: they would pass for the app itself. */
const RESERVED = new Set(['system', 'server', 'admin', 'moderator', 'host', 'watchtogether']);

/** Letters of other scripts drawn like Latin ones, and digits drawn like letters. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '|': 'l',
  $: 's',
  '@': 'a',
  ı: 'i',
  ł: 'l',
  ø: 'o',
};

/**
 * Skeletons already computed, by name: every join compares the newcomer's name with each
 * member's, and computing one (Unicode normalization, a scan) costs microseconds, so a
 * room of a thousand members would cost milliseconds per join without them.
 */
const SKELETONS = new LRUCache<string, string>({ max: 20_000 });

/**
 * What a name looks like, for comparing names: compatibility forms folded (fullwidth,
 * ligatures), accents dropped, case, look-alike letters, and everything but letters gone.
 * "Ѕystem", "SYSTEM", "s y s t e m" and "Sÿstem" all look like "system".
 */
export function nameSkeleton(name: string): string {
  let skeleton = SKELETONS.get(name);
  if (skeleton === undefined) {
    skeleton = skeletonOf(name);
    SKELETONS.set(name, skeleton);
  }
  return skeleton;
}

function skeletonOf(name: string): string {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let skeleton = '';
  for (const char of folded) skeleton += LOOK_ALIKES[char] ?? char;
  return skeleton.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Each member's skeleton, by the member record itself. Records are never changed (a
 * rename makes a new one) and stay the same objects from one state to the next, so a join
 * compares the newcomer's skeleton with each member's by a lookup that hashes no string:
 * a crowd of a thousand joining one room costs half a million of these.
 */
const MEMBER_SKELETONS = new WeakMap<Member, string>();

function memberSkeleton(member: Member): string {
  let skeleton = MEMBER_SKELETONS.get(member);
  if (skeleton === undefined) {
    skeleton = nameSkeleton(member.name);
    MEMBER_SKELETONS.set(member, skeleton);
  }
  return skeleton;
}

/**
 * The name `userId` gets in a room: as asked, unless it would pass for the app or for
 * someone else here; then it gets a suffix (" (guest)", " 2", " 3", ...), kept within the
 * length limit.
 */
export function distinctName(members: readonly Member[], userId: string, asked: string): string {
  const askedSkeleton = nameSkeleton(asked);
  const reserved = RESERVED.has(askedSkeleton);
  if (!reserved && !members.some((m) => m.id !== userId && memberSkeleton(m) === askedSkeleton)) {
    return asked;
  }
  // Taken: look for a free suffix against every other member's skeleton at once.
  const taken = new Set(members.filter((m) => m.id !== userId).map(memberSkeleton));
  const clash = (name: string): boolean => {
    const skeleton = nameSkeleton(name);
    return RESERVED.has(skeleton) || taken.has(skeleton);
  };
  const guest = withSuffix(asked, ' (guest)');
  if (reserved && !clash(guest)) return guest;
  for (let n = 2; ; n++) {
    const candidate = withSuffix(reserved ? guest : asked, ` ${n}`);
    if (!clash(candidate)) return candidate;
  }
}

/** `name` cut (on code points, keeping whole surrogate pairs) to leave room for `suffix`. */
function withSuffix(name: string, suffix: string): string {
  const room = Limits.nameMaxLength - suffix.length;
  let kept = '';
  for (const char of name) {
    if (kept.length + char.length > room) break;
    kept += char;
  }
  return `${kept.trimEnd()}${suffix}`;
}
