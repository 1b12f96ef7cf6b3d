// A list every record of which can be reached: at desk width a real table (caption, column
// headers that sort, a header that stays in view while the rows scroll), on a phone one card per
// record; both page through all the records with the count shown. Rows are either all given (the
// table sorts and pages them) or fetched a page at a time by the caller (`remote`).
import { Text, View } from '@tarojs/components';
import { tapA11y } from './a11y';
import { useState, type ReactNode } from 'react';
import { useDesk } from '../services/layout';

export interface Column<T> {
  readonly key: string;
  readonly title: string;
  render(row: T): ReactNode;
  /** Sorts the given rows (local tables); with `remote`, any value makes the column sortable there. */
  readonly sort?: (a: T, b: T) => number;
  readonly numeric?: boolean;
  /** Kept on one line at a desk (short values: names of schools, dates). */
  readonly nowrap?: boolean;
  /** Left out of the phone card (shown elsewhere in it, or not needed on a phone). */
  readonly deskOnly?: boolean;
}

export interface Remote {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  onPage(offset: number): void;
  readonly sort?: string;
  onSort?(key: string): void;
}

interface Props<T> {
  readonly id: string;
  /** What the table lists (its caption; read out by screen readers). */
  readonly caption: string;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  rowKey(row: T): string;
  /** Rows per page for a local table. */
  readonly pageSize?: number;
  readonly remote?: Remote;
  /** The phone card of a row (default: each column's title and value). */
  card?(row: T): ReactNode;
  /** Shown under a row (e.g. a form to act on it). */
  expanded?(row: T): ReactNode | null;
  /** The row's element id (for tests and links). */
  rowId?(row: T): string;
  rowClass?(row: T): string;
  readonly empty?: string;
}

type Sort = { readonly key: string; readonly dir: 1 | -1 } | null;

export function Pager({
  id,
  total,
  offset,
  limit,
  onPage,
}: {
  id: string;
  total: number;
  offset: number;
  limit: number;
  onPage(offset: number): void;
}) {
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const last = Math.min(total, offset + limit);
  const go = (p: number) => onPage((Math.min(pages, Math.max(1, p)) - 1) * limit);
  return (
    <View className="pager" id={`${id}-pager`}>
      <Text className="pager-count">{`第 ${offset + 1}–${last} 条，共 ${total} 条`}</Text>
      {pages > 1 ? (
        <View className="pager-buttons">
          <Text
            {...tapA11y('button', { disabled: page <= 1 })}
            className={`pager-btn${page <= 1 ? ' pager-off' : ''}`}
            id={`${id}-prev`}
            onClick={() => page > 1 && go(page - 1)}
          >
            上一页
          </Text>
          <Text className="pager-page">{`第 ${page} / ${pages} 页`}</Text>
          <Text
            {...tapA11y('button', { disabled: page >= pages })}
            className={`pager-btn${page >= pages ? ' pager-off' : ''}`}
            id={`${id}-next`}
            onClick={() => page < pages && go(page + 1)}
          >
            下一页
          </Text>
        </View>
      ) : null}
    </View>
  );
}

export function DataTable<T>(p: Props<T>) {
  const desk = useDesk();
  const [sort, setSort] = useState<Sort>(null);
  const [offset, setOffset] = useState(0);
  const size = p.pageSize ?? 20;

  // Local rows: sorted by the chosen column, then one page of them.
  const sorted = (() => {
    if (p.remote || !sort) return p.rows;
    const col = p.columns.find((c) => c.key === sort.key);
    return col?.sort
      ? [...p.rows].sort((a, b) => sort.dir * (col.sort as (a: T, b: T) => number)(a, b))
      : p.rows;
  })();
  const total = p.remote ? p.remote.total : sorted.length;
  const start = p.remote
    ? p.remote.offset
    : Math.min(offset, Math.max(0, (Math.ceil(total / size) - 1) * size));
  const limit = p.remote ? p.remote.limit : size;
  const shown = p.remote ? p.rows : sorted.slice(start, start + size);
  const onPage = (o: number) => (p.remote ? p.remote.onPage(o) : setOffset(o));
  const sortedBy = (key: string): 'ascending' | 'descending' | 'none' =>
    p.remote
      ? p.remote.sort === key
        ? 'ascending'
        : 'none'
      : sort?.key === key
        ? sort.dir === 1
          ? 'ascending'
          : 'descending'
        : 'none';
  const sortable = (c: Column<T>) => (p.remote ? !!c.sort && !!p.remote.onSort : !!c.sort);
  const toggle = (c: Column<T>) => {
    if (!sortable(c)) return;
    if (p.remote) return p.remote.onSort?.(c.key);
    setSort(sort?.key === c.key ? { key: c.key, dir: sort.dir === 1 ? -1 : 1 } : { key: c.key, dir: 1 });
    setOffset(0);
  };
  const pager = <Pager id={p.id} total={total} offset={start} limit={limit} onPage={onPage} />;
  const empty = total === 0 ? <Text className="muted line dt-empty">{p.empty ?? '暂无记录。'}</Text> : null;

  if (!desk || process.env.TARO_ENV !== 'h5') {
    // A phone: a card per record when the page gives one, otherwise compact rows under a header.
    const cols = p.columns.filter((c) => !c.deskOnly);
    return (
      <View className={p.card ? 'dt-cards' : 'dt-rows'} id={p.id}>
        {empty}
        {!p.card && total > 0 ? (
          <View className="table-row dt-head">
            {cols.map((c) => (
              <Text className={`cell dt-cell${c.numeric ? ' dt-num' : ''}`} key={c.key}>
                {c.title}
              </Text>
            ))}
          </View>
        ) : null}
        {shown.map((row) => (
          <View
            className={`${p.card ? 'dt-card' : 'dt-row'} ${p.rowClass?.(row) ?? ''}`}
            key={p.rowKey(row)}
            id={p.rowId?.(row)}
          >
            {p.card ? (
              p.card(row)
            ) : (
              <View className="table-row">
                {cols.map((c) => (
                  <View className={`cell dt-cell dt-card-value${c.numeric ? ' dt-num' : ''}`} key={c.key}>
                    {c.render(row)}
                  </View>
                ))}
              </View>
            )}
            {p.expanded?.(row) ?? null}
          </View>
        ))}
        {pager}
      </View>
    );
  }

  if (total === 0)
    return (
      <View className="dt" id={p.id}>
        {empty}
      </View>
    );
  return (
    <View className="dt" id={p.id}>
      <View className="dt-scroll">
        <table className="dt-table">
          <caption className="dt-caption">{p.caption}</caption>
          <thead>
            <tr>
              {p.columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`${c.numeric ? 'dt-num' : ''}${sortable(c) ? ' dt-sortable' : ''}`}
                  aria-sort={sortable(c) ? sortedBy(c.key) : undefined}
                >
                  {sortable(c) ? (
                    <button type="button" className="dt-sort" onClick={() => toggle(c)}>
                      {c.title}
                      <span className="dt-sort-mark" aria-hidden="true">
                        {sortedBy(c.key) === 'ascending' ? '▲' : sortedBy(c.key) === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.title
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const more = p.expanded?.(row) ?? null;
              return [
                <tr key={p.rowKey(row)} id={p.rowId?.(row)} className={p.rowClass?.(row)}>
                  {p.columns.map((c) => (
                    <td
                      key={c.key}
                      className={
                        [c.numeric ? 'dt-num' : '', c.nowrap ? 'dt-nowrap' : ''].join(' ').trim() || undefined
                      }
                    >
                      {c.render(row)}
                    </td>
                  ))}
                </tr>,
                more ? (
                  <tr key={`${p.rowKey(row)}-more`} className="dt-more">
                    <td colSpan={p.columns.length}>{more}</td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      </View>
      {pager}
    </View>
  );
}
