export { ActivityRules, applyWithActivity } from './activity.js';
export { apply } from './apply.js';
export { createRoom, isIdle, playerStateOf, toSnapshot, toView, usersOf } from './state.js';
export {
  currentItem,
  endsAtOf,
  hasEnded,
  nextIndexOf,
  upcomingOf,
  wakeupsOf,
  type Wakeup,
} from './timeline.js';
export { gateDecisionMs, leadTimeMs, SyncTiming } from './timing.js';
export type * from './types.js';
export { isHostOrCoHost, rolesView } from './roles.js';
export { isLockable } from './permissions.js';
export { votesNeeded } from './vote-skip.js';
