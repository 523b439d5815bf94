/**
 * What a unit looks like in a table's unit column, a header's brackets or a metric's brackets.
 * Table units are freer than prose units (万平方米, 个/万人, 标准机架, Mbps), so they are recognised by
 * their characters rather than by a closed list.
 */
import { UNITS } from '../lexicon';

// Characters units are written with (万亿斤, 亿吨标准煤 too). 方/米 let a unit split over two lines (万平 / 方米) be
// recognised.
const UNIT_HAN = new Set(
  '万亿千百十个家户人元座台套项条米公里吨标准机架平方立岁小时分钟秒天年月日次倍件所张辆艘顷亩兆吉瓦度克升点位名场栋类款种处块份支成级床册本部根只头匹盏篇期批扇每人口均焦耳桶辆标箱斤煤'.split(
    '',
  ),
);
const UNIT_ASCII =
  /^(?:%|‰|‱|GB|TB|PB|EB|ZB|Gbps|Mbps|Tbps|Kbps|bps|P|E|ms|km|kW|MW|GW|kWh|kwh|t|kg|m|m2|m²|m3|m³|km2|km²|PFlops|PFLOPS|PFlop|EFLOPS|EFlops|TFLOPS|TFlops|FLOPS|Flops|s|h|d)$/;

/**
 * Whether a short string is a unit: %, 万个, 亿户, 万平方米, 个/万人, GB/户·月, 标准机架, 万元/人.
 * Words such as 人口 or GDP alone are not units.
 */
export function isUnitLike(raw: string): boolean {
  const text = raw.replace(/\s/g, '');
  if (text === '' || text.length > 12) return false;
  if ((UNITS as readonly string[]).includes(text)) return true;
  if (/^[(（].*[)）]$/.test(text)) return isUnitLike(text.slice(1, -1));
  let han = 0;
  for (const part of text.split(/[/／·•]/)) {
    if (part === '') return false;
    // A part is unit characters, possibly ending in Latin letters (万Mbps, 亿GB): 万 + GB.
    const m = /^([\u4e00-\u9fff]*)([A-Za-z%‰‱²³0-9]*)$/.exec(part);
    if (!m) return false;
    const [, hanPart = '', asciiPart = ''] = m;
    for (const ch of hanPart) if (!UNIT_HAN.has(ch)) return false;
    han += hanPart.length;
    if (asciiPart !== '' && !UNIT_ASCII.test(asciiPart)) return false;
  }
  // 人口, 每人, 人均 alone are words, not units.
  if (/^(?:人口|人均|每人|均|每|口|标准|平方|立方|年度|年月)$/.test(text)) return false;
  return han > 0 || /[A-Za-z%‰‱]/.test(text);
}
