// Inbox filters remembered per user in this browser: the last one used and named ones.

export interface InboxFilter {
  type?: string;
  state?: string;
  overdue?: boolean;
  mine?: boolean;
  q?: string;
}

export interface SavedFilter { name: string; filter: InboxFilter }

const key = (user: string) => `beian.inbox.filters.${user}`;

function read(user: string): { last?: InboxFilter; saved: SavedFilter[] } {
  try {
    const v = JSON.parse(localStorage.getItem(key(user)) ?? '{}') as { last?: InboxFilter; saved?: SavedFilter[] };
    return { last: v.last, saved: Array.isArray(v.saved) ? v.saved : [] };
  } catch {
    return { saved: [] };
  }
}

function write(user: string, v: { last?: InboxFilter; saved: SavedFilter[] }) {
  try { localStorage.setItem(key(user), JSON.stringify(v)); } catch { /* storage unavailable: filters just are not remembered */ }
}

export const savedFilters = {
  list: (user: string) => read(user).saved,
  last: (user: string) => read(user).last,
  remember(user: string, filter: InboxFilter) { write(user, { ...read(user), last: filter }); },
  save(user: string, name: string, filter: InboxFilter) {
    const cur = read(user);
    write(user, { ...cur, saved: [...cur.saved.filter((s) => s.name !== name), { name, filter }] });
  },
  remove(user: string, name: string) {
    const cur = read(user);
    write(user, { ...cur, saved: cur.saved.filter((s) => s.name !== name) });
  },
};
