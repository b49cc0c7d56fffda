import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
// Relative, not '@/': the podium-stats bin loads this through tsx's require hook, which resolves
// tsconfig paths only when run from the repo root.
import { AppError } from '../../lib/protocol/errors';
import { JOIN_REFUSAL_MESSAGES as MESSAGES } from '../../lib/protocol/joinRefusals';

/*
 * Join links: an HS256 JWT that lets its holder into one room until it
 * expires. Minted by the host's tooling (the CLI) and checked by the server
 * with the same shared secret, so nothing is stored per link.
 */

export type JoinRole = 'participant' | 'host';

export interface JoinClaims {
  roomId: string;
  name?: string;
  role: JoinRole;
}

export interface MintOptions {
  ttlSeconds: number;
  /** The clock, for tests and for minting ahead of time; defaults to Date.now(). */
  nowMs?: number;
}

const ALGORITHM = 'HS256';
const ISSUER = 'podium';
const AUDIENCE = 'podium-join';
/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
export const MIN_SECRET_BYTES = 32;

const byteLength = (value: string) => new TextEncoder().encode(value).length;

/** A short secret is a deployment mistake, so it fails loudly rather than as a rejected link. */
function keyFrom(secret: string): Uint8Array {
  if (byteLength(secret) < MIN_SECRET_BYTES) {
    throw new Error(`the join token secret must be at least ${MIN_SECRET_BYTES} bytes long`);
  }
  return new TextEncoder().encode(secret);
}

/** JOIN_TOKEN_SECRET: unset or blank means join tokens are off; too short is an error, never a weak key. */
export function joinSecretFromEnv(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (byteLength(value) < MIN_SECRET_BYTES) {
    throw new Error(`JOIN_TOKEN_SECRET must be at least ${MIN_SECRET_BYTES} bytes long (got ${byteLength(value)}); generate one with: openssl rand -base64 48`);
  }
  return value;
}

export async function mintJoinToken(secret: string, claims: JoinClaims, options: MintOptions): Promise<string> {
  const { ttlSeconds, nowMs = Date.now() } = options;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`ttlSeconds must be a positive whole number, got ${ttlSeconds}`);
  if (claims.roomId === '') throw new RangeError('roomId must not be empty');
  const key = keyFrom(secret);
  const issuedAt = Math.floor(nowMs / 1000);
  const payload: JWTPayload = { room: claims.roomId, role: claims.role, ...(claims.name === undefined ? {} : { name: claims.name }) };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key);
}

/**
 * The claims of a token that is signed with `secret`, unexpired and for
 * `roomId`; otherwise an AppError whose message can be shown to the person
 * holding the link. Missing or bad links are 401 (no usable credential); a
 * good link for another room is 403 (a credential, just not for this room).
 */
export async function verifyJoinToken(secret: string, token: string | null | undefined, roomId: string, nowMs?: number): Promise<JoinClaims> {
  const key = keyFrom(secret);
  if (!token) throw new AppError('unauthorized', MESSAGES.missing);
  const payload = await verifiedPayload(token, key, nowMs);
  const claims = claimsOf(payload);
  if (claims.roomId !== roomId) throw new AppError('forbidden', MESSAGES['other-room']);
  return claims;
}

/**
 * The claims of a token that is signed with `secret` and unexpired, whatever
 * room it names: for places that serve any room's holder (the ICE servers)
 * and so read the room from the token instead of checking it against one.
 */
export async function verifyJoinTokenAnyRoom(secret: string, token: string | null | undefined, nowMs?: number): Promise<JoinClaims> {
  const key = keyFrom(secret);
  if (!token) throw new AppError('unauthorized', MESSAGES.missing);
  return claimsOf(await verifiedPayload(token, key, nowMs));
}

async function verifiedPayload(token: string, key: Uint8Array, nowMs: number | undefined): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, key, {
      // Pinning the algorithm is what stops `none` and algorithm-confusion tokens.
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['exp', 'iat'],
      currentDate: nowMs === undefined ? undefined : new Date(nowMs),
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AppError('unauthorized', MESSAGES.expired);
    // Every other jose failure (bad signature, malformed, wrong alg, iss or aud) means the same to the holder.
    if (error instanceof errors.JOSEError) throw new AppError('unauthorized', MESSAGES.invalid);
    throw error;
  }
}

const isRole = (value: unknown): value is JoinRole => value === 'participant' || value === 'host';

/** The signature only proves who wrote the payload, not its shape: check it before trusting it. */
function claimsOf(payload: JWTPayload): JoinClaims {
  const { room, role, name } = payload;
  if (typeof room !== 'string' || room === '' || !isRole(role) || (name !== undefined && typeof name !== 'string')) {
    throw new AppError('unauthorized', MESSAGES.invalid);
  }
  return name === undefined ? { roomId: room, role } : { roomId: room, role, name };
}

/** `${baseUrl}/room/<roomId>?token=<token>`, whether or not baseUrl ends in a slash. */
export function joinLink(baseUrl: string, roomId: string, token: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/room/${encodeURIComponent(roomId)}?token=${encodeURIComponent(token)}`;
}
