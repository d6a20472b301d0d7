/**
 * An Entra ID display name as this library accepts one: 1 to 120 characters,
 * no leading or trailing spaces (the portal trims them, so a padded name
 * never matches what an operator searches for).
 */
const DISPLAY_NAME = /^\S(.{0,118}\S)?$/;

/** What {@link isDisplayName} allows, for validation messages. */
export const DISPLAY_NAME_RULE = 'must be 1-120 characters without leading or trailing spaces';

/** Whether `name` is a display name this library accepts. */
export function isDisplayName(name: string): boolean {
  return DISPLAY_NAME.test(name);
}
