import { describe, expect, it } from 'vitest';
import { RoomIdSchema } from '../protocol/validation';
import { randomRoomId, roomIdFromInput } from './roomId';

describe('randomRoomId', () => {
  it('has the abc-defg-hij shape and is a valid room id', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomRoomId();
      expect(id).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      expect(RoomIdSchema.safeParse(id).success).toBe(true);
    }
  });

  it('rejects biased bytes instead of wrapping them', () => {
    // 255 is above the unbiased limit (234) and must be skipped; 0 is "a", 1 is "b".
    let call = 0;
    const random = (bytes: Uint8Array) => {
      if (call++ === 0) {
        bytes.fill(255);
        bytes[0] = 0;
      } else {
        bytes.fill(1);
      }
      return bytes;
    };
    expect(randomRoomId(random)).toBe('abb-bbbb-bbb');
  });

  it('differs between calls', () => {
    const ids = new Set(Array.from({ length: 50 }, () => randomRoomId()));
    expect(ids.size).toBe(50);
  });
});

describe('roomIdFromInput', () => {
  it('trims a bare id', () => {
    expect(roomIdFromInput('  abc-defg-hij ')).toBe('abc-defg-hij');
  });

  it('extracts the id from a pasted link', () => {
    expect(roomIdFromInput('https://podium.example/room/abc-defg-hij')).toBe('abc-defg-hij');
    expect(roomIdFromInput('http://localhost:3000/room/team_sync?x=1#y')).toBe('team_sync');
  });

  it('leaves other text for validation to reject', () => {
    expect(roomIdFromInput('not a room')).toBe('not a room');
  });
});
