/**
 * A view's state in the page's URL: values under a prefix of the query (`agencies.sort`, `on`), read once and
 * written with history.replaceState (no new history entry for each change); an empty or default value is removed.
 */
export interface UrlState {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

export function urlState(prefix = ''): UrlState {
  return {
    get: (key) => new URLSearchParams(location.search).get(prefix + key),
    set: (key, value) => {
      const url = new URL(location.href);
      if (value === null || value === '') url.searchParams.delete(prefix + key);
      else url.searchParams.set(prefix + key, value);
      if (url.href !== location.href) history.replaceState(history.state, '', url.href);
    },
  };
}
