// Unsaved form data kept in sessionStorage, so nothing typed is lost to a failed save, a
// conflict, an expired login or a reload of the page. Cleared once the server has the data.

interface Stored { data: unknown; version?: number; savedAt: number }

const key = (user: string, typeId: string, caseId?: number) => `beian.unsaved.${user}.${typeId}.${caseId ?? 'new'}`;

export function readUnsaved(user: string, typeId: string, caseId?: number): Stored | null {
  try {
    const raw = sessionStorage.getItem(key(user, typeId, caseId));
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

export function writeUnsaved(user: string, typeId: string, caseId: number | undefined, data: unknown, version?: number): void {
  try {
    sessionStorage.setItem(key(user, typeId, caseId), JSON.stringify({ data, version, savedAt: Date.now() }));
  } catch {
    // Storage full or disabled: the form state in memory is still there.
  }
}

export function clearUnsaved(user: string, typeId: string, caseId?: number): void {
  try { sessionStorage.removeItem(key(user, typeId, caseId)); } catch { /* nothing to clear */ }
}
