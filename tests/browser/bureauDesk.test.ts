/**
 * Issue 19's bureau journeys at a desk (1280×800): see bureauJourneys.ts. Screenshots of the census,
 * placement, rotation and dashboard pages go to tests/artifacts/screenshots/desk-*.png.
 */
import { censusJourney, oneFigureJourney, placementJourney, rotationJourney } from './bureauJourneys';
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();

test('census: template round trip, 120 children all reachable, a follow-up survives a merge, replace only after confirming who goes', () =>
  censusJourney(env(), 'desk'));

test('placement: names, a confirmed formal run, files downloadable after publishing, verify-draw passes and catches edits', () =>
  placementJourney(env(), 'desk'));

test('rotation: a broken rule blocks publishing until acknowledged; the 公示 shows the published plan; objections keep the name', () =>
  rotationJourney(env(), 'desk'));

test('本校督导 and the bureau’s school record show the same 当前 and 轮岗后 numbers; the dashboard', () =>
  oneFigureJourney(env(), 'desk'));
