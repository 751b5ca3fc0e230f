/**
 * The cultivation dashboard's small readings (issue 18): a share of a national target as shown, days to a date, how
 * far a scoring run has got.
 */

/** A tier's share of its national target as shown: a few recognitions of a million read "< 0.01", not "0.00". */
export function shareText(tier: { recognised: number; shareOfTarget: string }): string {
  return tier.recognised > 0 && Number(tier.shareOfTarget) < 0.01 ? '< 0.01' : tier.shareOfTarget;
}

/** Whole days from one date to another ('YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** How far a scoring run has got, per cent: never 100 before it has succeeded (the registry may have grown). */
export function runPercent(run: { status: string; enterprises: number; expected: number }): number {
  if (run.status === 'succeeded') return 100;
  if (run.expected <= 0) return 0;
  return Math.min(99, Math.floor((run.enterprises * 100) / run.expected));
}
