/**
 * pdfjs-dist's legacy build (the one that runs on Node 20), loaded without the cost it would put on the rest of
 * the server. Its bundled core-js polyfills replace JSON.stringify and JSON.parse (to add JSON.rawJSON, which
 * Node 20 lacks), Array.prototype.push and Function.prototype.toString with JavaScript versions, for the whole
 * process: every API response was then serialised character by character, a quarter of a target page's time.
 * pdfjs needs none of those four (the polyfills only add to them), so they are put back once both of its
 * bundles have run; what the polyfills add that Node 20 lacks (Promise.withResolvers, Uint8Array#toHex…) stays.
 *
 * The worker bundle is loaded here as well, not at the first PDF: it carries its own copy of the polyfills, and
 * loaded up front it sets `globalThis.pdfjsWorker`, which pdfjs then uses in-process instead of importing it.
 */
import { restoreNatives } from './natives';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

restoreNatives();

export { getDocument };
