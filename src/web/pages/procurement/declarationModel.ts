/**
 * The 声明函 form's own check of the figures' year (docs/reference/procurement.md §5.2), the one the server makes
 * (procurement.awards.ts `declarationProblems`): any figure given, the year must be the one before the signing;
 * all figures blank (a new firm), no year is asked. A figure given and then removed leaves the figures blank again.
 */

/** The figures of one declaration item as a form holds them. */
export interface DeclarationFigures {
  figuresYear?: number | null;
  employees?: number | null;
  operatingRevenue?: number | null;
  totalAssets?: number | null;
}

/** What is wrong with the figures' year: none given, or another than the one before the signing. */
export type FiguresYearProblem = { kind: 'missing' | 'wrong'; expected: number } | null;

const given = (value: number | null | undefined): boolean =>
  value !== null && value !== undefined && !Number.isNaN(value);

/** The figures' year's problem for a declaration signed in `signedYear` (null while no signing date is chosen). */
export function figuresYearProblem(
  signedYear: number | null,
  figures: DeclarationFigures,
): FiguresYearProblem {
  if (signedYear === null) return null;
  const hasFigures =
    given(figures.employees) || given(figures.operatingRevenue) || given(figures.totalAssets);
  if (!hasFigures) return null;
  const expected = signedYear - 1;
  if (!given(figures.figuresYear)) return { kind: 'missing', expected };
  return figures.figuresYear === expected ? null : { kind: 'wrong', expected };
}

/** The fields whose change asks the figures' year again (the signing date and each figure). */
export const FIGURES_YEAR_DEPENDS_ON = ['signedOn', 'employees', 'operatingRevenue', 'totalAssets'] as const;
