import type { AckResponse } from '@wt/protocol';

export type Reply = (response: AckResponse) => void;

/**
 * The acknowledgement callback as the client sent it: Socket.io passes whatever the
 * client put last, so it is only called when it really is a function.
 */
export function toReply(candidate: unknown): Reply {
  if (typeof candidate !== 'function') return () => undefined;
  return (response) => {
    Reflect.apply(candidate, undefined, [response]);
  };
}
