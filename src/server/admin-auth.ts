import { timingSafeEqual, createHash } from 'node:crypto';
import type { Secret } from '../config/secret.js';

export interface AdminCredentials {
  username: string;
  password: Secret;
}

/** Compares credentials in constant time (hashing first so lengths leak nothing either). */
export function credentialsMatch(expected: AdminCredentials, username: string, password: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  const userOk = timingSafeEqual(digest(expected.username), digest(username));
  const passwordOk = timingSafeEqual(digest(expected.password.reveal()), digest(password));
  return userOk && passwordOk;
}
