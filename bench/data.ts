/**
 * `npm run bench:data -- [--targets 100000] [--actuals 1000000] [--out bench/data/bench-100000.db] [--seed 6]`:
 * a synthetic database at the scale of every province's and city's plans, for the benchmarks. Seeded and
 * deterministic (same arguments, same rows — only the status columns depend on today's date). Rows go in
 * through prepared statements in a few large transactions; statuses are then filled by the product's own
 * daily refresh (`ensureStatusesFresh`), whose time is reported as a figure of its own.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type Db, openDatabase } from '../server/db/client';
import { todayInChina } from '../server/lib/clock';
import { allRegions, type Region } from '../server/lib/regions';
import { rebuildSearchIndexes } from '../server/repos/targets.search.repo';
import { assignFigures } from '../server/services/indicators.service';
import { ensureStatusesFresh } from '../server/services/status.service';
import { createUser } from '../server/services/users.service';
import { type Comparator, THEME_KEYS, type ThemeKey } from '../shared/taxonomy';

export const BENCH_PASSWORD = 'bench password 12345';
/** Users the load test logs in as: viewers read, analysts write. */
export const BENCH_USERS = { viewer: 8, analyst: 8 } as const;
export const benchUser = (role: 'viewer' | 'analyst', i: number) => `bench-${role}-${i}`;

export interface DataOptions {
  targets: number;
  actuals: number;
  out: string;
  seed: number;
}

export interface DataResult extends DataOptions {
  documents: number;
  seconds: number;
  insertSeconds: number;
  statusRefreshSeconds: number;
  /** Assigning every target to the shipped indicators (the engine's matching, as at ingest). */
  indicatorSeconds: number;
  indicators: number;
  assigned: number;
  bytes: number;
  superseded: number;
}

/** mulberry32: a small, fast, seedable PRNG, so every run builds the same rows. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  /** Picks by weight: `[[value, weight], …]`. */
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    const total = xs.reduce((n, [, w]) => n + w, 0);
    let r = next() * total;
    for (const [v, w] of xs) {
      r -= w;
      if (r < 0) return v;
    }
    return (xs[xs.length - 1] as readonly [T, number])[0];
  };
  return { next, int, pick, weighted };
}

const METRICS: Record<ThemeKey, readonly string[]> = {
  network: ['5G基站数', '千兆光网覆盖率', '农村互联网普及率', '物联网终端数'],
  compute: ['智能算力', '数据中心机架数', '算力总规模', '数据中心PUE'],
  ai: ['人工智能核心产业规模', '大模型应用场景数', '人工智能企业数'],
  data: ['数据交易额', '公共数据开放数据集', '数据要素企业数'],
  industry_digital: ['规上工业企业数字化改造覆盖率', '智能工厂数', '上云企业数'],
  digital_industry: ['数字经济核心产业增加值', '软件业务收入', '电子信息制造业营收'],
  gov: ['政务服务一网通办率', '高频事项掌上办理率', '电子证照应用数'],
  rural: ['智慧农业示范基地数', '农产品网络零售额', '益农信息社覆盖率'],
  innovation: ['研发经费投入强度', '高新技术企业数', '技术合同成交额'],
  emerging: ['低空经济规模', '通用机场数', '无人机起降点数'],
  society: ['智慧健康养老覆盖率', '数字化学校比例', '电子社保卡领用人数'],
  security: ['关键信息基础设施安全检查覆盖率', '网络安全产业规模', '数据安全事件处置率'],
  other: ['数字化示范项目数', '数字技能培训人次'],
};

/** Units as written and what they normalise to. */
const UNITS: readonly (readonly [string, string, number, number])[] = [
  // unit, normalised unit, factor, typical value range top
  ['%', '%', 1, 100],
  ['个', '个', 1, 5000],
  ['万个', '个', 10_000, 50],
  ['亿元', '元', 1e8, 5000],
  ['万亿元', '元', 1e12, 5],
  ['家', '家', 1, 2000],
  ['万户', '户', 10_000, 500],
  ['PFlops', 'PFlops', 1, 10_000],
];

const COMPARATOR_WEIGHTS: readonly (readonly [Comparator, number])[] = [
  ['>=', 40],
  ['=', 25],
  ['<=', 10],
  ['>', 8],
  ['~', 7],
  ['<', 3],
  ['range', 7],
];
const COMPARATOR_WORD: Record<Comparator, string> = {
  '>=': '以上',
  '>': '超过',
  '=': '达到',
  '<=': '以内',
  '<': '低于',
  '~': '左右',
  range: '之间',
};

function parseArgs(argv: string[]): DataOptions {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const targets = Number(arg('targets') ?? 100_000);
  const actuals = Number(arg('actuals') ?? targets * 10);
  const seed = Number(arg('seed') ?? 6);
  if (!Number.isInteger(targets) || targets < 100 || !Number.isInteger(actuals) || actuals < 0) {
    throw new Error('--targets must be an integer ≥ 100 and --actuals an integer ≥ 0');
  }
  const out = arg('out') ?? defaultBenchDbPath(targets);
  return { targets, actuals, out, seed };
}

export function defaultBenchDbPath(targets: number): string {
  return fileURLToPath(new URL(`./data/bench-${targets}.db`, import.meta.url));
}

/** Regions weighted as plans are published: many cities, fewer provinces and districts, a few national plans. */
function regionPools() {
  const all = allRegions();
  const by = (level: Region['level']) => all.filter((r) => r.level === level);
  return { country: by('country'), province: by('province'), city: by('city'), district: by('district') };
}

/** Builds the database; removes an existing file at `out` first. */
export async function generateBenchData(opts: DataOptions): Promise<DataResult> {
  const t0 = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${opts.out}${suffix}`, { force: true });
  const db = openDatabase(opts.out);
  const rnd = prng(opts.seed);
  const pools = regionPools();
  const sqlite = db.$client;
  const today = todayInChina();

  const targetsPerDocument = 50;
  const documentCount = Math.ceil(opts.targets / targetsPerDocument);
  const insertDoc = sqlite.prepare(
    `INSERT INTO documents (id, file_name, title, issue_date, sha256, encoding, size, content, line_count, ingested_at)
     VALUES (?, ?, ?, ?, ?, 'UTF-8', ?, ?, ?, ?)`,
  );
  const insertArticle = sqlite.prepare(
    `INSERT INTO articles (id, document_id, title, region, region_code, plan_start_year, plan_end_year, first_line, last_line)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  const insertTarget = sqlite.prepare(
    `INSERT INTO targets (id, document_id, article_id, source_file, line, quote, kind, article, region, region_code, theme,
       metric, comparator, value, value_max, unit, normalized_value, normalized_unit, deadline, per_year, confidence,
       review, baseline_value, baseline_date, binding, fingerprint, gone_at, version, latest_actual_id,
       latest_actual_value, latest_actual_as_of, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
  );
  const insertActual = sqlite.prepare(
    `INSERT INTO actuals (id, target_id, value, as_of, note, entered_by, entered_at, superseded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setSuperseded = sqlite.prepare('UPDATE actuals SET superseded_by = ? WHERE id = ?');

  // Actuals go to tracked targets only; share them out so the total is exactly opts.actuals.
  const isTarget: boolean[] = [];
  let actualId = 0;
  let superseded = 0;
  const tIns = performance.now();
  const createdAt = '2025-01-01T00:00:00.000Z';
  let targetId = 0;
  // First pass decides each target's kind so actuals can be shared out among tracked targets.
  for (let i = 0; i < opts.targets; i++) isTarget.push(rnd.next() < 0.85);
  const tracked = isTarget.filter(Boolean).length;
  const perTracked = tracked ? opts.actuals / tracked : 0;
  let actualsLeft = opts.actuals;
  let trackedLeft = tracked;

  // The search index is filled once after the rows (rebuildSearchIndexes), its insert trigger set aside meanwhile
  // and then put back as it was: row by row, the index's merges made the inserts quadratic (20 min at 100,000).
  const searchTrigger = sqlite
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'targets_search_insert'")
    .pluck()
    .get() as string;
  sqlite.exec('DROP TRIGGER targets_search_insert');
  const batch = 2000;
  for (let d0 = 0; d0 < documentCount; d0 += batch) {
    sqlite.transaction(() => {
      for (let d = d0; d < Math.min(documentCount, d0 + batch); d++) {
        const docId = d + 1;
        const level = rnd.weighted([
          ['country', 3],
          ['province', 25],
          ['city', 52],
          ['district', 20],
        ] as const);
        const region = rnd.pick(pools[level]);
        const startYear = rnd.pick([2021, 2022, 2023, 2024]);
        const endYear = startYear + rnd.pick([2, 4, 6]);
        const fileName = `bench-${docId}.txt`;
        const title = `${region.fullName}数字经济发展规划（${startYear}—${endYear}年）`;
        const n = Math.min(targetsPerDocument, opts.targets - targetId);
        const lines = [title];
        const rows: unknown[][] = [];
        const docActuals: unknown[][] = [];
        for (let k = 0; k < n; k++) {
          targetId++;
          const tracksGoal = isTarget[targetId - 1] === true;
          const theme = rnd.pick(THEME_KEYS);
          const metric = rnd.pick(METRICS[theme]);
          const [unit, normUnit, factor, top] = rnd.pick(UNITS);
          const comparator = rnd.weighted(COMPARATOR_WEIGHTS);
          const value = Math.round(rnd.next() * top * 10) / 10 + 0.1;
          const valueMax = comparator === 'range' ? Math.round(value * 1.2 * 10) / 10 : null;
          const year = rnd.int(2023, 2030);
          const deadline = rnd.weighted([
            [String(year), 70],
            [`${year}-${String(rnd.int(1, 12)).padStart(2, '0')}`, 25],
            [null, 5],
          ] as const);
          const kind = tracksGoal
            ? 'target'
            : rnd.weighted([
                ['actual', 2],
                ['funding', 1],
              ] as const);
          const review = rnd.weighted([
            ['extracted', 70],
            ['confirmed', 20],
            ['corrected', 5],
            ['rejected', 5],
          ] as const);
          const hasBaseline = rnd.next() < 0.3;
          const baselineValue = hasBaseline ? Math.round(value * 0.4 * 10) / 10 : null;
          const baselineDate = hasBaseline ? String(startYear - 1) : null;
          const quote = `到${deadline?.slice(0, 4) ?? endYear}年，${region.name}${metric}${COMPARATOR_WORD[comparator]}${value}${unit}`;
          lines.push(`（${k + 1}）${quote}。`);
          // Actuals: a share of what is left, so that the total is exact; 3 % of rows are later corrected.
          let latest: { id: number; value: number; asOf: string } | null = null;
          if (kind === 'target' && trackedLeft > 0) {
            const want =
              trackedLeft === 1 ? actualsLeft : Math.min(actualsLeft, Math.round(perTracked * rnd.next() * 2));
            trackedLeft--;
            actualsLeft -= want;
            const first = docActuals.length;
            let prev: unknown[] | null = null;
            let current = baselineValue ?? value * 0.3;
            // Reports spread from the plan's start to last month, oldest first.
            const span = Math.max(1, (2026 - startYear) * 12);
            for (let j = 0; j < want; j++) {
              const months = Math.floor(((j + 1) / (want + 1)) * span);
              const y = startYear + Math.floor(months / 12);
              const asOf = `${Math.min(y, Number(today.slice(0, 4)))}-${String((months % 12) + 1).padStart(2, '0')}-28`;
              const asOfSafe = asOf > today ? today : asOf;
              current = Math.round((current + (value - current) * rnd.next() * 0.3) * 100) / 100;
              actualId++;
              const row: unknown[] = [actualId, targetId, current, asOfSafe, null, 'bench-analyst-1', createdAt, null];
              if (prev && rnd.next() < 0.03 && j > 0) {
                // This row corrects the previous one: the old row points at it and is no longer current.
                prev[7] = actualId;
                row[3] = prev[3];
                row[4] = '更正';
                superseded++;
              }
              docActuals.push(row);
              prev = row;
            }
            // The current actual: the latest as-of date among rows nobody superseded (ties: highest id).
            for (const r of docActuals.slice(first)) {
              if (r[7] !== null) continue;
              const cand = { id: r[0] as number, value: r[2] as number, asOf: r[3] as string };
              if (!latest || cand.asOf > latest.asOf || (cand.asOf === latest.asOf && cand.id > latest.id)) {
                latest = cand;
              }
            }
          }
          rows.push([
            targetId,
            docId,
            docId,
            fileName,
            k + 2,
            quote,
            kind,
            title,
            region.fullName,
            region.code,
            theme,
            metric,
            comparator,
            value,
            valueMax,
            unit,
            value * factor,
            normUnit,
            deadline,
            rnd.next() < 0.05 ? 1 : 0,
            Math.round((0.5 + rnd.next() * 0.5) * 100) / 100,
            review,
            baselineValue,
            baselineDate,
            rnd.pick(['预期性', '约束性', 'unknown'] as const),
            `bench-${targetId}`,
            rnd.next() < 0.01 ? createdAt : null,
            latest?.id ?? null,
            latest?.value ?? null,
            latest?.asOf ?? null,
            createdAt,
            createdAt,
            review === 'extracted' ? null : 'bench-analyst-1',
          ]);
        }
        const content = `${lines.join('\n')}\n`;
        insertDoc.run(
          docId,
          fileName,
          title,
          `${startYear}-01-15`,
          `sha-${docId}`,
          Buffer.byteLength(content),
          content,
          lines.length + 1,
          createdAt,
        );
        insertArticle.run(docId, docId, title, region.fullName, region.code, startYear, endYear, lines.length);
        for (const r of rows) insertTarget.run(...r);
        // A correction row comes after the row it supersedes, so the pointer is set once both exist
        // (a dangling reference, even deferred, makes SQLite scan actuals on every later insert).
        for (const a of docActuals) insertActual.run(...a.slice(0, 7), null);
        for (const a of docActuals) if (a[7] !== null) setSuperseded.run(a[7], a[0]);
      }
    })();
  }
  sqlite.transaction(() => {
    rebuildSearchIndexes(db);
    sqlite.exec(searchTrigger);
  })();
  const insertSeconds = (performance.now() - tIns) / 1000;

  for (const role of ['viewer', 'analyst'] as const) {
    for (let i = 1; i <= BENCH_USERS[role]; i++) {
      await createUser(db, null, { username: benchUser(role, i), password: BENCH_PASSWORD, role });
    }
  }

  const tStatus = performance.now();
  ensureStatusesFresh(db, today);
  const statusRefreshSeconds = (performance.now() - tStatus) / 1000;

  // The catalogue was loaded when the empty database was opened; the rows went in by plain statements, so they
  // are assigned here by the same matching an ingest runs.
  const tIndicators = performance.now();
  db.transaction(() => assignFigures(db, null, { onlyUnassigned: true }));
  const indicatorSeconds = (performance.now() - tIndicators) / 1000;
  const indicators = sqlite.prepare('SELECT count(*) FROM indicators').pluck().get() as number;
  const assigned = sqlite
    .prepare('SELECT count(*) FROM targets WHERE indicator_id IS NOT NULL')
    .pluck()
    .get() as number;
  closeBenchDb(db);
  const result: DataResult = {
    ...opts,
    documents: documentCount,
    seconds: (performance.now() - t0) / 1000,
    insertSeconds,
    statusRefreshSeconds,
    indicatorSeconds,
    indicators,
    assigned,
    bytes: statSync(opts.out).size,
    superseded,
  };
  writeFileSync(`${opts.out}.json`, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

function closeBenchDb(db: Db) {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}

/**
 * The database for `targets`, built unless a file of that size is already there (pass `fresh` to rebuild);
 * `reused` tells whether the figures are from an earlier build.
 */
export async function ensureBenchData(
  targets: number,
  actuals: number,
  fresh: boolean,
): Promise<DataResult & { reused: boolean }> {
  const out = defaultBenchDbPath(targets);
  if (!fresh && existsSync(out) && existsSync(`${out}.json`)) {
    return { ...(JSON.parse(readFileSync(`${out}.json`, 'utf8')) as DataResult), reused: true };
  }
  return { ...(await generateBenchData({ targets, actuals, out, seed: 6 })), reused: false };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const opts = parseArgs(process.argv.slice(2));
  const r = await generateBenchData(opts);
  console.log(
    `${r.out}: ${r.targets} targets in ${r.documents} documents, ${r.actuals} actuals (${r.superseded} superseded), ` +
      `${(r.bytes / 1048576).toFixed(1)} MB in ${r.seconds.toFixed(1)} s ` +
      `(inserts ${r.insertSeconds.toFixed(1)} s, status refresh ${r.statusRefreshSeconds.toFixed(1)} s)`,
  );
}
