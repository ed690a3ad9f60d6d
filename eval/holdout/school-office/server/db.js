'use strict';

// The registrar's data layer predates promises; callers promisify what they need.
function createDb(data) {
  var students = new Map(data.students.map(function (s) { return [s.id, s]; }));
  var sections = new Map(data.sections.map(function (s) { return [s.id, s]; }));
  var grades = data.grades.slice();

  function later(cb, err, value) {
    setImmediate(function () { cb(err, value); });
  }

  return {
    getSection: function (id, cb) {
      later(cb, null, sections.get(id) || null);
    },
    listSections: function (term, cb) {
      var list = [];
      sections.forEach(function (section) {
        if (section.term === term) list.push(section);
      });
      later(cb, null, list);
    },
    // Like the registrar's batch loader: one slot per id, undefined where no record exists.
    getStudents: function (ids, cb) {
      later(cb, null, ids.map(function (id) { return students.get(id); }));
    },
    gradesFor: function (sectionIds, cb) {
      var wanted = new Set(sectionIds);
      later(cb, null, grades.filter(function (g) { return wanted.has(g.sectionId); }));
    },
    recordGrade: function (grade, cb) {
      if (!sections.has(grade.sectionId)) return later(cb, new Error('no section ' + grade.sectionId));
      grades = grades.filter(function (g) { return !(g.sectionId === grade.sectionId && g.studentId === grade.studentId); });
      grades.push(grade);
      later(cb, null, grade);
    },
  };
}

module.exports = { createDb: createDb };
