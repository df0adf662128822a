import type { AdminStats } from '@wt/protocol';
import { CARDS } from './cards';
import type { Charts } from './series';
import { sparklinePath } from './sparkline';

const SVG = 'http://www.w3.org/2000/svg';
const BOX = { width: 240, height: 48 };

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

interface CardNodes {
  value: HTMLElement;
  detail: HTMLElement;
  line: SVGPathElement;
}

/** The dashboard: a card with a sparkline per measure, and the busiest rooms. */
export class Dashboard {
  readonly root: HTMLElement;
  private readonly cards = new Map<string, CardNodes>();
  private readonly rooms: HTMLTableSectionElement;

  constructor(private readonly capacity: number) {
    this.root = element('div', { class: 'admin-dashboard' });
    const grid = element('div', { class: 'admin-cards' });
    for (const card of CARDS) {
      const figure = element('figure', { class: 'admin-card', 'data-testid': `admin-${card.id}` });
      const caption = element('figcaption', { class: 'admin-card__label' }, card.label);
      const value = element('p', { class: 'admin-card__value' }, '–');
      const detail = element('p', { class: 'admin-card__detail' }, '');
      const svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('viewBox', `0 0 ${BOX.width} ${BOX.height}`);
      svg.setAttribute('class', 'admin-card__chart');
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', `${card.label} over the last minutes`);
      svg.setAttribute('preserveAspectRatio', 'none');
      const base = document.createElementNS(SVG, 'line');
      base.setAttribute('class', 'admin-card__base');
      base.setAttribute('x1', '0');
      base.setAttribute('x2', String(BOX.width));
      base.setAttribute('y1', String(BOX.height - 0.5));
      base.setAttribute('y2', String(BOX.height - 0.5));
      base.setAttribute('vector-effect', 'non-scaling-stroke');
      const line = document.createElementNS(SVG, 'path');
      line.setAttribute('vector-effect', 'non-scaling-stroke');
      svg.append(base, line);
      figure.append(caption, value, detail, svg);
      grid.append(figure);
      this.cards.set(card.id, { value, detail, line });
    }
    const table = element('table', { class: 'admin-rooms', 'data-testid': 'admin-top-rooms' });
    table.append(element('caption', {}, 'Busiest rooms'));
    const head = element('thead');
    const row = element('tr');
    for (const title of ['Room', 'People', 'Queue'])
      row.append(element('th', { scope: 'col' }, title));
    head.append(row);
    this.rooms = element('tbody');
    table.append(head, this.rooms);
    this.root.append(grid, table);
  }

  update(sample: AdminStats, charts: Charts): void {
    for (const card of CARDS) {
      const nodes = this.cards.get(card.id);
      if (!nodes) continue;
      nodes.value.textContent = card.value(sample, charts);
      nodes.detail.textContent = card.detail(sample, charts);
      const box = card.max === undefined ? BOX : { ...BOX, max: card.max };
      nodes.line.setAttribute('d', sparklinePath(card.series(charts), box, this.capacity));
    }
    const rows = sample.topRooms.map((room) => {
      const tr = element('tr');
      const link = element('a', { href: `/room/${encodeURIComponent(room.id)}` }, room.id);
      const name = element('td');
      name.append(link);
      tr.append(
        name,
        element('td', {}, String(room.people)),
        element('td', {}, String(room.queue)),
      );
      return tr;
    });
    if (rows.length === 0) {
      const empty = element('tr');
      empty.append(
        element('td', { colspan: '3', class: 'admin-rooms__empty' }, 'Nobody is in a room.'),
      );
      rows.push(empty);
    }
    this.rooms.replaceChildren(...rows);
  }
}
