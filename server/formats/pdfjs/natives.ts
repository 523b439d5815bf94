/**
 * The built-ins pdfjs-dist's bundled polyfills replace, as they were before it loaded (see ./index.ts). This
 * module must be evaluated before pdfjs-dist is: index.ts imports it first.
 */
export const NATIVES = {
  stringify: JSON.stringify,
  parse: JSON.parse,
  push: Array.prototype.push,
  toString: Function.prototype.toString,
};

/** Puts the captured built-ins back in place. */
export function restoreNatives(): void {
  JSON.stringify = NATIVES.stringify;
  JSON.parse = NATIVES.parse;
  // biome-ignore lint/suspicious/noExplicitAny: restoring a built-in the polyfill replaced
  (Array.prototype as any).push = NATIVES.push;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  (Function.prototype as any).toString = NATIVES.toString;
}
