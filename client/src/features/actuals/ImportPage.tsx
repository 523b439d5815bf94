import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ImportResult, ImportResultSchema, type ImportRowError } from '../../../../shared/schemas/target';
import { ApiRequestError, uploadFile } from '../../api/http';
import { useLocale } from '../../i18n';

function errorsOf(err: unknown): ImportRowError[] | null {
  if (!(err instanceof ApiRequestError)) return null;
  const d = err.details as { errors?: ImportRowError[] } | ImportRowError[] | undefined;
  if (Array.isArray(d)) return d;
  return d?.errors ?? null;
}

/** Choose a sheet, see the dry run's row-level errors, then import it whole or not at all. */
export function ImportPage() {
  const { t, locale } = useLocale();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await uploadFile(
        `/api/actuals/import?lang=${locale}${dryRun ? '&dryRun=1' : ''}`,
        file,
        ImportResultSchema,
        setProgress,
      );
      if (dryRun) setCheck(res);
      else {
        setDone(res);
        setCheck(null);
        void qc.invalidateQueries({ queryKey: ['targets'] });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const rowErrors = check?.errors.length ? check.errors : errorsOf(error);

  return (
    <div className="page">
      <h1>{t('importPage.title')}</h1>
      <section className="card">
        <p>{t('importPage.help')}</p>
        <p>{t('importTemplate.help')}</p>
        <p className="row">
          {t('importTemplate.download')}{' '}
          <a className="button" href={`/api/actuals/template.xlsx?lang=${locale}`} download>
            XLSX
          </a>{' '}
          <a className="button" href={`/api/actuals/template.csv?lang=${locale}`} download>
            CSV
          </a>
        </p>
        <form className="row" onSubmit={(e) => e.preventDefault()}>
          {/* The browser's own file button speaks the browser's language; this label speaks the page's. */}
          <label className="button file-button">
            {t('importPage.choose')}
            <input
              className="sr-only"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setCheck(null);
                setDone(null);
                setError(null);
              }}
            />
          </label>
          <span className="muted" data-testid="import-file-name">
            {file?.name ?? t('importPage.noFile')}
          </span>
          <button type="button" disabled={!file || busy} onClick={() => void run(true)}>
            {t('importPage.check')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!file || busy || !check || check.errors.length > 0}
            onClick={() => void run(false)}
          >
            {t('importPage.run')}
          </button>
          {busy && <progress max={1} value={progress} />}
        </form>
        {check && check.errors.length === 0 && (
          <p role="status">
            {t('importPage.ok', { rows: check.rows - check.skipped.length })}
            {check.skipped.length > 0 && ` ${t('importPage.skipped', { count: check.skipped.length })}`}
          </p>
        )}
        {done && (
          <p role="status">
            {t('importPage.imported', { imported: done.imported })}
            {done.skipped.length > 0 && ` ${t('importPage.skipped', { count: done.skipped.length })}`}
          </p>
        )}
        {error && !rowErrors ? (
          <p role="alert" className="error">
            {(error as Error).message}
          </p>
        ) : null}
        {rowErrors && rowErrors.length > 0 && (
          <div role="alert">
            <p className="error">{t('importPage.errors', { count: rowErrors.length })}</p>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('importPage.row')}</th>
                  <th scope="col">{t('importPage.column')}</th>
                  <th scope="col">{t('importPage.message')}</th>
                </tr>
              </thead>
              <tbody>
                {rowErrors.slice(0, 500).map((e) => (
                  <tr key={`${e.row}-${e.column}-${e.message}`}>
                    <td className="num">{e.row}</td>
                    <td>{e.column ?? '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
