export { apply } from './apply.js';
export { createRoom, isIdle, playerStateOf, toView, usersOf } from './state.js';
export type * from './types.js';
