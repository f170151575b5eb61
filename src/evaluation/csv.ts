/** A CSV record: its header-named fields and the line it starts on (1-based, for error messages). */
export type CsvRecord = { line: number; fields: Record<string, string> };

/**
 * Parses RFC 4180 CSV with a header row: fields separated by commas, optionally
 * quoted with `"`, a doubled `""` inside quotes for a quote, newlines allowed
 * inside quotes, CRLF or LF line ends. Blank lines are skipped. Throws with the
 * line number on an unterminated quote or a row with more fields than the header.
 */
export function parseCsv(text: string): CsvRecord[] {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let sawAny = false;
  const endCell = () => {
    cells.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    if (sawAny) rows.push({ line: rowLine, cells });
    cells = [];
    sawAny = false;
  };
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      sawAny = true;
    } else if (ch === ",") {
      endCell();
      sawAny = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
      sawAny = true;
    }
  }
  if (quoted) throw new Error(`line ${rowLine}: a quoted field is not closed`);
  endRow();

  const [header, ...data] = rows;
  if (!header) return [];
  const names = header.cells.map((c) => c.trim());
  return data.map(({ line: at, cells: row }) => {
    if (row.length > names.length)
      throw new Error(`line ${at}: ${row.length} fields, but the header names ${names.length}`);
    const fields: Record<string, string> = {};
    names.forEach((n, i) => {
      if (row[i] !== undefined) fields[n] = row[i] as string;
    });
    return { line: at, fields };
  });
}
