import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { targetQueries } from './queries';

const COMPARATOR_LABEL: Record<string, string> = {
  '>=': '≥',
  '>': '>',
  '=': '=',
  '<=': '≤',
  '<': '<',
  '~': '≈',
  range: '区间',
};

/** The metrics table, a page at a time, each row with the sentence it came from. */
export function TargetsTable() {
  const [page, setPage] = useState(1);
  const health = useQuery(targetQueries.health());
  const list = useQuery(targetQueries.list({ page, pageSize: 50 }));
  if (list.isPending) return <p>加载中…</p>;
  if (list.isError) return <p role="alert">无法加载指标：{list.error.message}</p>;
  const { items, total, pageSize } = list.data;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <section>
      <p>
        已收录 {health.data?.documents ?? '…'} 份文件，{total} 项量化指标。
        <a href="/api/export/targets.csv">导出 CSV</a>
      </p>
      <table>
        <thead>
          <tr>
            <th>地区</th>
            <th>主题</th>
            <th>指标</th>
            <th>目标</th>
            <th>期限</th>
            <th>状态</th>
            <th>原文</th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr key={t.id}>
              <td>{t.region}</td>
              <td>{t.theme}</td>
              <td>{t.metric}</td>
              <td>
                {COMPARATOR_LABEL[t.comparator]} {t.value}
                {t.valueMax !== null ? `–${t.valueMax}` : ''} {t.unit}
              </td>
              <td>{t.deadline ?? '—'}</td>
              <td>{t.status}</td>
              <td title={`${t.sourceFile} 第${t.line}行`}>{t.quote}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="分页">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          上一页
        </button>
        <span>
          {' '}
          第 {page} / {pages} 页{' '}
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          下一页
        </button>
      </nav>
    </section>
  );
}
