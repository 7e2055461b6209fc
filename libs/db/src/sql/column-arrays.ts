/**
 * A column's type: an SQL type, or `time` (a Date), `times` (Date[]) or `jsonb` (any JSON value),
 * which cross as described on ColumnArrays.
 */
export type ColumnType = 'time' | 'times' | 'jsonb' | (string & {});

type Columns<Row> = readonly (readonly [keyof Row & string, ColumnType])[];

const epochMs = (date: Date | null): number | null => date && date.getTime();

/** An element of an array literal: NULL, a number as is, text in double quotes (in which only `"` and `\` are escaped). */
const element = (value: unknown): string =>
  value == null ? 'NULL' : typeof value === 'number' ? String(value) : `"${String(value).replace(/[\\"]/g, '\\$&')}"`;

/**
 * The array literal of some text, numbers and nulls. Their JSON array is one already, brackets
 * aside, unless it escaped something: JSON and array literals quote text alike, and `null` is
 * NULL in either; but a JSON escape such as `\n` would read back as `n`. JSON.stringify is native
 * and fast: with each element quoted in JavaScript, building the parameters took 17 % of the
 * worker's time, against 4–8 % this way.
 */
const arrayLiteral = (values: unknown[]): string => {
  const json = JSON.stringify(values);
  return json.includes('\\') ? `{${values.map(element).join(',')}}` : `{${json.slice(1, -1)}}`;
};

/** Epoch milliseconds (a float8 expression) as the timestamp(3) they are, in UTC like every timestamp here. */
const timestampOf = (ms: string): string => `(to_timestamp(${ms} / 1000) AT TIME ZONE 'UTC')::timestamp(3)`;

/**
 * Rows sent to PostgreSQL as one array per column (a parameter each, however many rows) and read
 * there with `unnest`. Against one jsonb array of row objects, PostgreSQL parses plain array
 * literals: a ticket row cost it 2 µs to read instead of 7, and the parameters are half the size.
 * A time crosses as epoch milliseconds (a float8 element), not as an ISO string: building those
 * in JavaScript cost a ticket row four times what the rest of it did. Milliseconds convert back
 * exactly: to_timestamp rounds to the microsecond, far finer than the error of dividing by 1000 in
 * a double. A list of times crosses as one timestamp array literal per row (few rows hold any; an
 * ISO time in UTC reads back as that timestamp, its zone ignored). JSON values cross as one JSON
 * array, which PostgreSQL parses as it must anyway to store them (null as NULL).
 */
export class ColumnArrays<Row> {
  constructor(private readonly columns: Columns<Row>) {}

  /** The column names, quoted, in order. */
  get quotedNames(): string[] {
    return this.columns.map(([name]) => `"${name}"`);
  }

  /** The same, comma-separated: a column list. */
  get names(): string {
    return this.quotedNames.join(', ');
  }

  /** The parameters' values, in order: an array literal per column, a JSON array for a JSON column. */
  params(rows: readonly Row[]): string[] {
    return this.columns.map(([name, type]) => {
      if (type === 'time') return arrayLiteral(rows.map((row) => epochMs(row[name] as Date | null)));
      if (type === 'times') return arrayLiteral(rows.map((row) => `{${(row[name] as Date[]).map((d) => d.toISOString()).join(',')}}`));
      if (type === 'jsonb') return JSON.stringify(rows.map((row) => row[name] ?? null));
      return arrayLiteral(rows.map((row) => row[name]));
    });
  }

  /** `unnest($first::type[], …) AS <alias>(…)`: the parameters from `$first` on, each column as it crosses. */
  unnest(first: number, alias: string): string {
    const arrays = this.columns.map(([, type], i) => {
      const param = `$${first + i}`;
      if (type === 'jsonb')
        return `ARRAY(SELECT NULLIF(v, 'null') FROM jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS j(v, n) ORDER BY n)`;
      return `${param}::${type === 'time' ? 'float8' : type === 'times' ? 'text' : type}[]`;
    });
    return `unnest(${arrays.join(', ')}) AS ${alias}(${this.names})`;
  }

  /** The columns of the unnested `alias`, as the table types them (timestamp(3), timestamp(3)[]), named as the columns. */
  select(alias: string): string {
    return this.columns
      .map(([name, type]) => {
        const column = `${alias}."${name}"`;
        if (type === 'time') return `${timestampOf(column)} AS "${name}"`;
        if (type === 'times') return `${column}::timestamp(3)[] AS "${name}"`;
        return column;
      })
      .join(', ');
  }
}
