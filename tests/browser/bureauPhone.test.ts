/**
 * Issue 19's bureau journeys on a phone (390×844): see bureauJourneys.ts. Screenshots of the census,
 * placement, rotation and dashboard pages go to tests/artifacts/screenshots/phone-*.png.
 */
import { censusJourney, oneFigureJourney, placementJourney, rotationJourney } from './bureauJourneys';
import { browserEnvSetup } from './setup';

const env = browserEnvSetup();

test('census: template round trip, 120 children all reachable, a follow-up survives a merge, replace only after confirming who goes', () =>
  censusJourney(env(), 'phone'));

test('placement: names, a confirmed formal run, files downloadable after publishing, verify-draw passes and catches edits', () =>
  placementJourney(env(), 'phone'));

test('rotation: a broken rule blocks publishing until acknowledged; the 公示 shows the published plan; objections keep the name', () =>
  rotationJourney(env(), 'phone'));

test('本校督导 and the bureau’s school record show the same 当前 and 轮岗后 numbers; the dashboard', () =>
  oneFigureJourney(env(), 'phone'));
