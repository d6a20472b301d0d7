/** What a mount path may look like, for error messages. */
export const MOUNT_PATH_RULE = "must be a Vault mount path: letters, digits, '-', '_' and inner '/', with no '/' at either end";

const MOUNT_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/** Whether `p` is a mount path Vault accepts and this library renders into policies unambiguously. */
export function isMountPath(p: string): boolean {
  return MOUNT_PATH.test(p);
}
