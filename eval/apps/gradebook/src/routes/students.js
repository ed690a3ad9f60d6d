'use strict';

const Router = require('@koa/router');
const { average, band } = require('../marks');

function studentRoutes(school) {
  const router = new Router({ prefix: '/students' });

  router.get('/:id', (ctx) => {
    const student = school.students.get(ctx.params.id);
    if (!student) ctx.throw(404, 'student not found');
    ctx.body = student;
  });

  // The transcript parents download from the portal.
  router.get('/:id/transcript', (ctx) => {
    const student = school.students.get(ctx.params.id);
    if (!student) ctx.throw(404, 'student not found');
    const grades = school.grades.filter((g) => g.studentId === student.id);
    const rows = grades.map((g) => ({
      subject: school.classes.get(g.classId).subject,
      assessment: g.assessment,
      score: g.score.toFixed(1),
      band: band(g.score),
    }));
    ctx.body = { student: student.name, form: student.form, rows, overall: average(grades.map((g) => g.score)) };
  });

  return router;
}

module.exports = { studentRoutes };
