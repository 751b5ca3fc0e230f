/** The 声明函 form's figures-year check: asked while a figure is given, and again once an invalid one is removed. */
import { describe, expect, it } from 'vitest';
import { FIGURES_YEAR_DEPENDS_ON, figuresYearProblem } from './declarationModel.ts';

describe('the figures’ year of a declaration', () => {
  it('asks for the year before the signing when a figure is given', () => {
    expect(figuresYearProblem(2026, { employees: 40, figuresYear: 2025 })).toBeNull();
    expect(figuresYearProblem(2026, { employees: 40, figuresYear: 2023 })).toEqual({
      kind: 'wrong',
      expected: 2025,
    });
    expect(figuresYearProblem(2026, { totalAssets: 100 })).toEqual({ kind: 'missing', expected: 2025 });
  });

  it('asks nothing of a new firm whose figures are blank, nor before the signing date is chosen', () => {
    expect(figuresYearProblem(2026, { figuresYear: 2019 })).toBeNull();
    expect(figuresYearProblem(null, { employees: 40, figuresYear: 2019 })).toBeNull();
  });

  it('gives a new answer once an invalid figure is removed (the check runs again on each figure’s change)', () => {
    // An invalid figure (not a number) counts as none; removing the only valid one leaves the figures blank.
    expect(
      figuresYearProblem(2026, { employees: Number.NaN, operatingRevenue: 500, figuresYear: 2023 }),
    ).toEqual({
      kind: 'wrong',
      expected: 2025,
    });
    expect(
      figuresYearProblem(2026, { employees: Number.NaN, operatingRevenue: null, figuresYear: 2023 }),
    ).toBeNull();
    expect([...FIGURES_YEAR_DEPENDS_ON]).toEqual([
      'signedOn',
      'employees',
      'operatingRevenue',
      'totalAssets',
    ]);
  });
});
