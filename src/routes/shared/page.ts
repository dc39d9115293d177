// Pagination of a computed list: the page's rows and `meta.page` with the total before paging.

export interface Page { limit: number; offset: number; total: number }

export function paginate<T>(rows: T[], limit: number, offset: number): { rows: T[]; page: Page } {
  return { rows: rows.slice(offset, offset + limit), page: { limit, offset, total: rows.length } }
}
