'use strict';

const Router = require('@koa/router');
const { promisify } = require('util');
const { toCsv } = require('../csv');
const { currentTerm, isTerm, POINTS } = require('../terms');

module.exports = function sectionRoutes(db, now) {
  const router = new Router();
  const getSection = promisify(db.getSection);
  const listSections = promisify(db.listSections);
  const getStudents = promisify(db.getStudents);
  const gradesFor = promisify(db.gradesFor);
  const recordGrade = promisify(db.recordGrade);

  async function sectionOr404(ctx) {
    const section = await getSection(ctx.params.id);
    if (!section) ctx.throw(404, `no section '${ctx.params.id}'`);
    return section;
  }

  router.get('/sections', async (ctx) => {
    const term = ctx.query.term || currentTerm(now());
    if (!isTerm(term)) ctx.throw(400, `term must look like 2026-fall, got '${term}'`);
    const sections = await listSections(term);
    ctx.body = { term, sections: sections.map((s) => ({ id: s.id, code: s.code, title: s.title, enrolled: s.studentIds.length })) };
  });

  router.get('/sections/:id', async (ctx) => {
    const section = await sectionOr404(ctx);
    // Students who left the school are purged from the registry but stay on old rosters.
    const students = (await getStudents(section.studentIds)).filter(Boolean);
    ctx.body = {
      id: section.id,
      code: section.code,
      title: section.title,
      term: section.term,
      teacher: section.teacher,
      students: students.map((s) => ({ id: s.id, name: s.name })),
    };
  });

  router.get('/sections/:id/roster.csv', async (ctx) => {
    const section = await sectionOr404(ctx);
    const students = await getStudents(section.studentIds);
    const grades = await gradesFor([section.id]);
    const letterOf = new Map(grades.map((g) => [g.studentId, g.letter]));
    const rows = students.map(({ id, name, email, year }) => [id, name, email, year, letterOf.get(id) || '']);
    ctx.type = 'text/csv';
    ctx.attachment(`${section.code}-roster.csv`);
    ctx.body = toCsv(['id', 'name', 'email', 'year', 'grade'], rows);
  });

  router.put('/sections/:id/grades/:studentId', async (ctx) => {
    const section = await sectionOr404(ctx);
    const { letter } = ctx.request.body || {};
    if (!(letter in POINTS)) ctx.throw(422, `grade must be one of ${Object.keys(POINTS).join(' ')}`);
    if (!section.studentIds.includes(ctx.params.studentId)) ctx.throw(404, `${ctx.params.studentId} is not in ${section.code}`);
    ctx.body = await recordGrade({ sectionId: section.id, studentId: ctx.params.studentId, letter, credits: section.credits });
  });

  return router;
};
