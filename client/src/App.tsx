import { TargetsTable } from './features/targets/TargetsTable';

export function App() {
  return (
    <main>
      <h1>指标 Zhibiao</h1>
      <TargetsTable />
    </main>
  );
}
