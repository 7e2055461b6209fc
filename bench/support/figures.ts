/** One measured figure beside the baseline measured in the same run, and the lead's target. */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  baseline?: { label: string; value: number; unit: string };
  /** value ÷ baseline, rounded to two decimals. */
  ratio?: number;
  target?: { text: string; met: boolean };
}

export function figure(
  label: string,
  value: number,
  unit: string,
  baseline?: Figure['baseline'],
  target?: { text: string; met: (f: Figure) => boolean },
): Figure {
  const f: Figure = { label, value, unit };
  if (baseline) {
    f.baseline = baseline;
    if (baseline.unit === unit && baseline.value) f.ratio = Math.round((value / baseline.value) * 100) / 100;
  }
  if (target) f.target = { text: target.text, met: target.met(f) };
  return f;
}

export function printFigure(f: Figure): void {
  const value = `${f.value.toLocaleString('en')} ${f.unit}`;
  const baseline = f.baseline ? `   vs ${f.baseline.label} ${f.baseline.value.toLocaleString('en')} ${f.baseline.unit}` : '';
  const ratio = f.ratio !== undefined ? `   ratio ${f.ratio}` : '';
  const target = f.target ? `   target ${f.target.text}: ${f.target.met ? 'met' : 'MISSED'}` : '';
  console.log(`  ${f.label}: ${value}${baseline}${ratio}${target}`);
}
