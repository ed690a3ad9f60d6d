'use strict';

const Router = require('@koa/router');
const { promisify } = require('util');
const { gpa, isTerm } = require('../terms');

const HONOUR_GPA = 3.5;
const MIN_COURSES = 2;

module.exports = function reportRoutes(db) {
  const router = new Router();
  const listSections = promisify(db.listSections);
  const gradesFor = promisify(db.gradesFor);
  const getStudents = promisify(db.getStudents);

  router.get('/reports/honour-roll', async (ctx) => {
    // Newsletter links carry "2026-Fall" and the odd trailing space.
    const term = ctx.query.term.trim().toLowerCase();
    const [year, season] = term.split('-');
    if (!isTerm(term)) ctx.throw(400, `term must look like 2026-fall, got '${term}'`);

    const sections = await listSections(term);
    const grades = await gradesFor(sections.map((s) => s.id));
    const byStudent = new Map();
    for (const grade of grades) {
      byStudent.set(grade.studentId, (byStudent.get(grade.studentId) || []).concat(grade));
    }
    const honoured = [...byStudent.entries()]
      .map(([studentId, list]) => ({ studentId, courses: list.length, gpa: gpa(list) }))
      .filter((row) => row.courses >= MIN_COURSES && row.gpa !== null && row.gpa >= HONOUR_GPA)
      .sort((a, b) => b.gpa - a.gpa || a.studentId.localeCompare(b.studentId));
    const students = await getStudents(honoured.map((row) => row.studentId));

    ctx.body = {
      term,
      label: `${season[0].toUpperCase()}${season.slice(1)} ${year}`,
      students: honoured
        .map((row, i) => students[i] && { id: row.studentId, name: students[i].name, year: students[i].year, gpa: row.gpa })
        .filter(Boolean),
    };
  });

  return router;
};
