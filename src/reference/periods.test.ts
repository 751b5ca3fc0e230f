/** The end of a period on a statutory rest day (《民法典》第二百零三条; docs/reference/periods.md), as a table. */
import { describe, expect, it } from 'vitest';
import { addDays, holidayCalendarYears, unsettledYearOf, weekdayOf } from './calendar.ts';
import { endOfPeriod, PERIOD_END_RULES, periodEndLines, periodEndRuleOn } from './periods.ts';

describe('a period whose last day is a statutory rest day ends on the next working day', () => {
  it.each([
    { name: 'an ordinary Saturday', last: '2025-03-15', ends: '2025-03-17' },
    { name: 'an ordinary Sunday', last: '2025-11-23', ends: '2025-11-24' },
    { name: 'a working Friday', last: '2025-11-21', ends: '2025-11-21' },
    { name: 'May Day, a Friday (2025-05-01 … 05-05 off)', last: '2025-05-02', ends: '2025-05-06' },
    { name: 'National Day, a Friday (2025-10-01 … 10-08 off)', last: '2025-10-03', ends: '2025-10-09' },
    { name: 'a make-up Saturday (调休上班, 2025-10-11)', last: '2025-10-11', ends: '2025-10-11' },
    { name: 'a make-up Sunday (调休上班, 2025-09-28)', last: '2025-09-28', ends: '2025-09-28' },
    // Chained: the 2026 Spring Festival runs Sunday 02-15 … Monday 02-23 (nine rest days in a row).
    { name: 'the first day of the 2026 Spring Festival', last: '2026-02-15', ends: '2026-02-24' },
    { name: 'the Saturday worked before it (2026-02-14)', last: '2026-02-14', ends: '2026-02-14' },
    // New Year 2026: Thursday 01-01 … Saturday 01-03 off, Sunday 01-04 worked.
    { name: 'New Year 2026, ending on the worked Sunday', last: '2026-01-01', ends: '2026-01-04' },
    // Across a year end: Wednesday 2025-12-31 is a working day; Sunday 2023-12-31 begins New Year 2024.
    { name: 'the last Sunday of 2023, into New Year', last: '2023-12-31', ends: '2024-01-02' },
  ])('$name: $last → $ends', ({ last, ends }) => {
    const end = endOfPeriod(last);
    expect(end.endsOn).toBe(ends);
    expect(end.movedBy?.citation ?? null).toBe(ends === last ? null : '《中华人民共和国民法典》第二百零三条');
    expect(end.unsettledYear).toBeNull();
  });

  it('is off when the regulation switches it off', () => {
    expect(endOfPeriod('2025-05-02', false)).toMatchObject({ endsOn: '2025-05-02', movedBy: null });
  });

  it('applies the article in force on the last day: the Civil Code from 2021, its predecessor before', () => {
    expect(PERIOD_END_RULES.at(-1)).toMatchObject({ effectiveFrom: '2021-01-01', article: '第二百零三条' });
    expect(periodEndRuleOn('2021-01-01')?.law).toBe('中华人民共和国民法典');
    expect(periodEndRuleOn('2020-12-31')?.law).toBe('中华人民共和国民法总则');
    expect(periodEndRuleOn('2017-09-30')).toBeNull();
    // Saturday 2020-10-10 was worked (National Day 2020); Sunday 2020-10-11 was not.
    expect(endOfPeriod('2020-10-11').movedBy?.citation).toBe('《中华人民共和国民法总则》第二百零三条');
  });

  it('says so, citing the article, in both languages', () => {
    const [line] = periodEndLines(endOfPeriod('2025-10-03'));
    expect(line?.text.zh).toBe(
      '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日（《民法典》第二百零三条）：期间最后一日 2025-10-03（国庆节）是法定休假日，顺延至 2025-10-09',
    );
    expect(line?.text.en).toContain('Civil Code, art. 203');
    expect(line?.basis).toBe('《中华人民共和国民法典》第二百零三条');
    const [makeUp] = periodEndLines(endOfPeriod('2025-10-11'));
    expect(makeUp?.text.zh).toContain('调休上班日');
    expect(periodEndLines(endOfPeriod('2025-11-21'))).toEqual([]);
  });
});

describe('a year whose holiday arrangement is not in the calendar', () => {
  const covered = holidayCalendarYears();
  const gap = (covered?.last ?? 0) + 1;

  it('covers the State Council arrangements of 2004–2026 (update docs/reference/periods.md with it)', () => {
    expect(covered).toEqual({ first: 2004, last: 2026 });
  });

  it('is not guessed silently: the end assumes Monday–Friday and names the missing year', () => {
    // The first Saturday of March of the first uncovered year.
    let saturday = `${gap}-03-01`;
    while (weekdayOf(saturday) !== 6) saturday = addDays(saturday, 1);
    const end = endOfPeriod(saturday);
    expect(end).toMatchObject({ endsOn: addDays(saturday, 2), unsettledYear: gap });
    const weekday = endOfPeriod(addDays(saturday, 3));
    expect(weekday).toMatchObject({ endsOn: addDays(saturday, 3), movedBy: null, unsettledYear: gap });
    const lines = periodEndLines(weekday);
    expect(lines.map((l) => l.text.zh)).toEqual([
      `${gap} 年的法定节假日安排尚未公布或尚未收录，本日期按周一至周五为工作日推算，公布后可能变动`,
    ]);
    expect(lines[0]?.text.en).toContain(`The holiday calendar for ${gap} is not published yet`);
  });

  it('marks the last days of December of the last covered year, which the next arrangement can move', () => {
    expect(unsettledYearOf(`${gap - 1}-12-24`)).toBeNull();
    expect(unsettledYearOf(`${gap - 1}-12-28`)).toBe(gap);
    // A rest day of the covered year that runs into the uncovered one is marked too.
    let lastSaturday = `${gap - 1}-12-31`;
    while (weekdayOf(lastSaturday) !== 6) lastSaturday = addDays(lastSaturday, -1);
    expect(endOfPeriod(lastSaturday).unsettledYear).toBe(gap);
  });
});
