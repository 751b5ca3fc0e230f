/** The 声明函 check against the size standard and the registry (docs/reference/procurement.md §5.3, §5.4). */
import { describe, expect, it } from 'vitest';
import { checkDeclaration, type DeclarationInput, hasMismatch } from './procurement.declarations.rules.ts';

const NONE = { figures: null, largeRelated: null };
const declaration = (over: Partial<DeclarationInput> = {}): DeclarationInput => ({
  signedOn: '2024-05-10',
  tenderIndustryCode: 'C13',
  figuresYear: 2023,
  employees: 300,
  operatingRevenue: 1999,
  totalAssets: null,
  declaredSize: 'small',
  ...over,
});
const codes = (check: ReturnType<typeof checkDeclaration>) => check.findings.map((f) => f.code);

describe('the 声明函 check (§5.3)', () => {
  it('工业, 300 employees, 1,999万元, declared small: small, nothing flagged', () => {
    const check = checkDeclaration(declaration(), NONE);
    expect(check.standardSize).toBe('small');
    expect(codes(check)).toEqual([]);
    expect(hasMismatch(check)).toBe(false);
  });

  it('零售业 F52, 60 employees, 600万元, declared small: the standard gives medium (size_differs)', () => {
    const check = checkDeclaration(
      declaration({ tenderIndustryCode: 'F52', employees: 60, operatingRevenue: 600 }),
      NONE,
    );
    expect(check.standardSize).toBe('medium');
    expect(codes(check)).toEqual(['size_differs']);
    expect(check.findings[0]?.detail.zh).toContain('中型');
  });

  it('the same declared under 工业 for a tender fixing 零售业: wrong_industry and size_differs', () => {
    const check = checkDeclaration(
      declaration({
        tenderIndustryCode: 'F52',
        declaredIndustryCode: 'C13',
        employees: 60,
        operatingRevenue: 600,
      }),
      NONE,
    );
    expect(codes(check)).toEqual(['wrong_industry', 'size_differs']);
  });

  it('another code of the same category of the standard is not a wrong industry', () => {
    expect(codes(checkDeclaration(declaration({ declaredIndustryCode: 'C34' }), NONE))).toEqual([]);
  });

  it('signed 2024-05-10 with 2022’s figures: wrong_year', () => {
    const check = checkDeclaration(declaration({ figuresYear: 2022 }), NONE);
    expect(codes(check)).toEqual(['wrong_year']);
    expect(check.findings[0]?.detail.en).toContain("2023's figures");
  });
});

describe('against the registry (§5.4)', () => {
  it('flags figures more than 5% from the registry’s, and says what its figures make of the firm', () => {
    const check = checkDeclaration(declaration(), {
      figures: { employees: 310, operatingRevenue: 2600, totalAssets: null },
      largeRelated: null,
    });
    expect(codes(check)).toEqual(['figures_differ']);
    expect(check.registrySize).toBe('medium');
    expect(check.findings[0]?.detail.zh).toContain('营业收入填1999万元，企业库为2600万元');
    expect(check.findings[0]?.detail.zh).not.toContain('从业人员');
  });

  it('takes 5% apart as the same (the tolerance is included)', () => {
    const check = checkDeclaration(declaration({ operatingRevenue: 1900 }), {
      figures: { employees: 300, operatingRevenue: 2000, totalAssets: null },
      largeRelated: null,
    });
    expect(codes(check)).toEqual([]);
  });

  it('checks blank figures against the registry only, noting them', () => {
    const blank = declaration({ figuresYear: null, employees: null, operatingRevenue: null });
    expect(codes(checkDeclaration(blank, NONE))).toEqual(['figures_blank']);
    const check = checkDeclaration(blank, {
      figures: { employees: 400, operatingRevenue: 30000, totalAssets: null },
      largeRelated: null,
    });
    expect(codes(check)).toEqual(['figures_blank', 'figures_differ']);
    expect(hasMismatch(check)).toBe(true);
  });

  it('flags a large enterprise the registry links it to', () => {
    const check = checkDeclaration(declaration(), {
      figures: null,
      largeRelated: { name: '某集团有限公司', uscc: '91320500MA1XXXXX0X', via: 'legal_representative' },
    });
    expect(codes(check)).toEqual(['large_parent']);
    expect(check.findings[0]?.detail.zh).toContain('请核实');
  });

  it('refuses a signing date that is not a date, naming the field', () => {
    expect(() => checkDeclaration(declaration({ signedOn: '2024-02-30' }), NONE)).toThrow(/signedOn/);
  });
});
