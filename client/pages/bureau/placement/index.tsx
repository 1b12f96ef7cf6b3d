// The bureau's draw, step by step: freeze the approved list and publish its hash → enter the seed
// made in public → dry run (rehearsal) or the formal run (once) → review each school → publish.
// The frozen list and the run can be downloaded so anyone can re-run it (npx junheng verify-draw).
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { PlacementStatus, PlacementRunView } from '@shared/api';
import { stageLabels, type Stage } from '@shared/settings';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { placementApi } from '../../../services/api';
import { fileSave } from '../../../services/download';
import { Appeals } from './Appeals';
import { NoticeSettings } from './NoticeSettings';

export default function Placement() {
  const [stage, setStage] = useState<Stage>('primary');
  const [st, setSt] = useState<PlacementStatus | null>(null);
  const [seed, setSeed] = useState('');
  const [run, setRun] = useState<PlacementRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  const load = async (s: Stage) => {
    const r = await placementApi.status(s);
    if (r.ok) setSt(r.data);
    else setError(r.message);
  };
  useDidShow(() => void load(stage));

  const act = async <T,>(
    p: Promise<{ ok: true; data: T } | { ok: false; message: string }>,
    done: (d: T) => string,
  ) => {
    setError(null);
    const r = await p;
    if (!r.ok) return setError(r.message);
    setInfo(done(r.data));
    await load(stage);
    return r.data;
  };

  const freeze = async () => {
    const c = await Taro.showModal({
      title: '冻结报名名单',
      content: '冻结后名单不能再变，并公布其哈希值。确定冻结吗？',
    });
    if (!c.confirm) return;
    const d = await act(placementApi.freeze(stage), (x) => `已冻结 ${x.count} 人，名单哈希：${x.inputHash}`);
    if (d) await fileSave(d.file);
  };
  const draw = async (dryRun: boolean) => {
    const d = await act(
      placementApi.run(stage, seed.trim(), dryRun),
      (x) =>
        `${x.dryRun ? '试运行' : '正式派位'}完成：录取 ${x.placed} 人，待统筹 ${x.unplacedCount} 人。结果哈希：${x.runRecord.outputHash}`,
    );
    if (d) setRun(d);
  };
  const publish = async () => {
    const c = await Taro.showModal({
      title: '公布派位结果',
      content: '公布后每位家长都会收到录取结果，且不能撤回。确定公布吗？',
    });
    if (!c.confirm) return;
    // A county's results go out in steps; each step's progress is shown until the last.
    for (let from: number | null = 0; from !== null;) {
      const done: number = from;
      const step = await act(placementApi.publish(stage, done), (x) =>
        x.done
          ? `已公布：录取 ${x.admitted} 人，统筹 ${x.coordinating ?? 0} 人。`
          : `正在公布：已处理 ${Math.min(x.next ?? x.total, x.total)} / ${x.total} 人……`,
      );
      from = step && !step.done ? step.next : null;
    }
  };
  const shown = run ?? st?.final ?? null;

  return (
    <View className="page">
      <Text className="title">电脑派位</Text>
      <Chips
        id="placement-stage"
        options={(['primary', 'junior'] as const).map((s) => ({ value: s, label: stageLabels[s] }))}
        value={stage}
        onChange={(s) => {
          setStage(s);
          setRun(null);
          void load(s);
        }}
      />
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      {st ? (
        <View className="card" id="placement-status">
          <Text className="card-title">{`${st.year}年${stageLabels[stage]}`}</Text>
          <Text className="muted">
            {st.freeze
              ? `1 名单已冻结（${st.freeze.count}人），哈希 ${st.freeze.inputHash}`
              : `1 审核通过 ${st.approved} 人，尚未冻结名单`}
          </Text>
          {st.freeze ? null : (
            <Button className="btn btn-primary" id="placement-freeze" onClick={() => void freeze()}>
              冻结名单并公布哈希
            </Button>
          )}
          {st.freeze && !st.final ? (
            <View>
              <Text className="label">2 派位种子（现场公开产生的数字，正式派位只运行一次）</Text>
              <Input
                className="input"
                id="placement-seed"
                value={seed}
                maxlength={32}
                onInput={(e) => setSeed(e.detail.value)}
              />
              <View className="row">
                <Button size="mini" className="btn" id="placement-dry" onClick={() => void draw(true)}>
                  试运行
                </Button>
                <Button
                  size="mini"
                  className="btn btn-primary"
                  id="placement-run"
                  onClick={() => void draw(false)}
                >
                  正式派位
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ) : null}
      {shown ? (
        <View className="card" id="placement-results">
          <Text className="card-title">{`3 各校结果${'dryRun' in shown && shown.dryRun ? '（试运行）' : ''}`}</Text>
          <View className="table-row">
            <Text className="cell-wide">学校</Text>
            <Text className="cell">学位</Text>
            <Text className="cell">录取</Text>
            <Text className="cell-wide">录取线</Text>
          </View>
          {shown.schools.map((s) => (
            <View className="table-row" key={s.id}>
              <Text className="cell-wide">{s.id}</Text>
              <Text className="cell">{s.capacity}</Text>
              <Text className="cell">{s.admitted}</Text>
              <Text className="cell-wide">
                {s.cutoff
                  ? s.cutoff.kind === 'tier'
                    ? `第${s.cutoff.tier}类 ${s.cutoff.lottery}号`
                    : `第${s.cutoff.rank}位`
                  : '未满'}
              </Text>
            </View>
          ))}
          <Text className="muted">{`\n种子 ${shown.runRecord.seed}，结果哈希 ${shown.runRecord.outputHash}`}</Text>
          <Text className="card-title">{`\n统筹名单（${shown.unplacedCount}人，按摇号号码就近安排到有空余学位的学校${shown.unplacedCount > shown.coordination.length ? `；此处列出前${shown.coordination.length}人，完整名单见派位记录` : ''}）`}</Text>
          {shown.coordination.map((c) => (
            <View className="table-row" key={c.id}>
              <Text className="cell-wide">{c.id.slice(0, 14)}</Text>
              <Text className="cell-wide">
                {c.schoolId ? `${c.schoolId}（约${c.distanceKm}公里）` : '无空余学位，需人工安排'}
              </Text>
            </View>
          ))}
          {st?.final && !st.final.publishedAt ? (
            <Button className="btn btn-primary" id="placement-publish" onClick={() => void publish()}>
              4 公布结果并通知家长
            </Button>
          ) : null}
          {st?.final ? (
            <Button
              className="btn"
              id="placement-download"
              onClick={() =>
                void placementApi.finalRun(stage).then((r) => (r.ok ? fileSave(r.data) : setError(r.message)))
              }
            >
              下载正式派位记录（供复核）
            </Button>
          ) : null}
        </View>
      ) : null}
      <NoticeSettings />
      {st?.final?.publishedAt ? <Appeals /> : null}
    </View>
  );
}
