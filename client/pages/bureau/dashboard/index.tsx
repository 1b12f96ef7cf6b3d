// The bureau's oversight dashboard: key figures first, then the rule findings with their records,
// applicants against seats per school, 大班额 classes, admission of the groups reported apart, and
// the seven indicators' 差异系数 — 当前 and 轮岗后 (the published rotation plan), the same labels
// and numbers as the school record, the principal's page and the inspection workbook.
import { Button, Text, View } from '@tarojs/components';
import { tapA11y } from '../../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import { rules, type RuleCode } from '@shared/oversight/rules';
import type { DashboardClassRow, DashboardSchoolRow } from '@shared/oversight/recordView';
import {
  indicatorKeys,
  indicatorShortLabels,
  type IndicatorKey,
  type IndicatorTable,
} from '@shared/rotation/indicators';
import { indicatorBasisLabels, indicatorBasisNotes } from '@shared/rotation/service';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { DataTable } from '../../../components/DataTable';
import { LoadFailed } from '../../../components/LoadFailed';
import { FindingList, recordUrl } from '../../../components/Findings';
import { fileSave } from '../../../services/download';
import { countyApi, reportsApi, type Dashboard } from '../../../services/api';

const pct = (n: number, of: number) => `${of > 0 ? Math.min(100, (n / of) * 100) : 0}%`;
const stageNames = { primary: '小学', junior: '初中' } as const;
const { current: NOW, afterRotation: AFTER } = indicatorBasisLabels;
/** A 差异系数 chart's full width: room past the limit and the largest value. */
const cvScale = (t: IndicatorTable, after: IndicatorTable | null) =>
  Math.max(t.cvLimit * 1.5, ...Object.values(t.cv), ...Object.values(after?.cv ?? {}));

function CvStage({
  t,
  after,
  labels,
}: {
  t: IndicatorTable;
  after: IndicatorTable | null;
  labels: Readonly<Record<string, string>>;
}) {
  const cvMax = cvScale(t, after);
  const rows = indicatorKeys.map((k) => ({ k, now: t.cv[k], later: after ? after.cv[k] : null }));
  return (
    <View className="cv-stage" id={`cv-${t.stage}`}>
      <Text className="label">{`${stageNames[t.stage]}（限值 ${t.cvLimit}，红线）`}</Text>
      <View className="legend">
        <Text className="legend-item bar-seats">{NOW}</Text>
        {after ? <Text className="legend-item bar-approved">{AFTER}</Text> : null}
      </View>
      {rows.map(({ k, now, later }) => (
        <View className="bar-row" key={k} id={`cv-bar-${t.stage}-${k}`}>
          <Text className="bar-label">{indicatorShortLabels[k]}</Text>
          <View
            className="bar-track"
            {...tapA11y('img', {
              label: `${indicatorShortLabels[k]}：${NOW} ${now.toFixed(2)}${later !== null ? `，${AFTER} ${later.toFixed(2)}` : ''}，限值 ${t.cvLimit}${(later ?? now) > t.cvLimit ? '，超过限值' : ''}`,
            })}
          >
            <View className="bar bar-seats" style={{ width: pct(now, cvMax) }} />
            {later !== null ? (
              <View
                className={later <= t.cvLimit ? 'bar bar-approved' : 'bar bar-review'}
                style={{ width: pct(later, cvMax) }}
              />
            ) : null}
            <View className="bar-limit" style={{ left: pct(t.cvLimit, cvMax) }} />
          </View>
          <Text className="bar-value">{(later ?? now).toFixed(2)}</Text>
        </View>
      ))}
      <DataTable
        id={`cv-table-${t.stage}`}
        caption={`${stageNames[t.stage]}七项指标差异系数`}
        columns={[
          {
            key: 'k',
            title: '指标',
            render: (r) => labels[r.k] ?? indicatorShortLabels[r.k as IndicatorKey],
          },
          {
            key: 'now',
            title: `${NOW}差异系数`,
            numeric: true,
            render: (r) => r.now.toFixed(3),
            sort: (a, b) => a.now - b.now,
          },
          {
            key: 'later',
            title: `${AFTER}差异系数`,
            numeric: true,
            render: (r) => (r.later === null ? '—' : r.later.toFixed(3)),
          },
          {
            key: 'ok',
            title: '结论',
            render: (r) => {
              const v = r.later ?? r.now;
              return (
                <Text className={v <= t.cvLimit ? 'field-ok' : 'field-error'}>
                  {v <= t.cvLimit ? '达标' : '超限'}
                </Text>
              );
            },
          },
        ]}
        rows={rows}
        rowKey={(r) => r.k}
      />
    </View>
  );
}

export default function DashboardPage() {
  const [d, setD] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => void countyApi.dashboard().then((r) => (r.ok ? setD(r.data) : setError(r.message))));
  if (!d) return <LoadFailed message={error} />;
  const download = async () => {
    setError(null);
    const r = await reportsApi.oversightExport();
    if (!r.ok) return setError(r.message);
    await fileSave(r.data);
  };
  const large = d.classes.filter((c) => c.large || c.superLarge);
  const errors = d.findings.filter((f) => rules[f.rule as RuleCode]?.severity === 'error').length;
  const seats = d.schools.reduce((a, s) => a + s.seats, 0);
  const applicants = d.schools.reduce((a, s) => a + s.applicants, 0);
  const cvOver = (tables: readonly IndicatorTable[] | null) =>
    tables ? tables.reduce((a, t) => a + Object.values(t.cv).filter((v) => v > t.cvLimit).length, 0) : null;
  const overNow = cvOver(d.indicators.current);
  const overAfter = cvOver(d.indicators.afterRotation);
  const open = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className="page">
      <View className="page-head">
        <Text className="title">督导看板</Text>
        <Text className="subtitle">{`${d.year}年 · 规则检查、学位、特殊群体、差异系数`}</Text>
        <Button size="mini" className="btn" id="dashboard-export" onClick={() => void download()}>
          导出督导报表（电子表格）
        </Button>
      </View>
      <ErrorBanner message={error} />
      <View className="kpis" id="dashboard-kpis">
        <View className={`kpi${errors > 0 ? ' kpi-bad' : ''}`}>
          <Text className="kpi-value">{d.findings.length}</Text>
          <Text className="kpi-label">{`规则检查发现的问题（其中违规 ${errors} 项）`}</Text>
        </View>
        <View className={`kpi${large.length > 0 ? ' kpi-bad' : ''}`}>
          <Text className="kpi-value">{large.length}</Text>
          <Text className="kpi-label">大班额班级</Text>
        </View>
        <View className="kpi">
          <Text className="kpi-value">{`${applicants} / ${seats}`}</Text>
          <Text className="kpi-label">全县报名人数 / 起始年级学位</Text>
        </View>
        <View className={`kpi${(overAfter ?? overNow ?? 0) > 0 ? ' kpi-bad' : ''}`}>
          <Text className="kpi-value">{overAfter === null ? `${overNow}` : `${overNow} → ${overAfter}`}</Text>
          <Text className="kpi-label">
            {overAfter === null ? `差异系数超限的指标（${NOW}）` : `差异系数超限的指标（${NOW} → ${AFTER}）`}
          </Text>
        </View>
      </View>
      <View className="desk-grid">
        <View className="card findings-card" id="dashboard-findings">
          <Text className="card-title">{`规则检查（${d.findings.length} 项）`}</Text>
          <View className="findings-scroll">
            <FindingList findings={d.findings} linked />
          </View>
        </View>
        <View className="card" id="dashboard-seats">
          <Text className="card-title">各校报名与学位</Text>
          <View className="legend">
            <Text className="legend-item bar-approved">报名</Text>
            <Text className="legend-item bar-review">报名多于学位</Text>
          </View>
          {/* Each bar against its own school's seats (it was against the largest school, so a
              village school full to the last seat showed a sliver). */}
          <Text className="muted line" id="dashboard-seats-scale">
            条长按各校学位计：整条为该校学位数；报名多于学位时整条为橙色。
          </Text>
          <DataTable<DashboardSchoolRow>
            id="dashboard-seat-table"
            caption="各校报名与学位"
            pageSize={20}
            columns={[
              {
                key: 'name',
                title: '学校',
                render: (s) => (
                  <Text
                    {...tapA11y('button')}
                    className="record-link"
                    onClick={() => open(recordUrl({ kind: 'school', id: s.schoolId, label: s.name }))}
                  >
                    {s.name}
                  </Text>
                ),
                sort: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
              },
              { key: 'stage', title: '学段', render: (s) => stageNames[s.stage], deskOnly: true },
              {
                key: 'bar',
                title: '报名与学位',
                render: (s) => (
                  <View className="bar-row" id={`seats-${s.schoolId}`}>
                    <View
                      className="bar-track"
                      {...tapA11y('img', {
                        label: `报名 ${s.applicants} 人，学位 ${s.seats} 个${s.applicants > s.seats ? '，报名多于学位' : ''}`,
                      })}
                    >
                      <View
                        className={s.applicants > s.seats ? 'bar bar-review' : 'bar bar-approved'}
                        style={{
                          width: s.seats > 0 ? pct(s.applicants, s.seats) : s.applicants > 0 ? '100%' : '0%',
                        }}
                      />
                    </View>
                    <Text className="bar-value">{`${s.applicants}/${s.seats}`}</Text>
                  </View>
                ),
              },
              {
                key: 'applicants',
                title: '报名',
                numeric: true,
                render: (s) => s.applicants,
                sort: (a, b) => a.applicants - b.applicants,
                deskOnly: true,
              },
              {
                key: 'seats',
                title: '学位',
                numeric: true,
                render: (s) => s.seats,
                sort: (a, b) => a.seats - b.seats,
                deskOnly: true,
              },
              {
                key: 'admitted',
                title: '已录取',
                numeric: true,
                render: (s) => s.admitted,
                sort: (a, b) => a.admitted - b.admitted,
              },
            ]}
            rows={d.schools}
            rowKey={(s) => s.schoolId}
          />
        </View>
        <View className="card" id="dashboard-large">
          <Text className="card-title">{`大班额班级（${large.length} 个）`}</Text>
          {large.length === 0 ? <Text className="field-ok">各校分班均未超过班额上限。</Text> : null}
          {large.length > 0 ? (
            <DataTable<DashboardClassRow>
              id="dashboard-large-table"
              caption="大班额班级"
              columns={[
                {
                  key: 'label',
                  title: '班级',
                  render: (c) => (
                    <Text
                      {...tapA11y('button')}
                      className="record-link"
                      onClick={() => open(recordUrl({ kind: 'class', id: c.id, label: c.label }))}
                    >
                      {c.label}
                    </Text>
                  ),
                },
                {
                  key: 'size',
                  title: '人数',
                  numeric: true,
                  render: (c) => `${c.size}人`,
                  sort: (a, b) => a.size - b.size,
                },
                {
                  key: 'kind',
                  title: '类别',
                  render: (c) => <Text className="field-error">{c.superLarge ? '超大班额' : '大班额'}</Text>,
                },
              ]}
              rows={large}
              rowKey={(c) => c.id}
            />
          ) : null}
        </View>
        <View className="card" id="dashboard-groups">
          <Text className="card-title">特殊群体录取情况</Text>
          <DataTable
            id="dashboard-group-table"
            caption="特殊群体录取情况"
            columns={[
              { key: 'label', title: '群体', render: (g) => g.label },
              { key: 'registered', title: '报名', numeric: true, render: (g) => g.registered },
              { key: 'admitted', title: '录取（含统筹）', numeric: true, render: (g) => g.admitted },
              {
                key: 'rate',
                title: '录取率',
                numeric: true,
                render: (g) => (g.rate === null ? '—' : `${(g.rate * 100).toFixed(1)}%`),
              },
            ]}
            rows={d.groups}
            rowKey={(g) => g.key}
          />
        </View>
        <View className="card" id="dashboard-tiers">
          <Text className="card-title">各类别报名（全县）</Text>
          {(['primary', 'junior'] as const).map((stage) => {
            const mine = d.schools.filter((s) => s.stage === stage);
            const stageSeats = mine.reduce((a, s) => a + s.seats, 0);
            const tiers = (mine[0]?.tiers ?? []).map((t) => ({
              ...t,
              applicants: mine.reduce(
                (a, s) => a + (s.tiers.find((x) => x.tier === t.tier)?.applicants ?? 0),
                0,
              ),
            }));
            // Against the stage's seats, as the seat bars are against each school's.
            const top = Math.max(1, stageSeats);
            return (
              <View key={stage}>
                <Text className="label">{`${stageNames[stage]}：学位 ${stageSeats} 个（整条为全县本学段学位数）`}</Text>
                {tiers.map((t) => (
                  <View className="bar-row" key={t.tier} id={`tier-${stage}-${t.tier}`}>
                    <Text className="bar-label">{t.label.slice(0, 6)}</Text>
                    <View
                      className="bar-track"
                      {...tapA11y('img', { label: `${t.label}：${t.applicants} 人` })}
                    >
                      <View className="bar bar-approved" style={{ width: pct(t.applicants, top) }} />
                    </View>
                    <Text className="bar-value">{t.applicants}</Text>
                  </View>
                ))}
              </View>
            );
          })}
        </View>
        <View className="card" id="dashboard-cv">
          <Text className="card-title">
            {`七项指标差异系数（${d.indicators.afterRotation ? `${NOW} → ${AFTER}` : `${NOW}；尚无已公示的交流方案`}）`}
          </Text>
          <Text className="muted line">
            {d.indicators.afterRotation
              ? `${indicatorBasisNotes.current}；${indicatorBasisNotes.afterRotation}。`
              : `${indicatorBasisNotes.current}。`}
          </Text>
          {d.indicators.current.map((t) => (
            <CvStage
              key={t.stage}
              t={t}
              after={d.indicators.afterRotation?.find((x) => x.stage === t.stage) ?? null}
              labels={d.indicatorLabels}
            />
          ))}
        </View>
      </View>
    </View>
  );
}
