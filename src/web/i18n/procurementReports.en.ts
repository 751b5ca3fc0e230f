/** English messages of the annual SME procurement reports (see procurementReports.zh-CN.ts). */
import type { procurementReportsZh } from './procurementReports.zh-CN.ts';

export const procurementReportsEn: Record<keyof typeof procurementReportsZh, string> = {
  'nav.procurementReports': 'Annual reports',
  'public.tool.procurementReports.title': 'Annual SME procurement reports',
  'public.tool.procurementReports.text':
    'Each buying body’s published year: the shares reserved for and awarded to SMEs, the projects not reserved and why.',
  'inbox.kind.procurement': 'Procurement',
  'proc.inbox.intro.buyer':
    'You are told here when the supervising officials’ recheck of declarations newly flags your body’s awards.',

  // ---- the report itself ---------------------------------------------------------------------------------------
  'proc.report.title': '{name}: SME procurement in {year}',
  'proc.report.version': 'Version {version}',
  'proc.report.corrected': 'Corrected',
  'proc.report.yearTotal': 'Year',
  'proc.report.line': 'Line',
  'proc.report.meetsLine': 'Meets {share}',
  'proc.report.belowLine': 'Below {share}',
  'proc.report.smallMicroReserved': 'Of which reserved for small and micro',
  'proc.report.awarded': 'Awarded',
  'proc.report.toSmallMicro': 'Of which to small and micro',
  'proc.report.smeShare': 'SME share',
  'proc.report.smallMicroShare': 'Small and micro part',
  'proc.report.nothingToJudge': 'No project of the year suited SMEs: nothing to judge',
  'proc.report.gradeHelp': 'After the US SBA scorecard; the method is stated below',
  'proc.report.notSuitedCount': 'Projects not suited (not reserved)',
  'proc.report.judgedOn.awards':
    'Judged on what was awarded in projects suited to SMEs (the amounts compared exactly, not the rounded percentages shown).',
  'proc.report.judgedOn.plan': 'No awards in the year yet: judged on what the plan reserves.',
  'proc.report.judgedOn.none': 'No budget of the year suited SMEs: there is no share to compute.',
  'proc.report.takenAt': 'Figures as of {date} (the plans and awards Huiqi held when the report was made).',
  'proc.report.figures': 'The year’s figures (whole year and by kind)',
  'proc.report.chartTitle':
    'Shares awarded to and reserved for SMEs, and their small and micro part, each against its line',
  'proc.report.notSuited': 'Projects not suited to SMEs, not reserved, and why',
  'proc.report.noneNotSuited': 'No project of the year was found unsuited to SMEs',
  'proc.report.commentary': 'Commentary',
  'proc.report.noCommentary': 'No commentary yet',
  'proc.report.commentaryZhOnly': 'This report has a commentary in Chinese only.',
  'proc.report.rules': 'Rules applied',
  'proc.report.rulesVersion': 'Rules version',
  'proc.report.effectiveFrom': 'in force from {date}',

  // ---- the report's page (buyers, officials) --------------------------------------------------------------------
  'proc.report.publicPage': 'Public page',
  'proc.report.publishedAt': 'published {date} by the {who}',
  'proc.report.generatedAt': 'draft · saved {date} by the {who}',
  'proc.report.superseded': 'Version {version} corrects this version: the public reads the latest.',
  'proc.report.openLatest': 'Open the latest version',
  'proc.report.correctionOf': 'Version {version} is a correction. What it changes:',
  'proc.report.draftTitle': 'Draft',
  'proc.report.draftHelp':
    'Below is the report’s preview. Saving takes the figures afresh from the plans and awards Huiqi holds; once published the report is public and fixed — a correction is a new version saying what it changes.',
  'proc.report.correctionNote': 'Correction note',
  'proc.report.correctionNoteHelp': 'What this version changes; published with the report',
  'proc.report.correctionNoteRequired': 'Say what the correction changes',
  'proc.report.commentaryZh': 'Commentary (Chinese)',
  'proc.report.commentaryZhHelp': 'The year in words; required before publishing',
  'proc.report.commentaryEn': 'Commentary (English, optional)',
  'proc.report.save': 'Save and take the figures afresh',
  'proc.report.saved': 'Draft saved, figures taken afresh',
  'proc.report.publish': 'Publish',
  'proc.report.publishTitle': 'Publish the {year} report (version {version})?',
  'proc.report.publishText':
    'Once published the report is public and can no longer be changed; the region’s supervising officials are told.',
  'proc.report.publishCorrectionText':
    'Once published this correction replaces the previous version for the public, with its note; the region’s supervising officials are told.',
  'proc.report.publishedDone': 'Report published',
  'proc.report.correctionInMaking': 'A correction (version {version}) is being prepared.',
  'proc.report.openDraft': 'Open the correction',
  'proc.report.correct': 'Publish a correction',
  'proc.report.correctHelp':
    'A published report is not changed: a correction is a new version with a note; every version is kept.',
  'proc.report.correctTitle': 'Correct the {year} report: version {version}',
  'proc.report.correctText':
    'A draft of the new version is made from the figures Huiqi holds now (the commentary carried over); preview it, then publish.',
  'proc.report.correctStart': 'Make the correction’s draft',
  'proc.report.preview': 'Preview',
  'proc.report.asPublished': 'The report as published',
  'proc.report.versions': 'Every version of the year',
  'proc.report.versionColumn': 'Version',

  // ---- the officials' list ------------------------------------------------------------------------------------
  'proc.reports.title': 'Annual reports',
  'proc.reports.intro':
    'Each buying body of the region and its annual SME procurement report: none, a draft, published (version, when, corrected or not). Officials may make and publish a body’s report on its behalf, and export the list.',
  'proc.reports.introBuyer':
    'Your body’s annual SME procurement report: make a draft, preview it, publish it; a published report is corrected by a new version.',
  'proc.reports.publicLink': 'The published reports',
  'proc.reports.search': 'Body name or USCC',
  'proc.reports.stateColumn': 'Report',
  'proc.reports.state.all': 'All',
  'proc.reports.state.none': 'None',
  'proc.reports.state.draft': 'Draft',
  'proc.reports.state.published': 'Published',
  'proc.reports.published': 'Published version',
  'proc.reports.draft': 'Draft in the making',
  'proc.reports.firstDraft': 'Draft',
  'proc.reports.correctionDraft': 'Correction draft (version {version})',
  'proc.reports.generate': 'Make the report',
  'proc.reports.none': 'No buying body matches',

  // ---- the public ---------------------------------------------------------------------------------------------
  'proc.publicReports.title': 'Annual reports of SME procurement',
  'proc.publicReports.intro':
    'Each buying body’s published year: of the projects suited to SMEs, the shares reserved for and awarded to SMEs (at least 30%, of which at least 60% small and micro), and the projects not reserved with their reasons. Under Caiku [2020] 46 and [2022] 19.',
  'proc.publicReports.search': 'Buying body',
  'proc.publicReports.none': 'No report has been published yet',
  'proc.publicReports.back': 'Back to the annual reports',
  'proc.publicReports.publishedOn': 'published {date}',
  'proc.publicReports.corrected':
    'This report was corrected and is now version {version}. Each version, when published and what it changed:',
  'proc.publicReports.firstPublication': 'first publication',
  'procr.chart.awarded': 'Awarded',
  'procr.chart.reserved': 'Reserved (plan)',
  'procr.chart.line': 'Line',
  'procr.chart.smePanel': 'SME share (line {share})',
  'procr.chart.smallMicroPanel': 'Small and micro part of it (line {share})',
  'procr.shares.againstLine': 'Awarded to SMEs ÷ awarded in suited projects; line {share}',
  'procr.shares.awardedSmallMicroShare': 'Small and micro part of the awards',
  'procr.shares.smallMicroAgainstLine': 'Awarded to small and micro ÷ awarded to SMEs; line {share}',
  'procr.flaggedCount':
    'Awards whose declaration is flagged (a size the standard or the registry contradicts, no declaration attached) still count in the shares: each award counts by the size its winner declared; a flag is for the buyer’s and the supervising officials’ review and takes nothing out of the shares.',
  'procr.report.currentVersion': 'in force: version {version}',
  'procr.calc.budgetPositive': 'the budget must be positive (above 0 yuan)',
  'procr.header.procurement': 'Procurement',
  'procr.header.calculator': 'Procurement calculators',
  'procr.header.reports': 'Annual SME procurement reports',
};
