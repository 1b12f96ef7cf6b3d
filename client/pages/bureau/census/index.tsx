// 控辍保学: the school-age census roster against the registrations — per township the children
// not registered, registered but not placed, placed but not reported, and the 入学率; every child
// in each standing, page by page, with the follow-up records. Imports merge by identity number and
// never remove anyone; replacing the roster is a separate step that shows who would be removed
// and asks first. Template, export (re-importable) and the import all have the same columns.
import { Button, Input, Text, View } from '@tarojs/components';
import { LoadFailed } from '../../../components/LoadFailed';
import { inputA11y, tapA11y } from '../../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import {
  censusBucketLabels,
  censusBuckets,
  censusTableHeader,
  followUpOutcomes,
  type CensusBucket,
  type TownshipSummary,
} from '@shared/oversight/census';
import type { CensusReplacePreview } from '@shared/oversight/censusImport';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { DataTable, type Column } from '../../../components/DataTable';
import { ImportProblems } from '../../../components/ImportProblems';
import { Progress } from '../../../components/Progress';
import {
  countyApi,
  reportsApi,
  type CensusImportResult,
  type CensusSort,
  type CensusView,
} from '../../../services/api';
import { fileFetchSave } from '../../../services/download';
import { useSheetImport } from '../../../services/sheetImport';
import { useDesk } from '../../../services/layout';
import { instantDateLabel } from '@shared/time';

type Child = CensusView['items'][number];
const PAGE = 50;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** What an import did, in a sentence. */
function importSummary(r: CensusImportResult): string {
  const parts = [`新增 ${r.added} 人`, `更新 ${r.updated} 人`, `无变化 ${r.unchanged} 人`];
  return `已按身份证号合并 ${r.rows} 名儿童：${parts.join('，')}。${r.kept > 0 ? `名册中另有 ${r.kept} 名儿童不在本次表格中，已全部保留。` : ''}${r.ignoredColumns.length > 0 ? `未读取的列：${r.ignoredColumns.join('、')}。` : ''}跟踪记录均已保留。`;
}

export default function CensusPage() {
  const desk = useDesk();
  const [v, setV] = useState<CensusView | null>(null);
  const [bucket, setBucket] = useState<CensusBucket | null>('not_registered');
  const [township, setTownship] = useState<string | null>(null);
  const [sort, setSort] = useState<CensusSort>('township');
  const [open, setOpen] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Record<string, string | null>>({});
  // The first load failing (no permission, the network) leaves nothing to show: the refusal
  // with its way back, never the page's menu over an empty page.
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const sheet = useSheetImport(setError);
  const [replace, setReplace] = useState<{ base64: string; preview: CensusReplacePreview } | null>(null);

  const load = async (
    q: { bucket?: CensusBucket | null; township?: string | null; offset?: number; sort?: CensusSort } = {},
  ) => {
    const r = await countyApi.census({
      bucket: q.bucket === undefined ? bucket : q.bucket,
      township: q.township === undefined ? township : q.township,
      offset: q.offset ?? 0,
      sort: q.sort ?? sort,
      limit: PAGE,
    });
    if (!r.ok) return v ? setError(r.message) : setLoadError(r.message);
    setV(r.data);
  };
  useDidShow(() => void load());

  /** Every action starts clean: the banners describe what the officer did last, nothing older. */
  const fresh = () => {
    setError(null);
    setInfo(null);
    sheet.clear();
  };
  const filter = (q: { bucket?: CensusBucket | null; township?: string | null; sort?: CensusSort }) => {
    fresh();
    setOpen(null);
    if (q.bucket !== undefined) setBucket(q.bucket);
    if (q.township !== undefined) setTownship(q.township);
    if (q.sort !== undefined) setSort(q.sort);
    void load({ ...q, offset: 0 });
  };

  const pick = async (): Promise<string | null> => {
    fresh();
    setReplace(null);
    return sheet.pick();
  };
  const merge = async () => {
    const base64 = await pick();
    if (!base64) return;
    const r = await sheet.send('正在上传并核对名册，通常需要 1 至 5 秒…', '名册', () =>
      reportsApi.censusImport(base64),
    );
    if (!r) return;
    setInfo(importSummary(r));
    await load({ offset: 0 });
  };
  const previewReplace = async () => {
    const base64 = await pick();
    if (!base64) return;
    const r = await sheet.send('正在核对新名册与现有名册…', '名册', () =>
      reportsApi.censusReplacePreview(base64),
    );
    if (r?.preview) setReplace({ base64, preview: r.preview });
  };
  const confirmReplace = async () => {
    if (!replace) return;
    const n = replace.preview.removed.length;
    if (n > 0) {
      const c = await Taro.showModal({
        title: '确认替换名册',
        content: `将移出 ${n} 名儿童（移出前会把每人的记录和跟踪情况写入审计日志）。确定替换吗？`,
        confirmText: '确定替换',
        cancelText: '取消',
      });
      if (!c.confirm) return;
    }
    fresh();
    const r = await sheet.send('正在替换名册…', '名册', () =>
      reportsApi.censusReplace(replace.base64, replace.preview.confirm),
    );
    if (!r) return;
    setReplace(null);
    setInfo(`已替换名册：新增 ${r.added} 人，更新 ${r.updated} 人，移出 ${r.removed} 人（已记入审计日志）。`);
    await load({ offset: 0 });
  };
  const save = async (kind: 'template' | 'export') => {
    fresh();
    await fileFetchSave(kind === 'template' ? reportsApi.censusTemplate : reportsApi.censusExport, setError);
  };
  const follow = async (c: Child) => {
    fresh();
    const r = await countyApi.censusFollowUp(c.id, notes[c.id] ?? '', (outcome[c.id] as never) ?? null);
    if (!r.ok) return setError(r.message);
    setNotes((n) => ({ ...n, [c.id]: '' }));
    setOutcome((m) => ({ ...m, [c.id]: null }));
    setOpen(null);
    setInfo(`已记录${c.name}的跟踪情况。`);
    await load({ offset: v?.offset ?? 0 });
  };

  const townshipColumns: Column<TownshipSummary>[] = [
    {
      key: 'township',
      title: '乡镇',
      nowrap: true,
      render: (t) => (
        <Text
          {...tapA11y('button')}
          className={`record-link township-pick${township === t.township ? ' chip-on' : ''}`}
          id={`township-${t.township}`}
          onClick={() => filter({ township: t.township })}
        >
          {t.township}
        </Text>
      ),
      sort: (a, b) => a.township.localeCompare(b.township, 'zh-CN'),
    },
    {
      key: 'children',
      nowrap: true,
      title: '儿童',
      numeric: true,
      render: (t) => t.children,
      sort: (a, b) => a.children - b.children,
    },
    {
      key: 'not_registered',
      nowrap: true,
      title: '未报名',
      numeric: true,
      render: (t) => t.counts.not_registered,
      sort: (a, b) => a.counts.not_registered - b.counts.not_registered,
    },
    {
      key: 'not_placed',
      title: '未录取',
      numeric: true,
      nowrap: true,
      render: (t) => t.counts.not_placed,
      deskOnly: true,
    },
    {
      key: 'not_reported',
      title: '未报到',
      nowrap: true,
      numeric: true,
      render: (t) => t.counts.not_reported,
      deskOnly: true,
    },
    {
      key: 'rate',
      nowrap: true,
      title: '入学率',
      numeric: true,
      render: (t) => (
        <Text className={t.enrolmentRate >= 0.95 ? 'field-ok' : 'field-error'}>{pct(t.enrolmentRate)}</Text>
      ),
      sort: (a, b) => a.enrolmentRate - b.enrolmentRate,
    },
  ];

  const childColumns: Column<Child>[] = [
    // Names, places and states kept on one line at a desk (they wrapped mid-word: 城关 / 镇).
    { key: 'name', title: '姓名', nowrap: true, render: (c) => c.name, sort: () => 0 },
    { key: 'id', title: '身份证号', nowrap: true, render: (c) => c.idMasked },
    { key: 'township', title: '乡镇', nowrap: true, render: (c) => c.township, sort: () => 0 },
    { key: 'village', title: '村（社区）', nowrap: true, render: (c) => c.village || '—' },
    {
      key: 'groups',
      title: '类别',
      nowrap: true,
      render: (c) => (c.groups.length ? c.groups.join('、') : '—'),
    },
    {
      key: 'bucket',
      title: '状态',
      nowrap: true,
      render: (c) => censusBucketLabels[c.bucket],
      sort: () => 0,
    },
    {
      key: 'followUps',
      title: '跟踪记录',
      render: (c) => {
        const last = c.followUps[c.followUps.length - 1];
        return last
          ? `${c.followUps.length}条，最近：${instantDateLabel(last.at)} ${last.text}${last.outcome ? `（${last.outcome}）` : ''}`
          : '暂无';
      },
    },
    {
      key: 'act',
      title: '操作',
      render: (c) =>
        c.bucket === 'reported' ? (
          <Text className="muted">已报到</Text>
        ) : (
          <Text
            {...tapA11y('button')}
            className="record-link follow-open"
            onClick={() => setOpen(open === c.id ? null : c.id)}
          >
            {open === c.id ? '收起' : '记录跟踪'}
          </Text>
        ),
    },
  ];

  const followForm = (c: Child) =>
    open !== c.id ? null : (
      <View className="follow-form" id={`follow-${c.id}`}>
        {/* On a phone the card above already lists them. */}
        {(desk ? c.followUps : []).map((f, i) => (
          <Text
            className="muted line"
            key={i}
          >{`${instantDateLabel(f.at)} ${f.text}${f.outcome ? `（${f.outcome}）` : ''}`}</Text>
        ))}
        <Text className="label">{`${c.name}：联系或劝返情况`}</Text>
        <Input
          {...inputA11y(`${c.name}：联系或劝返情况`)}
          className="input follow-text"
          placeholder="如：电话联系母亲，已随父母在外地就读"
          value={notes[c.id] ?? ''}
          onInput={(e) => setNotes((n) => ({ ...n, [c.id]: e.detail.value }))}
        />
        <Text className="label">结果</Text>
        <Chips<string | null>
          id={`outcome-${c.id}`}
          options={[
            { value: null, label: '仅记录' },
            ...followUpOutcomes.map((o) => ({ value: o, label: o })),
          ]}
          value={outcome[c.id] ?? null}
          onChange={(o) => setOutcome((m) => ({ ...m, [c.id]: o }))}
        />
        <Button size="mini" className="btn btn-primary follow-save" onClick={() => void follow(c)}>
          保存跟踪记录
        </Button>
      </View>
    );

  if (loadError) return <LoadFailed message={loadError} />;
  return (
    <View className="page">
      <View className="page-head">
        <Text className="title">控辍保学</Text>
        <Text className="subtitle">{`${v?.year ?? ''}年适龄儿童名册与报名、录取、报到比对`}</Text>
      </View>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <Progress id="census-progress" step={sheet.step} />
      <ImportProblems id="census-problems" problems={sheet.problems} />
      <View className="toolbar">
        <Button
          size="mini"
          className="btn btn-primary"
          id="census-upload"
          disabled={!!sheet.step || undefined}
          onClick={() => void (sheet.step ? null : merge())}
        >
          导入名册（按身份证号合并）
        </Button>
        <Button size="mini" className="btn" id="census-template" onClick={() => void save('template')}>
          下载导入模板
        </Button>
        <Button size="mini" className="btn" id="census-download" onClick={() => void save('export')}>
          导出名册（可修改后导入）
        </Button>
        <Button
          size="mini"
          className="btn btn-danger"
          id="census-replace"
          disabled={!!sheet.step || undefined}
          onClick={() => void (sheet.step ? null : previewReplace())}
        >
          以新名册替换…
        </Button>
      </View>
      <Text className="muted line" id="census-columns">
        {`名册列：${censusTableHeader.join('、')}（按表头识别，顺序不限）。导入只新增和更新，不会移出任何儿童；跟踪记录始终保留。`}
      </Text>
      {replace ? (
        <View className="card" id="census-replace-preview">
          <Text className="card-title">以新名册替换：请先确认</Text>
          <Text className="muted line">
            {`新名册 ${replace.preview.rows} 人：新增 ${replace.preview.added} 人，更新 ${replace.preview.updated} 人，无变化 ${replace.preview.unchanged} 人。`}
          </Text>
          {replace.preview.removed.length === 0 ? (
            <Text className="field-ok line">现有名册中的儿童都在新名册里，不会移出任何人。</Text>
          ) : (
            <View>
              <Text className="field-error line" id="census-removed-count">
                {`以下 ${replace.preview.removed.length} 名儿童不在新名册中，替换后将被移出（移出前记入审计日志）：`}
              </Text>
              <DataTable
                id="census-removed"
                caption="替换后将被移出的儿童"
                columns={[
                  { key: 'name', title: '姓名', render: (r) => r.name },
                  { key: 'id', title: '身份证号', render: (r) => r.idMasked },
                  { key: 'place', title: '乡镇、村', render: (r) => `${r.township}${r.village}` },
                  { key: 'f', title: '跟踪记录', numeric: true, render: (r) => `${r.followUps}条` },
                ]}
                rows={replace.preview.removed}
                rowKey={(r) => r.id}
              />
            </View>
          )}
          <View className="row">
            <Button size="mini" className="btn" id="census-replace-cancel" onClick={() => setReplace(null)}>
              取消
            </Button>
            <Button
              size="mini"
              className="btn btn-danger"
              id="census-replace-confirm"
              onClick={() => void confirmReplace()}
            >
              {replace.preview.removed.length > 0
                ? `确认替换并移出 ${replace.preview.removed.length} 名儿童`
                : '确认替换'}
            </Button>
          </View>
        </View>
      ) : null}
      {v ? (
        <View className="desk-grid desk-side census-side">
          <View className="card" id="census-townships">
            <Text className="card-title">各乡镇入学情况</Text>
            {v.townships.length === 0 ? <Text className="muted">尚未导入名册。</Text> : null}
            {v.townships.length > 0 ? (
              <Text
                {...tapA11y('button')}
                className={`record-link township-pick${township === null ? ' chip-on' : ''}`}
                id="township-all"
                onClick={() => filter({ township: null })}
              >
                全部乡镇
              </Text>
            ) : null}
            <DataTable
              id="census-township-table"
              caption="各乡镇适龄儿童入学情况"
              columns={townshipColumns}
              rows={v.townships}
              rowKey={(t) => t.township}
              pageSize={20}
            />
          </View>
          <View className="card" id="census-list">
            <Text className="card-title" id="census-list-title">
              {`${township ?? '全部乡镇'} · ${bucket ? censusBucketLabels[bucket] : '全部状态'}：共 ${v.total} 人`}
            </Text>
            <Chips<CensusBucket | null>
              id="census-bucket"
              options={[
                ...censusBuckets.map((b) => ({ value: b, label: censusBucketLabels[b] })),
                { value: null, label: '全部状态' },
              ]}
              value={bucket}
              onChange={(b) => filter({ bucket: b })}
            />
            {township ? (
              <Text
                {...tapA11y('button')}
                className="record-link"
                id="township-clear"
                onClick={() => filter({ township: null })}
              >
                {`${township} ✕ 返回全部乡镇`}
              </Text>
            ) : null}
            <DataTable<Child>
              id="census-children"
              caption="适龄儿童名单"
              columns={childColumns}
              rows={v.items}
              rowKey={(c) => c.id}
              rowId={(c) => `child-${c.id}`}
              rowClass={() => 'census-child'}
              expanded={followForm}
              empty="没有符合条件的儿童。"
              remote={{
                total: v.total,
                offset: v.offset,
                limit: v.limit,
                onPage: (o) => {
                  setOpen(null);
                  void load({ offset: o });
                },
                sort,
                onSort: (k) => filter({ sort: k as CensusSort }),
              }}
              card={(c) => (
                <View>
                  <Text className="label">{`${c.name}（${c.idMasked}）${c.township}${c.village}${c.groups.length ? ` · ${c.groups.join('、')}` : ''}`}</Text>
                  <Text className="muted line">{censusBucketLabels[c.bucket]}</Text>
                  {c.followUps.map((f, i) => (
                    <Text
                      className="muted line"
                      key={i}
                    >{`${instantDateLabel(f.at)} ${f.text}${f.outcome ? `（${f.outcome}）` : ''}`}</Text>
                  ))}
                  {c.bucket !== 'reported' && open !== c.id ? (
                    <Text
                      {...tapA11y('button')}
                      className="record-link follow-open"
                      onClick={() => setOpen(c.id)}
                    >
                      记录跟踪
                    </Text>
                  ) : null}
                </View>
              )}
            />
          </View>
        </View>
      ) : null}
    </View>
  );
}
