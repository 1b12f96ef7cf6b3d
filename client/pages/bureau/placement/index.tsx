// The bureau's draw, step by step: freeze the approved list and publish its hash → enter the seed
// made in public → dry run (rehearsal, as often as wanted) or the formal run (once, confirmed with
// the seed, the list's hash and the number of children) → review each school by name → publish.
// The frozen list and the run record download at any time, and the page says how anyone re-runs
// the draw with `npx junheng verify-draw`.
import { Button, Input, Text, View } from '@tarojs/components';
import { LoadFailed } from '../../../components/LoadFailed';
import { inputA11y } from '../../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import type { PlacementRunView, PlacementStatus } from '@shared/api';
import { stageLabels, type Stage } from '@shared/settings';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { DataTable } from '../../../components/DataTable';
import { placementApi } from '../../../services/api';
import { fileSave } from '../../../services/download';
import { Appeals } from './Appeals';
import { Arrange } from './Arrange';
import { NoticeSettings } from './NoticeSettings';
import { instantTimeLabel } from '@shared/time';

type Shown = NonNullable<PlacementStatus['final']> | PlacementRunView;
const fileNames = (stage: Stage) => ({ list: `frozen-${stage}.json`, run: `run-${stage}.json` });

function Results({ shown, dry }: { shown: Shown; dry: boolean }) {
  return (
    <View className="card" id="placement-results">
      <Text className="card-title">{`各校结果${dry ? '（试运行，未保存为正式结果）' : ''}`}</Text>
      <Text className="muted line">{`录取 ${shown.placed} 人，待统筹 ${shown.unplacedCount} 人 · 种子 ${shown.runRecord.seed}`}</Text>
      <DataTable
        id="placement-school-table"
        caption="各校派位结果"
        columns={[
          {
            key: 'name',
            title: '学校',
            render: (s) => s.name,
            sort: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
          },
          {
            key: 'cap',
            title: '学位',
            numeric: true,
            render: (s) => s.capacity,
            sort: (a, b) => a.capacity - b.capacity,
          },
          {
            key: 'n',
            title: '录取',
            numeric: true,
            render: (s) => s.admitted,
            sort: (a, b) => a.admitted - b.admitted,
          },
          {
            key: 'cut',
            title: '录取线',
            render: (s) =>
              s.cutoff
                ? s.cutoff.kind === 'tier'
                  ? `第${s.cutoff.tier}类，摇号号码 ${s.cutoff.lottery} 及以前`
                  : `第${s.cutoff.rank}位`
                : '学位未满，全部录取',
          },
        ]}
        rows={shown.schools}
        rowKey={(s) => s.id}
        rowId={(s) => `result-${s.id}`}
      />
      <Text className="card-title">{`统筹名单（${shown.unplacedCount}人，按摇号号码就近安排到有空余学位的学校${shown.unplacedCount > shown.coordination.length ? `；此处列出前${shown.coordination.length}人，完整名单见派位记录` : ''}）`}</Text>
      <DataTable
        id="placement-coordination"
        caption="统筹名单"
        columns={[
          { key: 'name', title: '儿童', render: (c) => c.name || '（姓名未记录）' },
          {
            key: 'lottery',
            title: '摇号号码',
            numeric: true,
            render: (c) => c.lottery,
            sort: (a, b) => a.lottery - b.lottery,
          },
          {
            key: 'school',
            title: '统筹学校',
            render: (c) =>
              c.schoolName ? `${c.schoolName}（约${c.distanceKm}公里）` : '无空余学位，需人工安排',
          },
        ]}
        rows={shown.coordination}
        rowKey={(c) => c.id}
        empty="没有需要统筹的儿童。"
      />
      <Text className="muted line">{`结果哈希 ${shown.runRecord.outputHash}`}</Text>
    </View>
  );
}

export default function Placement() {
  const [stage, setStage] = useState<Stage>('primary');
  const [st, setSt] = useState<PlacementStatus | null>(null);
  const [seed, setSeed] = useState('');
  const [run, setRun] = useState<PlacementRunView | null>(null);
  // The first load failing (no permission, the network) leaves nothing to show: the refusal
  // with its way back, never the page's menu over an empty page.
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  const load = async (s: Stage) => {
    const r = await placementApi.status(s);
    if (r.ok) setSt(r.data);
    else if (st) setError(r.message);
    else setLoadError(r.message);
  };
  useDidShow(() => void load(stage));

  const act = async <T,>(
    p: Promise<{ ok: true; data: T } | { ok: false; message: string }>,
    done: (d: T) => string,
  ) => {
    setError(null);
    setInfo(null);
    const r = await p;
    if (!r.ok) return setError(r.message);
    setInfo(done(r.data));
    await load(stage);
    return r.data;
  };

  const freeze = async () => {
    const c = await Taro.showModal({
      title: '冻结报名名单',
      content: `将冻结审核通过的 ${st?.approved ?? 0} 人，冻结后名单不能再变，并公布名单的哈希值。确定冻结吗？`,
    });
    if (!c.confirm) return;
    const d = await act(placementApi.freeze(stage), (x) => `已冻结 ${x.count} 人，名单哈希：${x.inputHash}`);
    if (d) await fileSave(d.file);
  };
  const draw = async (dryRun: boolean) => {
    const s = seed.trim();
    if (!dryRun && st?.freeze) {
      const c = await Taro.showModal({
        title: '正式派位（只能运行一次）',
        content: `种子：${s || '（未填写）'}\n名单哈希：${st.freeze.inputHash}\n参加派位的儿童：${st.freeze.count} 人\n\n正式派位的结果就是最终结果，不能重新运行。请核对种子与现场公开产生的数字一致。确定正式派位吗？`,
        confirmText: '正式派位',
        cancelText: '再核对',
      });
      if (!c.confirm) return;
    }
    const d = await act(
      placementApi.run(stage, s, dryRun),
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
      if (step?.done) setRun(null);
      from = step && !step.done ? step.next : null;
    }
  };
  const download = async (what: 'list' | 'run') => {
    setError(null);
    const r = what === 'list' ? await placementApi.frozenList(stage) : await placementApi.finalRun(stage);
    if (!r.ok) return setError(r.message);
    await fileSave(r.data);
  };
  const shown: Shown | null = run ?? st?.final ?? null;
  const files = fileNames(stage);

  if (loadError) return <LoadFailed message={loadError} />;
  return (
    <View className="page">
      <View className="page-head">
        <Text className="title">电脑派位</Text>
        <Chips
          id="placement-stage"
          options={(['primary', 'junior'] as const).map((s) => ({ value: s, label: stageLabels[s] }))}
          value={stage}
          onChange={(s) => {
            setStage(s);
            setRun(null);
            setError(null);
            setInfo(null);
            void load(s);
          }}
        />
      </View>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <View className="desk-grid desk-side">
        <View>
          {st ? (
            <View className="card" id="placement-status">
              <Text className="card-title">{`${st.year}年${stageLabels[stage]}`}</Text>
              <Text className="label">第一步 冻结名单</Text>
              <Text className="muted line">
                {st.freeze
                  ? `名单已冻结（${st.freeze.count}人），哈希 ${st.freeze.inputHash}`
                  : `审核通过 ${st.approved} 人，尚未冻结名单`}
              </Text>
              {st.freeze ? null : (
                <Button className="btn btn-primary" id="placement-freeze" onClick={() => void freeze()}>
                  冻结名单并公布哈希
                </Button>
              )}
              {st.freeze && !st.final ? (
                <View>
                  <Text className="label">第二步 派位</Text>
                  <Text className="muted line" id="placement-modes">
                    试运行：用任意种子演练，检查各校结果，不保存为正式结果，可以多次运行。{'\n'}
                    正式派位：用现场公开产生的6至32位数字作种子，只能运行一次，结果即为最终结果。
                  </Text>
                  <Text className="label">派位种子（现场公开产生的数字）</Text>
                  <Input
                    {...inputA11y('派位种子')}
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
                      正式派位…
                    </Button>
                  </View>
                </View>
              ) : null}
              {st.final ? (
                <View>
                  <Text className="label">第二步 正式派位</Text>
                  <Text className="muted line">{`已于 ${instantTimeLabel(st.final.at)} 完成，种子 ${st.final.runRecord.seed}`}</Text>
                  <Text className="label">第三步 公布</Text>
                  {st.final.publishedAt ? (
                    <Text className="field-ok line">{`已于 ${instantTimeLabel(st.final.publishedAt)} 公布，家长已收到结果。`}</Text>
                  ) : (
                    <Button className="btn btn-primary" id="placement-publish" onClick={() => void publish()}>
                      公布结果并通知家长
                    </Button>
                  )}
                </View>
              ) : null}
            </View>
          ) : null}
          {st?.freeze ? (
            <View className="card" id="placement-verify">
              <Text className="card-title">任何人都可以复核</Text>
              <Text className="muted line">
                下载冻结名单和正式派位记录，用公开的派位程序重新运行一遍：名单的哈希、每名儿童的学校和摇号号码、各校名单和录取线都必须一致，否则会明确指出哪里不同。
              </Text>
              <View className="row">
                <Button
                  size="mini"
                  className="btn"
                  id="placement-download-list"
                  onClick={() => void download('list')}
                >
                  下载冻结名单
                </Button>
                {st.final ? (
                  <Button
                    size="mini"
                    className="btn"
                    id="placement-download"
                    onClick={() => void download('run')}
                  >
                    下载正式派位记录
                  </Button>
                ) : null}
              </View>
              <Text className="muted line">在装有本程序的电脑上运行：</Text>
              <Text className="cmd" id="placement-verify-command" selectable userSelect>
                {`npx junheng verify-draw --run ${files.run} --input ${files.list}${st.final ? ` --seed ${st.final.runRecord.seed}` : ' --seed 种子'}`}
              </Text>
              <Text className="muted line">
                输出“复核一致”即与记录完全相同；不一致时输出“复核不一致”并列出每一处差异。
              </Text>
            </View>
          ) : null}
        </View>
        <View>
          {shown ? (
            <Results shown={shown} dry={'dryRun' in shown && shown.dryRun} />
          ) : (
            <View className="card">
              <Text className="card-title">各校结果</Text>
              <Text className="muted">
                冻结名单并派位后，这里按学校列出学位、录取人数和录取线，以及统筹名单。
              </Text>
            </View>
          )}
        </View>
      </View>
      {st?.final?.publishedAt ? <Arrange stage={stage} /> : null}
      <NoticeSettings />
      {st?.final?.publishedAt ? <Appeals /> : null}
    </View>
  );
}
