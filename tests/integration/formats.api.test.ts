import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCX_XML_BYTES } from '../../server/formats/docx';
import { type ApiClient, anonymousClient, type Body, loginAs } from '../setup/auth';
import {
  closePrinter,
  encryptedPdf,
  htmlWithoutArticle,
  POLICY,
  policyDocx,
  policyHtml,
  policyPdf,
  policyTxt,
  scannedPdf,
  zipDocx,
} from '../setup/documents';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
let analyst: ApiClient;
let viewer: ApiClient;
let pdf: Buffer;

beforeAll(async () => {
  srv = await startTestServer();
  analyst = await loginAs(srv, 'analyst');
  viewer = await loginAs(srv, 'viewer');
  pdf = await policyPdf();
}, 120_000);
afterAll(async () => {
  await closePrinter();
  await srv.close();
});

type Doc = { id: number; format: string; encoding: string; figures: number; lineCount: number; title: string };
type Target = { id: number; line: number; quote: string; value: number; unit: string };

const count = (table: string) =>
  (srv.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function targetsOf(documentId: number): Promise<Target[]> {
  const res = await analyst.fetch(`/api/targets?document=${documentId}&pageSize=500`);
  return ((await res.json()) as { items: Target[] }).items;
}

async function uploaded(name: string, content: Buffer, fields?: Record<string, string>): Promise<Doc> {
  const { status, body } = await analyst.upload(name, content, fields);
  expect(status, JSON.stringify(body.error)).toBe(201);
  return body.document as Doc;
}

describe('uploading each format', () => {
  let txt: Doc;
  beforeAll(async () => {
    txt = await uploaded('合肥行动方案.txt', policyTxt());
  });

  it('stores a PDF as its lines with figures, and a target shows the page and line it stands on', async () => {
    const doc = await uploaded('合肥行动方案.pdf', pdf);
    expect([doc.format, doc.encoding]).toEqual(['pdf', 'PDF']);
    expect(doc.figures).toBe(txt.figures);
    expect(doc.lineCount).toBe(txt.lineCount - 1); // the .txt ends with a newline: one blank last line
    const targets = await targetsOf(doc.id);
    const prose = targets.find((t) => t.value === 1500 && t.unit === '亿元');
    const table = targets.find((t) => t.value === 25 && t.unit === '个');
    expect(prose && table).toBeTruthy();
    const detail = async (id: number) =>
      (await analyst.get(`/api/targets/${id}`)).body as Body & {
        context: { page: number | null; lines: { line: number; text: string }[] };
        target: { line: number };
      };
    const p = await detail(prose!.id);
    expect(p.context.page).toBe(1);
    expect(p.context.lines.find((l) => l.line === p.target.line)?.text).toBe(POLICY.goals.paragraphs[0]);
    expect((await detail(table!.id)).context.page).toBe(2);
    const lines = (await analyst.get(`/api/documents/${doc.id}`)).body.lines as { line: number; page: number }[];
    expect(lines[0]?.page).toBe(1);
    expect(lines[lines.length - 1]?.page).toBe(2);
  });

  it('stores a DOCX and a web page with the same figures as the text', async () => {
    // Each under its own title: the same text under another name is the same document (an unchanged upload).
    const docx = await uploaded(
      '合肥行动方案.docx',
      await policyDocx({ ...POLICY, title: `${POLICY.title}（Word版）` }),
    );
    const html = await uploaded('合肥行动方案.html', policyHtml({ ...POLICY, title: `${POLICY.title}（网页版）` }));
    expect([docx.format, docx.figures]).toEqual(['docx', txt.figures]);
    expect([html.format, html.figures, html.encoding]).toEqual(['html', txt.figures, 'UTF-8']);
    const quotes = async (id: number) => (await targetsOf(id)).map((t) => [t.quote, t.value]).sort();
    expect(await quotes(docx.id)).toEqual(await quotes(txt.id));
    const detail = (await analyst.get(`/api/targets/${(await targetsOf(docx.id))[0]?.id}`)).body as {
      context: { page: number | null };
    };
    expect(detail.context.page).toBeNull();
  });

  it('stores the title, region and year an analyst states, and refuses a region that does not exist', async () => {
    const fields = { title: '合肥市数字经济行动方案', region: '340100', year: '2024' };
    const doc = (await uploaded('stated.txt', Buffer.from(`${policyTxt().toString()}\n附：说明。`), fields)) as Doc & {
      statedTitle: string;
      statedRegionCode: string;
      statedYear: number;
    };
    expect([doc.title, doc.statedTitle, doc.statedRegionCode, doc.statedYear]).toEqual([
      '合肥市数字经济行动方案',
      '合肥市数字经济行动方案',
      '340100',
      2024,
    ]);
    const before = count('documents');
    const bad = await analyst.upload('bad-region.txt', Buffer.from('到2025年，全市5G基站达到1万个。'), {
      region: '999999',
    });
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'UNKNOWN_REGION']);
    const badYear = await analyst.upload('bad-year.txt', Buffer.from('到2025年，全市5G基站达到1万个。'), {
      year: 'soon',
    });
    expect(badYear.status).toBe(400);
    expect(count('documents')).toBe(before);
  });
});

describe('GET /api/documents/:id/original', () => {
  it('downloads the file as uploaded, with its type and Chinese name', async () => {
    const doc = await uploaded('原件下载.pdf', await policyPdf({ ...POLICY, title: '原件下载测试方案' }));
    const res = await viewer.fetch(`/api/documents/${doc.id}/original`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('原件下载.pdf')}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(Number(res.headers.get('content-length')));
    const html = await uploaded('页面.htm', policyHtml({ ...POLICY, title: '页面下载测试方案' }));
    const page = await viewer.fetch(`/api/documents/${html.id}/original`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(policyHtml({ ...POLICY, title: '页面下载测试方案' }).toString('utf8'));
  });

  it('keeps one copy of a file however often it is uploaded, and drops a replaced version', async () => {
    const first = Buffer.from('芜湖市工作要点\n到2025年，全市5G基站达到2万个。\n');
    const doc = await uploaded('芜湖要点.txt', first);
    const originals = count('originals');
    expect((await analyst.upload('芜湖要点.txt', first)).body.outcome).toBe('unchanged');
    expect(count('originals')).toBe(originals);
    const second = await analyst.upload(
      '芜湖要点.txt',
      Buffer.from('芜湖市工作要点\n到2026年，全市5G基站达到3万个。\n'),
    );
    expect(second.body.outcome).toBe('updated');
    expect(count('originals')).toBe(originals);
    const res = await viewer.fetch(`/api/documents/${doc.id}/original`);
    expect(await res.text()).toContain('3万个');
  });

  it('answers 404 for a document that does not exist and 401 without a session', async () => {
    expect((await viewer.get('/api/documents/999999/original')).status).toBe(404);
    expect((await anonymousClient(srv.url).get('/api/documents/1/original')).status).toBe(401);
  });
});

describe('bad input is refused with what to do, and nothing is stored', () => {
  const ole2 = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2048)]);
  const cases: [string, () => Promise<Buffer> | Buffer, number, string, RegExp][] = [
    ['scan.pdf', scannedPdf, 422, 'PDF_NO_TEXT', /no text layer.*OCR/],
    ['locked.pdf', encryptedPdf, 422, 'PDF_ENCRYPTED', /password/],
    ['cut.pdf', () => pdf.subarray(0, 4000), 422, 'PDF_CORRUPT', /damaged/],
    ['cut.docx', async () => (await policyDocx()).subarray(0, 700), 422, 'DOCX_CORRUPT', /damaged/],
    [
      'bomb.docx',
      () => zipDocx(`<w:document xmlns:w="x"><w:body>${' '.repeat(MAX_DOCX_XML_BYTES + 1)}</w:body></w:document>`),
      422,
      'DOCX_TOO_LARGE',
      /zip bomb/,
    ],
    ['old.doc', () => ole2, 415, 'DOC_NOT_SUPPORTED', /\.docx/],
    ['old.wps', () => ole2, 415, 'WPS_NOT_SUPPORTED', /\.docx/],
    ['new.ofd', () => Buffer.from('PK\x03\x04\x14\x00\x00\x00OFD.xml'), 415, 'OFD_NOT_SUPPORTED', /PDF/],
    ['links.html', htmlWithoutArticle, 422, 'HTML_NO_ARTICLE', /No article/],
    ['big.txt', () => Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 413, 'PAYLOAD_TOO_LARGE', /limit for TXT is 10 MB/],
    [
      'huge.pdf',
      () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(50 * 1024 * 1024)]),
      413,
      'PAYLOAD_TOO_LARGE',
      /50 MB/,
    ],
  ];
  for (const [name, make, status, code, message] of cases) {
    it(`refuses ${name} with ${status} ${code}`, async () => {
      const before = [count('documents'), count('originals'), count('targets'), count('audit_log')];
      const res = await analyst.upload(name, await make());
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
      expect(res.body.error?.message).toMatch(message);
      expect([count('documents'), count('originals'), count('targets'), count('audit_log')]).toEqual(before);
    });
  }
});
