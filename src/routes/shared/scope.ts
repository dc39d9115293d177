// The scope of an answer (section or chapter list, with chapter names from the nomenclature) as it appears in `data`.
import { Type } from 'typebox'
import type { Catalog } from '../../db/lake.js'
import type { Scope } from './resolve.js'

export const ScopeOut = Type.Object({
  section: Type.Union([Type.String(), Type.Null()], { description: 'HS section (Roman), null when chapters were listed', examples: ['XVI'] }),
  label: Type.String({ examples: ['HS Section XVI'] }),
  chapters: Type.Array(Type.Object({
    chapter: Type.String({ examples: ['84'] }),
    name: Type.String({ description: 'chapter description from the HS nomenclature at chapter level' }),
  })),
}, { description: 'the HS chapters the answer covers' })

export function scopeOut(catalog: Catalog, scope: Scope) {
  return {
    section: scope.section?.section ?? null,
    label: scope.label,
    chapters: scope.chapters.map((chapter) => ({ chapter, name: chapterName(catalog, chapter) })),
  }
}

/** A chapter's name from the nomenclature at chapter level. */
export function chapterName(catalog: Catalog, chapter: string): string {
  return catalog.chapters.get(chapter)?.name ?? `chapter ${chapter}`
}

/** An economy's name from the lake's country table, null when the code is not in it. */
export function countryName(catalog: Catalog, iso3: string): string | null {
  return catalog.countries.get(iso3)?.name ?? null
}

/** The normalised scope parameters for `meta.query`. */
export function scopeQuery(scope: Scope) {
  return scope.section ? { section: scope.section.section } : { chapters: scope.chapters.join(',') }
}
