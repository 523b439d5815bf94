import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../server/extraction/index';
import { ExtractedRecordSchema } from '../../shared/schemas/record';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-extract-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEED = 'seeds/000_3b1db577883f80e2.txt';

/** `npm run --silent extract -- <args>`, as a user runs it. */
function extract(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/extract.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run extract', () => {
  it('prints the engine’s records of a file as JSON', () => {
    const out = extract(['--format', 'json', SEED]);
    expect(out.code).toBe(0);
    const expected = extractDocument(readFileSync(SEED, 'utf8'), '000_3b1db577883f80e2.txt').records;
    expect(expected.length).toBeGreaterThan(10);
    expect(JSON.parse(out.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('reads a GB18030 file as an upload would, to the same figures as its UTF-8 original', () => {
    const name = '000_3b1db577883f80e2.txt';
    const gb = join(dir, name);
    writeFileSync(gb, iconv.encode(readFileSync(SEED, 'utf8'), 'gb18030'));
    const out = extract([gb]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(extract([SEED]).stdout);
  });

  it('writes CSV with a header of the record fields', () => {
    const out = extract(['--format=csv', SEED]);
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[0]).toBe(Object.keys(ExtractedRecordSchema.shape).join(','));
  });

  it('refuses a bad command line with exit code 2 and says why', () => {
    expect(extract(['--bogus', SEED])).toMatchObject({ code: 2, stderr: expect.stringContaining("'--bogus'") });
    expect(extract(['--format', 'xml', SEED])).toMatchObject({ code: 2, stderr: expect.stringContaining('xml') });
    expect(extract([])).toMatchObject({ code: 2, stderr: expect.stringContaining('no input file') });
  });

  it('names a file it cannot read with the reason, exits 1 and still prints the others', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const out = extract([empty, SEED]);
    expect(out).toMatchObject({ code: 1, stderr: expect.stringContaining('empty') });
    expect((JSON.parse(out.stdout) as unknown[]).length).toBeGreaterThan(0);
  });
});
