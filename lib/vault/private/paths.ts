import { hasMidPathStar } from '../../core/glob';

/** What a mount path may look like, for error messages. */
export const MOUNT_PATH_RULE = "must be a Vault mount path: not under Vault's own sys, auth, token, identity or cubbyhole; letters, digits, '-', '_' and inner '/', with no '/' at either end";

const MOUNT_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/** Vault's own paths: a mount there is refused by Vault or shadows what a policy means by it. */
const RESERVED = ['sys', 'auth', 'token', 'identity', 'cubbyhole'];

/** Whether `p` is a mount path Vault accepts and this library renders into policies unambiguously. */
export function isMountPath(p: string): boolean {
  return MOUNT_PATH.test(p) && !RESERVED.includes(p.split('/')[0].toLowerCase());
}

/** What a path inside a mount may look like, for error messages. */
export const SECRET_PATH_RULE = "must be a secret path inside the mount without a leading '/', empty, '.' or '..' segments, with '*' only at the end (letters, digits, '_-./*+@=')";

const SECRET_GLOB = /^[A-Za-z0-9_\-./*+@=]+$/;

/**
 * A path (or glob) inside a mount, as grants write it after `<mount>/data/`:
 * no `..` (which would climb out of the mount: `../../sys/*`), no `.` or
 * empty segment, and a `*` only at the end (Vault matches any other `*` literally).
 */
export function isSecretPath(p: string): boolean {
  if (p.length === 0 || p.startsWith('/') || !SECRET_GLOB.test(p) || hasMidPathStar(p)) return false;
  const segments = p.replace(/\/+$/, '').split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..');
}
