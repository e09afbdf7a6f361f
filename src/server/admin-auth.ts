import { timingSafeEqual, createHash } from 'node:crypto';
import type { Secret } from '../config/secret.js';

export interface AdminCredentials {
  username: string;
  password: Secret;
}

/** SHA-256 of a credential: equal-length buffers for timingSafeEqual, so lengths leak nothing either. */
export const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares credentials in constant time. */
export function credentialsMatch(expected: AdminCredentials, username: string, password: string): boolean {
  const userOk = timingSafeEqual(digest(expected.username), digest(username));
  const passwordOk = timingSafeEqual(digest(expected.password.reveal()), digest(password));
  return userOk && passwordOk;
}
