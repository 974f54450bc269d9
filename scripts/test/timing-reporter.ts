/**
 * A vitest reporter that prints, after every run, where the time went: the 15 slowest test
 * files (import plus tests) and the summed file time per project. Beside the default reporter,
 * so a slow file is in view the day it lands.
 */
import type { Reporter, TestModule } from 'vitest/node';

const SLOWEST = 15;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Import, setup and test time of one file: what a worker spent on it. */
export const fileTime = (m: TestModule): number => {
  const d = m.diagnostic();
  return d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
};

export default class TimingReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (modules.length === 0) return;
    const rows = modules.map((m) => ({
      project: m.project.name || 'default',
      file: m.relativeModuleId,
      ms: fileTime(m),
    }));
    const perProject = new Map<string, { files: number; ms: number }>();
    for (const r of rows) {
      const p = perProject.get(r.project) ?? { files: 0, ms: 0 };
      p.files += 1;
      p.ms += r.ms;
      perProject.set(r.project, p);
    }
    const lines = ['', `Slowest ${Math.min(SLOWEST, rows.length)} test files (import + tests, per worker):`];
    for (const r of [...rows].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST))
      lines.push(`  ${seconds(r.ms).padStart(8)}  ${r.project.padEnd(9)} ${r.file}`);
    lines.push('Time per project (summed over files; workers run files side by side):');
    for (const [name, p] of [...perProject].sort((a, b) => b[1].ms - a[1].ms))
      lines.push(`  ${seconds(p.ms).padStart(8)}  ${name.padEnd(9)} ${p.files} files`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
