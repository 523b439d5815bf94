import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** One member of a ZIP archive, already deflated. */
interface Member {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
}

function deflated(name: string, text: string): Member {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
}

/**
 * Deflates `rows` worksheet rows as they are generated, so a sheet of hundreds of MB of XML is built in a few MB
 * of memory: the decompression bomb of issue 11 (2), a small .xlsx that inflates to millions of rows.
 */
async function bombSheet(rows: number): Promise<Member> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = (s: string) => {
    const b = Buffer.from(s);
    crc = crc32(b, crc);
    size += b.length;
    return deflate.write(b);
  };
  write(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  write(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>targetId</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c></row>',
  );
  // Rows numbered in turn, as a real sheet has them; numbers repeat in blocks of 1000 so that the deflated sheet
  // stays small (~0.3 bytes a row, as the probe's 1.8 MB for 6 M rows): each row counts as read all the same.
  const CHUNK = 1000;
  for (let done = 0; done < rows; done += CHUNK) {
    const n = Math.min(CHUNK, rows - done);
    const r = (done % 1_000_000) + 2;
    const row = `<row r="${r}"><c r="A${r}"><v>1</v></c><c r="B${r}"><v>70</v></c></row>`;
    if (!write(row.repeat(n))) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  write('</sheetData></worksheet>');
  deflate.end();
  await done;
  return { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(out), crc, size };
}

/** A ZIP archive of the members (no data descriptors); `declare` may lie about a member's inflated size. */
function zip(members: Member[], declare: (m: Member) => number = (m) => m.size): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(m.crc >>> 0, 14);
    local.writeUInt32LE(m.data.length, 18);
    local.writeUInt32LE(declare(m), 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, m.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(m.crc >>> 0, 16);
    cd.writeUInt32LE(m.data.length, 20);
    cd.writeUInt32LE(declare(m), 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + m.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

/**
 * A minimal .xlsx (content types, relationships, workbook, one sheet) whose sheet holds `rows` rows of numbers.
 * With `lie`, the archive declares every member's inflated size as 1 KB, as a bomb made to pass a size check does.
 */
export async function bombWorkbook(rows: number, opts: { lie?: boolean } = {}): Promise<Buffer> {
  const members = [
    deflated(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    deflated(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    deflated(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    deflated(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    await bombSheet(rows),
  ];
  return zip(members, opts.lie ? () => 1024 : undefined);
}
