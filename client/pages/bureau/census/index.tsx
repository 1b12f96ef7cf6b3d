// 控辍保学: the school-age census roster against the registrations — per township the children
// not registered, registered but not placed, placed but not reported, and the 入学率; the list
// of children in each standing with their follow-up records; import and export in Excel.
import { Button, Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import {
  censusBucketLabels,
  censusBuckets,
  followUpOutcomes,
  type CensusBucket,
} from '@shared/oversight/census';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { countyApi, reportsApi, type CensusView } from '../../../services/api';
import { fileSave } from '../../../services/download';
import { spreadsheetPick } from '../../../services/filePick';

export default function CensusPage() {
  const [v, setV] = useState<CensusView | null>(null);
  const [bucket, setBucket] = useState<CensusBucket | null>('not_registered');
  const [township, setTownship] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Record<string, string | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly { row: number; message: string }[]>([]);

  const load = async (b = bucket, t = township) => {
    const r = await countyApi.census(t, b);
    if (!r.ok) return setError(r.message);
    setV(r.data);
  };
  useDidShow(() => void load());

  const upload = async () => {
    setError(null);
    setInfo(null);
    setProblems([]);
    const base64 = await spreadsheetPick();
    if (!base64) return;
    const r = await reportsApi.censusImport(base64);
    if (!r.ok) return setError(r.message);
    if (r.data.problems.length > 0) {
      setProblems(r.data.problems);
      return setError(`名册有 ${r.data.problems.length} 处需要修改，本次没有导入任何内容。`);
    }
    setInfo(`已导入 ${r.data.imported} 名适龄儿童。`);
    await load();
  };
  const download = async () => {
    const r = await reportsApi.censusExport();
    if (!r.ok) return setError(r.message);
    await fileSave(r.data);
  };
  const follow = async (id: string) => {
    const r = await countyApi.censusFollowUp(id, notes[id] ?? '', (outcome[id] as never) ?? null);
    if (!r.ok) return setError(r.message);
    setNotes((n) => ({ ...n, [id]: '' }));
    setInfo('已记录。');
    await load();
  };

  return (
    <View className="page">
      <Text className="title">控辍保学</Text>
      <Text className="subtitle">适龄儿童名册与报名、录取、报到比对</Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      {problems.length > 0 ? (
        <View className="card" id="census-problems">
          {problems.map((p, i) => (
            <Text key={i} className="field-error line">{`第${p.row}行：${p.message}`}</Text>
          ))}
        </View>
      ) : null}
      <View className="row">
        <Button size="mini" className="btn btn-primary" id="census-upload" onClick={() => void upload()}>
          导入适龄儿童名册
        </Button>
        <Button size="mini" className="btn" id="census-download" onClick={() => void download()}>
          导出名册与汇总
        </Button>
      </View>
      {v ? (
        <View>
          <View className="card" id="census-townships">
            <Text className="card-title">{`${v.year}年 各乡镇入学情况`}</Text>
            {v.townships.length === 0 ? <Text className="muted">尚未导入名册。</Text> : null}
            {v.townships.map((t) => (
              <View
                className="table-row"
                key={t.township}
                onClick={() => {
                  setTownship(t.township);
                  void load(bucket, t.township);
                }}
              >
                <Text className="cell-wide">{t.township}</Text>
                <Text className="cell">{`${t.children}人`}</Text>
                <Text className="cell">{`未报名${t.counts.not_registered}`}</Text>
                <Text
                  className={t.enrolmentRate >= 0.95 ? 'cell field-ok' : 'cell field-error'}
                >{`${(t.enrolmentRate * 100).toFixed(1)}%`}</Text>
              </View>
            ))}
          </View>
          <View className="card" id="census-list">
            <Chips<CensusBucket | null>
              id="census-bucket"
              options={[
                ...censusBuckets.map((b) => ({ value: b, label: censusBucketLabels[b] })),
                { value: null, label: '全部' },
              ]}
              value={bucket}
              onChange={(b) => {
                setBucket(b);
                void load(b, township);
              }}
            />
            <Text className="muted line">{`${township ? `${township}：` : ''}共 ${v.total} 人`}</Text>
            {v.items.map((c) => (
              <View className="sub-card" key={c.id} id={`child-${c.id}`}>
                <Text className="label">{`${c.name}（${c.idMasked}）${c.township}${c.village}${c.groups.length ? ` · ${c.groups.join('、')}` : ''}`}</Text>
                <Text className="muted line">{censusBucketLabels[c.bucket]}</Text>
                {c.followUps.map((f, i) => (
                  <Text
                    className="muted line"
                    key={i}
                  >{`${f.at.slice(0, 10)} ${f.text}${f.outcome ? `（${f.outcome}）` : ''}`}</Text>
                ))}
                {c.bucket !== 'reported' ? (
                  <View>
                    <Input
                      className="input follow-text"
                      placeholder="联系或劝返情况"
                      value={notes[c.id] ?? ''}
                      onInput={(e) => setNotes((n) => ({ ...n, [c.id]: e.detail.value }))}
                    />
                    <Chips<string | null>
                      id={`outcome-${c.id}`}
                      options={[
                        { value: null, label: '仅记录' },
                        ...followUpOutcomes.map((o) => ({ value: o, label: o })),
                      ]}
                      value={outcome[c.id] ?? null}
                      onChange={(o) => setOutcome((m) => ({ ...m, [c.id]: o }))}
                    />
                    <Button size="mini" className="btn follow-save" onClick={() => void follow(c.id)}>
                      记录跟踪
                    </Button>
                  </View>
                ) : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
