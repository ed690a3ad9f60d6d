'use strict';

const Router = require('@koa/router');
const { average, band } = require('../marks');

function classRoutes(school) {
  const router = new Router({ prefix: '/classes' });

  router.get('/:classId', (ctx) => {
    const cls = school.classes.get(ctx.params.classId);
    if (!cls) ctx.throw(404, 'class not found');
    ctx.body = { ...cls, size: cls.roster.length };
  });

  // One card per student: the average and band in this class.
  router.get('/:classId/report-cards', (ctx) => {
    const cls = school.classes.get(ctx.params.classId);
    const cards = cls.roster.map((studentId) => {
      const scores = school.grades.filter((g) => g.classId === cls.id && g.studentId === studentId && g.status !== 'excused').map((g) => g.score);
      const avg = average(scores);
      return { student: school.students.get(studentId).name, average: avg, band: avg === null ? null : band(avg) };
    });
    ctx.body = { class: cls.subject, teacher: cls.teacher, cards };
  });

  return router;
}

module.exports = { classRoutes };
