'use strict';

const students = [
  { id: 's-2201', name: 'Amira Haddad', email: 'amira.haddad@students.linden.edu', year: 11 },
  { id: 's-2202', name: 'Bram Jansen', email: 'bram.jansen@students.linden.edu', year: 11 },
  { id: 's-2203', name: 'Chloé Martin', email: 'chloe.martin@students.linden.edu', year: 12 },
  { id: 's-2204', name: 'Dev Patel', email: 'dev.patel@students.linden.edu', year: 10 },
  { id: 's-2205', name: 'Eun-ji Park', email: 'eunji.park@students.linden.edu', year: 12 },
  { id: 's-2206', name: 'Farid Nasser', email: 'farid.nasser@students.linden.edu', year: 10 },
  { id: 's-2207', name: "Gráinne O'Neill", email: 'grainne.oneill@students.linden.edu', year: 11 },
  { id: 's-2208', name: 'Hugo Lefèvre', email: 'hugo.lefevre@students.linden.edu', year: 12 },
];

// s-2190 and s-2193 left in October; their records were purged, the rosters still list them.
const sections = [
  { id: 'sec-101', code: 'MATH-11A', title: 'Algebra II', term: '2026-fall', teacher: 'Ms. Kovacs', credits: 4, studentIds: ['s-2201', 's-2202', 's-2190', 's-2207'] },
  { id: 'sec-102', code: 'CHEM-12', title: 'Chemistry', term: '2026-fall', teacher: 'Mr. Obi', credits: 4, studentIds: ['s-2203', 's-2205', 's-2208'] },
  { id: 'sec-103', code: 'HIST-10', title: 'World History', term: '2026-fall', teacher: 'Mrs. Duarte', credits: 3, studentIds: ['s-2204', 's-2206', 's-2193'] },
  { id: 'sec-104', code: 'LIT-11', title: 'Literature', term: '2026-fall', teacher: 'Mr. Quinn', credits: 3, studentIds: ['s-2201', 's-2202', 's-2207', 's-2190'] },
  { id: 'sec-105', code: 'PHYS-12', title: 'Physics', term: '2026-fall', teacher: 'Dr. Ahn', credits: 4, studentIds: ['s-2203', 's-2205', 's-2208'] },
  { id: 'sec-090', code: 'MATH-10', title: 'Geometry', term: '2026-spring', teacher: 'Ms. Kovacs', credits: 4, studentIds: ['s-2201', 's-2202', 's-2204'] },
  { id: 'sec-091', code: 'ART-10', title: 'Studio Art', term: '2026-spring', teacher: 'Ms. Reyes', credits: 2, studentIds: ['s-2201', 's-2204'] },
];

const grades = [
  { sectionId: 'sec-101', studentId: 's-2201', letter: 'A', credits: 4 },
  { sectionId: 'sec-104', studentId: 's-2201', letter: 'A-', credits: 3 },
  { sectionId: 'sec-101', studentId: 's-2202', letter: 'B', credits: 4 },
  { sectionId: 'sec-104', studentId: 's-2202', letter: 'B+', credits: 3 },
  { sectionId: 'sec-102', studentId: 's-2203', letter: 'A', credits: 4 },
  { sectionId: 'sec-105', studentId: 's-2203', letter: 'A', credits: 4 },
  { sectionId: 'sec-102', studentId: 's-2205', letter: 'A-', credits: 4 },
  { sectionId: 'sec-105', studentId: 's-2205', letter: 'B+', credits: 4 },
  { sectionId: 'sec-101', studentId: 's-2190', letter: 'A', credits: 4 },
  { sectionId: 'sec-104', studentId: 's-2190', letter: 'A', credits: 3 },
  { sectionId: 'sec-090', studentId: 's-2201', letter: 'B', credits: 4 },
  { sectionId: 'sec-091', studentId: 's-2201', letter: 'A', credits: 2 },
  { sectionId: 'sec-090', studentId: 's-2204', letter: 'A', credits: 4 },
  { sectionId: 'sec-091', studentId: 's-2204', letter: 'A', credits: 2 },
];

module.exports = { students, sections, grades };
