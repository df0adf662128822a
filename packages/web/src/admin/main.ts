import type { AdminStats } from '@wt/protocol';
import { fetchStats, tokenStore } from './api';
import { chartsOf } from './series';
import { Dashboard } from './view';
import './admin.css';

/** How often the page asks for a sample, and how many it keeps (the charts' width). */
const POLL_MS = 3_000;
const SAMPLES = 60;

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`#${id} is missing from admin.html`);
  return node;
}

const form = byId('admin-login', HTMLFormElement);
const input = byId('admin-token', HTMLInputElement);
const loginError = byId('admin-login-error', HTMLParagraphElement);
const board = byId('admin-board', HTMLElement);
const status = byId('admin-status', HTMLParagraphElement);
const signOut = byId('admin-sign-out', HTMLButtonElement);

let samples: AdminStats[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let dashboard: Dashboard | undefined;

function showLogin(message?: string): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  board.hidden = true;
  form.hidden = false;
  loginError.textContent = message ?? '';
  loginError.hidden = message === undefined;
  input.focus();
}

async function poll(token: string): Promise<void> {
  const result = await fetchStats(token);
  if (!result.ok && result.reason === 'unauthorized') {
    tokenStore.clear();
    showLogin(result.message);
    return;
  }
  if (result.ok) {
    samples = [...samples, result.stats].slice(-SAMPLES);
    dashboard ??= new Dashboard(SAMPLES);
    if (!dashboard.root.isConnected) board.append(dashboard.root);
    dashboard.update(result.stats, chartsOf(samples));
    const time = new Date().toLocaleTimeString([], { hour12: false });
    status.textContent = `Live · updated ${time} · every ${POLL_MS / 1000} s`;
    status.dataset.state = 'live';
  } else {
    status.textContent = `${result.message} Trying again…`;
    status.dataset.state = 'error';
  }
  timer = setTimeout(() => void poll(token), POLL_MS);
}

function open(token: string): void {
  form.hidden = true;
  board.hidden = false;
  status.textContent = 'Loading the first sample…';
  status.dataset.state = 'loading';
  void poll(token);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = input.value.trim();
  if (token === '') {
    showLogin('Enter the token (ADMIN_TOKEN).');
    return;
  }
  tokenStore.set(token);
  input.value = '';
  open(token);
});

signOut.addEventListener('click', () => {
  tokenStore.clear();
  samples = [];
  showLogin();
});

const saved = tokenStore.get();
if (saved === undefined) showLogin();
else open(saved);
