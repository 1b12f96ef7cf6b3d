// The bureau's oversight dashboard (first cut): rule findings with their records, applicants
// against seats per school, admission of the groups reported apart, and the 差异系数 of the seven
// indicators before and after the published rotation plan.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { indicatorShortLabels, type IndicatorKey } from '@shared/rotation/indicators';
import { useState } from 'react';
import { ErrorBanner } from '../../../components/Banner';
import { LoadFailed } from '../../../components/LoadFailed';
import { FindingList, recordUrl } from '../../../components/Findings';
import { fileSave } from '../../../services/download';
import { countyApi, reportsApi, type Dashboard } from '../../../services/api';

const pct = (n: number, of: number) => `${of > 0 ? Math.min(100, (n / of) * 100) : 0}%`;
const stageNames = { primary: '小学', junior: '初中' } as const;
/** A 差异系数 chart's full width: room past the limit and the largest value. */
const cvScale = (t: { cvLimit: number; cv: Record<string, number> }) =>
  Math.max(t.cvLimit * 1.5, ...Object.values(t.cv));

export default function DashboardPage() {
  const [d, setD] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => void countyApi.dashboard().then((r) => (r.ok ? setD(r.data) : setError(r.message))));
  if (!d) return <LoadFailed message={error} />;
  const download = async () => {
    const r = await reportsApi.oversightExport();
    if (!r.ok) return setError(r.message);
    await fileSave(r.data);
  };
  const large = d.classes.filter((c) => c.large || c.superLarge);
  const scale = Math.max(1, ...d.schools.map((s) => Math.max(s.seats, s.applicants)));
  return (
    <View className="page">
      <Text className="title">督导看板</Text>
      <Text className="subtitle">{`${d.year}年 · 规则检查、学位、特殊群体、差异系数`}</Text>
      <ErrorBanner message={error} />
      <Button size="mini" className="btn" id="dashboard-export" onClick={() => void download()}>
        导出督导报表（Excel）
      </Button>
      <View className="card" id="dashboard-findings">
        <Text className="card-title">{`规则检查（${d.findings.length} 项）`}</Text>
        <FindingList findings={d.findings} linked />
      </View>
      <View className="card" id="dashboard-large">
        <Text className="card-title">{`大班额班级（${large.length} 个）`}</Text>
        {large.length === 0 ? <Text className="field-ok">各校分班均未超过班额上限。</Text> : null}
        {large.map((c) => (
          <View className="table-row" key={c.id}>
            <Text
              className="cell-wide record-link"
              onClick={() =>
                void Taro.navigateTo({ url: recordUrl({ kind: 'class', id: c.id, label: c.label }) })
              }
            >
              {c.label}
            </Text>
            <Text className="cell">{`${c.size}人`}</Text>
            <Text className="cell field-error">{c.superLarge ? '超大班额' : '大班额'}</Text>
          </View>
        ))}
      </View>
      <View className="card" id="dashboard-seats">
        <Text className="card-title">各校报名与学位</Text>
        <View className="legend">
          <Text className="legend-item bar-approved">报名</Text>
          <Text className="legend-item bar-seats">学位</Text>
        </View>
        {d.schools.map((s) => (
          <View className="bar-row" key={s.schoolId} id={`seats-${s.schoolId}`}>
            <Text className="bar-label">{s.name.slice(0, 5)}</Text>
            <View className="bar-track">
              <View className="bar bar-seats" style={{ width: pct(s.seats, scale) }} />
              <View
                className={s.applicants > s.seats ? 'bar bar-review' : 'bar bar-approved'}
                style={{ width: pct(s.applicants, scale) }}
              />
            </View>
            <Text className="bar-value">{`${s.applicants}/${s.seats}`}</Text>
          </View>
        ))}
      </View>
      <View className="card" id="dashboard-tiers">
        <Text className="card-title">各类别报名（全县）</Text>
        {(['primary', 'junior'] as const).map((stage) => {
          const mine = d.schools.filter((s) => s.stage === stage);
          const seats = mine.reduce((a, s) => a + s.seats, 0);
          const tiers = (mine[0]?.tiers ?? []).map((t) => ({
            ...t,
            applicants: mine.reduce(
              (a, s) => a + (s.tiers.find((x) => x.tier === t.tier)?.applicants ?? 0),
              0,
            ),
          }));
          const top = Math.max(1, ...tiers.map((t) => t.applicants));
          return (
            <View key={stage}>
              <Text className="label">{`${stageNames[stage]}：学位 ${seats} 个`}</Text>
              {tiers.map((t) => (
                <View className="bar-row" key={t.tier} id={`tier-${stage}-${t.tier}`}>
                  <Text className="bar-label">{t.label.slice(0, 6)}</Text>
                  <View className="bar-track">
                    <View className="bar bar-approved" style={{ width: pct(t.applicants, top) }} />
                  </View>
                  <Text className="bar-value">{t.applicants}</Text>
                </View>
              ))}
            </View>
          );
        })}
      </View>
      <View className="card" id="dashboard-groups">
        <Text className="card-title">特殊群体录取情况</Text>
        {d.groups.map((g) => (
          <View className="table-row" key={g.key}>
            <Text className="cell-wide">{g.label}</Text>
            <Text className="cell">{`报名${g.registered}`}</Text>
            <Text className="cell">{`录取${g.admitted}`}</Text>
            <Text className="cell">{g.rate === null ? '—' : `${(g.rate * 100).toFixed(1)}%`}</Text>
          </View>
        ))}
      </View>
      <View className="card" id="dashboard-cv">
        <Text className="card-title">{`七项指标差异系数（${d.indicators.rotationPublished ? '交流方案实施前 → 后' : '尚无已公示的交流方案'}）`}</Text>
        {d.indicators.before.map((t, i) => {
          const cvMax = cvScale(t);
          return (
            <View key={t.stage}>
              <Text className="label">{`${stageNames[t.stage]}（限值 ${t.cvLimit}，红线）`}</Text>
              <View className="legend">
                <Text className="legend-item bar-seats">交流前</Text>
                <Text className="legend-item bar-approved">交流后</Text>
              </View>
              {Object.entries(t.cv).map(([k, v]) => {
                const after = (d.indicators.after[i]?.cv as Record<string, number> | undefined)?.[k] ?? v;
                return (
                  <View className="bar-row" key={k} id={`cv-bar-${t.stage}-${k}`}>
                    <Text className="bar-label">{indicatorShortLabels[k as IndicatorKey] ?? k}</Text>
                    <View className="bar-track">
                      <View className="bar bar-seats" style={{ width: pct(v, cvMax) }} />
                      <View
                        className={after <= t.cvLimit ? 'bar bar-approved' : 'bar bar-review'}
                        style={{ width: pct(after, cvMax) }}
                      />
                      <View className="bar-limit" style={{ left: pct(t.cvLimit, cvMax) }} />
                    </View>
                    <Text className="bar-value">{after.toFixed(2)}</Text>
                  </View>
                );
              })}
              {Object.entries(t.cv).map(([k, v]) => {
                const after = (d.indicators.after[i]?.cv as Record<string, number> | undefined)?.[k] ?? v;
                return (
                  <View className="table-row" key={k}>
                    <Text className="cell-wide">{d.indicatorLabels[k] ?? k}</Text>
                    <Text className="cell">{v.toFixed(3)}</Text>
                    <Text className="cell">{after.toFixed(3)}</Text>
                    <Text className={after <= t.cvLimit ? 'cell field-ok' : 'cell field-error'}>
                      {after <= t.cvLimit ? '达标' : '超限'}
                    </Text>
                  </View>
                );
              })}
            </View>
          );
        })}
      </View>
    </View>
  );
}
