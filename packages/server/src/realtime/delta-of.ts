import type { RoomChange } from '@wt/protocol';
import type { Effect } from '@wt/room';

/**
 * The changes a protocol 3 client gets for a command's effects, in the same order. Whole
 * lists become the one change the core describes; `player_seek` goes (its `player_state`
 * follows); resolver work is not the clients' business.
 */
export function changesOf(effects: readonly Effect[]): RoomChange[] {
  const changes: RoomChange[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case 'update_queue':
      case 'room_users':
        changes.push(effect.change);
        break;
      case 'update_index':
        changes.push({ kind: 'index', index: effect.index });
        break;
      case 'new_message':
        changes.push({ kind: 'message', message: effect.message });
        break;
      case 'system_message':
        changes.push({ kind: 'system_message', message: effect.message });
        break;
      case 'player_state':
        changes.push({ kind: 'player_state', state: effect.state });
        break;
      case 'start_countdown':
        changes.push({ kind: 'countdown', seconds: effect.seconds });
        break;
      case 'room_roles':
        changes.push({ kind: 'roles', roles: effect.roles });
        break;
      case 'player_seek':
      case 'resolveVideo':
        break;
      default: {
        const unreachable: never = effect;
        throw new Error(`Unhandled effect ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return changes;
}
