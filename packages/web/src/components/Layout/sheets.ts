/** The panels a phone opens over the clip's lower part, one at a time. */
export type SheetName = 'queue' | 'chat' | 'people';

export const SHEET_TITLES: Record<SheetName, string> = {
  queue: 'Queue',
  chat: 'Chat',
  people: 'People',
};

export const SHEETS: readonly SheetName[] = ['queue', 'chat', 'people'];
