export function emptyTally(survey) {
  const tally = { responses: 0, questions: {} };
  for (const question of survey.questions) {
    if (question.type === 'scale') tally.questions[question.id] = { values: [] };
    else if (question.type === 'text') tally.questions[question.id] = { count: 0 };
    else tally.questions[question.id] = { counts: Object.fromEntries(question.options.map((option) => [option, 0])) };
  }
  return tally;
}

// Answers that do not fit the question are ignored rather than rejected: the widget is
// embedded on customer sites we do not control, and a partial response is still useful.
export function addResponse(survey, tally, answers) {
  for (const question of survey.questions) {
    const answer = answers[question.id];
    if (answer === undefined || answer === null || answer === '') continue;
    const entry = tally.questions[question.id];
    if (question.type === 'scale') {
      const value = Number(answer);
      if (Number.isInteger(value) && value >= question.min && value <= question.max) entry.values.push(value);
    } else if (question.type === 'single') {
      if (answer in entry.counts) entry.counts[answer] += 1;
    } else if (question.type === 'multi') {
      answer.forEach((choice) => {
        if (choice in entry.counts) entry.counts[choice] += 1;
      });
    } else {
      entry.count += 1;
    }
  }
  tally.responses += 1;
}
