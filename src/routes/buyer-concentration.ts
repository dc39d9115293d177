// /buyer-concentration: HS6 lines where one importer takes most of world imports — the mirror of /cr1,
// served by the same code (src/routes/cr1.ts) on the imports side of src/db/queries/cr1.ts.
import { dominantLinesRoute } from './cr1.js'

export default dominantLinesRoute('imports')
