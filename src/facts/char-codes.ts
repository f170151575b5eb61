/**
 * ASCII character classes by char code, for the scans that read a text code by code instead of with a regular
 * expression (long texts, hot paths). Each says nothing about characters above ASCII: callers decide those.
 */
export const isAsciiUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
export const isAsciiLetter = (c: number): boolean => isAsciiUpper(c) || isAsciiLower(c);
/** `/\s/` within ASCII: tab to carriage return, and space. */
export const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
