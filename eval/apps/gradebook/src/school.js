'use strict';

// A snapshot of the school information system for the autumn term.
function loadSchool() {
  const students = new Map([
    ['S-2291', { id: 'S-2291', name: 'Amelia Clarke', year: 9, form: '9B' }],
    ['S-2304', { id: 'S-2304', name: 'Yusuf Demir', year: 9, form: '9B' }],
    ['S-2317', { id: 'S-2317', name: 'Grace Osei', year: 9, form: '9C' }],
    ['S-1988', { id: 'S-1988', name: 'Leo Fischer', year: 11, form: '11A' }],
  ]);

  const classes = new Map([
    ['9b-maths', { id: '9b-maths', subject: 'Mathematics', teacher: 'Mr Patel', roster: ['S-2291', 'S-2304'] }],
    ['9-science-set1', { id: '9-science-set1', subject: 'Science', teacher: 'Dr Nwosu', roster: ['S-2291', 'S-2317'] }],
    ['9b-english', { id: '9b-english', subject: 'English', teacher: 'Ms Lowry', roster: ['S-2291', 'S-2304'] }],
    ['11a-history', { id: '11a-history', subject: 'History', teacher: 'Mrs Byrne', roster: ['S-1988'] }],
  ]);

  // Scores are percentages. An excused assessment (illness, exam clash) has no score.
  const grades = [
    { studentId: 'S-2291', classId: '9b-maths', assessment: 'Algebra test', score: 78 },
    { studentId: 'S-2291', classId: '9b-maths', assessment: 'Geometry project', score: 85 },
    { studentId: 'S-2291', classId: '9-science-set1', assessment: 'Forces practical', score: 91 },
    { studentId: 'S-2291', classId: '9b-english', assessment: 'Poetry essay', score: 72 },
    { studentId: 'S-2304', classId: '9b-maths', assessment: 'Algebra test', score: 64 },
    { studentId: 'S-2304', classId: '9b-maths', assessment: 'Geometry project', status: 'excused' },
    { studentId: 'S-2304', classId: '9b-english', assessment: 'Poetry essay', score: 81 },
    { studentId: 'S-2317', classId: '9-science-set1', assessment: 'Forces practical', score: 88 },
    { studentId: 'S-1988', classId: '11a-history', assessment: 'Source analysis', score: 69 },
    { studentId: 'S-1988', classId: '11a-history', assessment: 'Mock exam', status: 'excused' },
  ];

  return { students, classes, grades };
}

module.exports = { loadSchool };
