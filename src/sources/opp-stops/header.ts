/**
 * The header line of a CSV stop file: the first record, split on commas outside double quotes (`""` inside
 * quotes is a quote), with a UTF-8 byte-order mark and a trailing CR removed. Only the header is parsed here;
 * the rows are read by DuckDB with every column typed by name.
 */

export function parseHeaderLine(text: string, file: string): string[] {
  let line = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = line.indexOf('\n');
  if (end < 0) throw new Error(`${file}: no complete header line in the first bytes`);
  line = line.slice(0, end).replace(/\r$/, '');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error(`${file}: the header line ends inside a quoted field`);
  out.push(field);
  return out;
}
