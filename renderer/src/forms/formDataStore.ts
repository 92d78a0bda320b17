// The whole form data for the few widgets that read beyond their own field (the street select
// follows the district beside it; a register entry fills its siblings). It is a store to read or
// subscribe to, not a value in rjsf's formContext: rjsf re-renders every field whose props differ
// (deepEquals, formContext included), so a formContext that changed on each keystroke re-rendered
// the whole form on each keystroke.
import { useSyncExternalStore } from 'react';

export interface FormDataStore {
  /** The form data as it is now. */
  get(): unknown;
  /** Calls `listener` after each change of the data; answers the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface WritableFormDataStore extends FormDataStore {
  /** Takes the new data (during render, so widgets rendered in the same pass read it)… */
  set(data: unknown): void;
  /** …and tells the subscribers once the page has committed it. */
  notify(): void;
}

export function createFormDataStore(initial: unknown): WritableFormDataStore {
  let data = initial;
  let told = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => data,
    set: (next) => { data = next; },
    notify: () => {
      if (told === data) return;
      told = data;
      for (const l of [...listeners]) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}

/**
 * A value picked from the form data; the widget re-renders only when that value changes.
 * `pick` must answer a primitive or a value kept by reference (not a fresh object per call).
 */
export function useFormValue<V>(store: FormDataStore, pick: (data: unknown) => V): V {
  const snapshot = () => pick(store.get());
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}
