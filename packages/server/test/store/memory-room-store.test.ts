import { MemoryRoomStore } from '../../src/store/memory-room-store.js';
import { roomStoreContract } from './room-store.contract.js';

roomStoreContract('MemoryRoomStore', () => Promise.resolve(new MemoryRoomStore()));
