import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe-core's browser build, injected into the page under test as a script. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

function isFinding(value: unknown): value is AxeFinding {
  if (typeof value !== 'object' || value === null) return false;
  return (
    typeof Reflect.get(value, 'id') === 'string' && Array.isArray(Reflect.get(value, 'targets'))
  );
}

/**
 * Waits for the page's finite animations (a sheet sliding in, a dialog popping up) to
 * finish, so axe judges what a person sees once the motion stops: mid-fade, text is
 * drawn partly transparent and its contrast is not the contrast it settles at.
 * Endless ones (spinners, pulses) and paused ones, which would never finish, are left
 * alone.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document
      .getAnimations()
      .filter(
        (animation) =>
          animation.playState === 'running' &&
          animation.effect?.getComputedTiming().endTime !== Infinity,
      );
    // A cancelled animation (its element left the page) rejects `finished` with an
    // AbortError: it no longer draws anything, so it counts as settled.
    const settled = finite.map((animation) =>
      animation.finished.then(
        () => 'finished',
        () => 'cancelled',
      ),
    );
    await Promise.all(settled);
  });
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) in the page as it is now and returns its
 * serious and critical violations, one entry per rule with the elements it flagged.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  await settleAnimations(page);
  // Evaluated through the DevTools protocol: the app's CSP forbids inline scripts.
  await page.evaluate(AXE_SOURCE);
  const raw: unknown = await page.evaluate(async () => {
    const axe: unknown = Reflect.get(window, 'axe');
    if (typeof axe !== 'object' || axe === null) throw new Error('axe-core did not load');
    const run: unknown = Reflect.get(axe, 'run');
    if (typeof run !== 'function') throw new Error('axe-core has no run()');
    const results: unknown = await run.call(axe, document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    const violations: unknown = Reflect.get(Object(results), 'violations');
    if (!Array.isArray(violations)) return [];
    const list: unknown[] = violations;
    return list.map((violation) => {
      const nodes: unknown = Reflect.get(Object(violation), 'nodes');
      const nodeList: unknown[] = Array.isArray(nodes) ? nodes : [];
      return {
        id: String(Reflect.get(Object(violation), 'id')),
        impact: String(Reflect.get(Object(violation), 'impact')),
        help: String(Reflect.get(Object(violation), 'help')),
        targets: nodeList.map((node) => JSON.stringify(Reflect.get(Object(node), 'target'))),
      };
    });
  });
  const findings = Array.isArray(raw) ? raw.filter(isFinding) : [];
  return findings.filter(
    (finding) => finding.impact === 'serious' || finding.impact === 'critical',
  );
}
