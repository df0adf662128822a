/** More than half of the people present (the server's rule, for the counter shown). */
export function votesNeededFor(people: number): number {
  return Math.floor(Math.max(people, 1) / 2) + 1;
}
