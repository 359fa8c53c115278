// Runs review sequences through ts-fsrs (long-term scheduler, fuzz off) and prints each card after each review.
// Input (stdin, JSON): { "cases": [ { "w": [21 numbers] | null, "retention": 0.9, "maximumInterval": 36500,
//                                    "reviews": [ { "at": "ISO-8601", "rating": 1..4 } ] } ] }
// Output (stdout, JSON): { "version": "...", "cases": [ [ { "stability", "difficulty", "scheduledDays", "due" } ] ] }
// ts-fsrs is loaded from TS_FSRS_DIR/node_modules, where the tests install it.
'use strict';
const path = require('path');
const { fsrs, createEmptyCard, FSRSVersion } = require(path.join(process.env.TS_FSRS_DIR, 'node_modules', 'ts-fsrs'));

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const { cases } = JSON.parse(input);
  const out = cases.map(c => {
    const f = fsrs({
      w: c.w ?? undefined,
      request_retention: c.retention,
      maximum_interval: c.maximumInterval,
      enable_fuzz: false,
      enable_short_term: false,
    });
    let card = createEmptyCard(new Date(c.reviews[0].at));
    return c.reviews.map(r => {
      card = f.next(card, new Date(r.at), r.rating).card;
      return { stability: card.stability, difficulty: card.difficulty, scheduledDays: card.scheduled_days, due: card.due.toISOString() };
    });
  });
  process.stdout.write(JSON.stringify({ version: FSRSVersion, cases: out }));
});
