import { Limits } from '@wt/protocol';
import { cryptoRandomInt, pick, type RandomInt } from './random';
import { ADJECTIVES, ANIMALS } from './words';

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A friendly generated name such as "Curious Panda". */
export function generateDisplayName(random: RandomInt = cryptoRandomInt): string {
  return `${capitalise(pick(ADJECTIVES, random))} ${capitalise(pick(ANIMALS, random))}`;
}

/**
 * The name as the server will store it (control characters dropped, trimmed), or
 * undefined when it would be refused. Mirrors the protocol's `displayName` schema.
 */
export function cleanDisplayName(input: string): string | undefined {
  const clean = input.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return clean.length > 0 && clean.length <= Limits.nameMaxLength ? clean : undefined;
}
