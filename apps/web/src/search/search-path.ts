/** The results page for a query. */
export const searchPath = (q: string) => `/search?q=${encodeURIComponent(q)}`
