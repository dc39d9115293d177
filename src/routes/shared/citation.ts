// BibTeX citations naming tradedep, the result, the data releases and the access date.
import type { Manifest } from '../../lake/contract.js'

interface CitationInput {
  title: string
  url: string
  manifest: Manifest
  sources: { name: string; release: string; publisher: string }[]
  accessed?: Date
}

function escapeBibtex(text: string): string {
  return text.replace(/([{}&%$#_])/g, '\\$1')
}

function citationKey(title: string, date: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)
  return `tradedep_${date.replaceAll('-', '')}_${slug}`
}

export function bibtex({ title, url, manifest, sources, accessed = new Date() }: CitationInput): string {
  const date = accessed.toISOString().slice(0, 10)
  const data = sources.map((s) => `${s.name} ${s.release} (${s.publisher})`).join('; ')
  const synthetic = manifest.synthetic ? ' SYNTHETIC DEMO DATA, not real trade statistics.' : ''
  const fields = [
    ['title', `tradedep: ${title}`],
    ['author', 'tradedep contributors'],
    ['year', date.slice(0, 4)],
    ['howpublished', `tradedep API, ${url}`],
    ['note', `Data: ${data || 'none'}. Lake version ${manifest.lake_version}.${synthetic}`],
    ['urldate', date],
  ]
  const body = fields.map(([k, v]) => `  ${k} = {${escapeBibtex(v!)}}`).join(',\n')
  return `@misc{${citationKey(title, date)},\n${body}\n}\n`
}
