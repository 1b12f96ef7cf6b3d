// 均衡编班 for the principal: the cohort (admitted children, or the Excel list with scores),
// run with a recorded seed, the balance as pictures, 调班 by tapping two students (figures and
// rules checked before anything is saved), homeroom draw, late students, publish and export. At a
// desk: the cohort and the settings side by side, every pupil in a table with column headers and
// the count (find a pupil's class by sorting), and the classes in columns.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y, tapA11y } from '../../../components/a11y';
import Taro, { useDidShow } from '@tarojs/taro';
import type { ClassingPlanView } from '@shared/api';
import type { ClassingReport } from '@shared/classing/types';
import { useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { ImportProblems } from '../../../components/ImportProblems';
import { Progress } from '../../../components/Progress';
import { LoadFailed } from '../../../components/LoadFailed';
import { DataTable, type Column } from '../../../components/DataTable';
import { useDesk } from '../../../services/layout';
import { classingApi } from '../../../services/api';
import { fileSave } from '../../../services/download';
import { useSheetImport } from '../../../services/sheetImport';
import { BalanceReport, subjectNames } from './BalanceReport';
import { Homeroom } from './Homeroom';
import { LateStudent } from './LateStudent';

type Result<T> = { ok: true; data: T } | { ok: false; message: string };

/** One pupil as a row of the desk table. */
interface PupilRow {
  readonly id: string;
  readonly name: string;
  readonly gender: 'M' | 'F';
  readonly index: number;
  readonly label: string;
  readonly homeroom: string | null;
}
const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
const pupilColumns: readonly Column<PupilRow>[] = [
  { key: 'name', title: '姓名', nowrap: true, render: (r) => r.name, sort: (a, b) => byText(a.name, b.name) },
  {
    key: 'gender',
    title: '性别',
    nowrap: true,
    render: (r) => (r.gender === 'M' ? '男' : '女'),
    sort: (a, b) => byText(a.gender, b.gender),
  },
  { key: 'class', title: '班级', nowrap: true, render: (r) => r.label, sort: (a, b) => a.index - b.index },
  { key: 'homeroom', title: '班主任', nowrap: true, render: (r) => r.homeroom ?? '未定' },
];

export default function ClassesPage() {
  const desk = useDesk();
  const [p, setP] = useState<ClassingPlanView | null>(null);
  const [classes, setClasses] = useState('');
  const [cap, setCap] = useState('');
  const [seed, setSeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ a: string; b: string; report: ClassingReport } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const sheet = useSheetImport(setError);

  const show = (v: ClassingPlanView) => {
    setP(v);
    setClasses((c) => c || String(v.classCount));
    setCap((c) => c || String(v.cap));
    setPicked(null);
    setPreview(null);
  };
  const load = async () => {
    const r = await classingApi.plan();
    if (r.ok) show(r.data);
    else setError(r.message);
  };
  useDidShow(() => void load());

  /** Runs a call; on success shows the returned plan (if any) and a message. */
  const act = async <T,>(
    call: Promise<Result<T>>,
    done: (d: T) => string,
    plan?: (d: T) => ClassingPlanView,
  ) => {
    setError(null);
    setInfo(null);
    const r = await call;
    if (!r.ok) {
      setError(r.message);
      return null;
    }
    if (plan) show(plan(r.data));
    setInfo(done(r.data));
    return r.data;
  };

  if (!p) return <LoadFailed message={error} />;

  const editable = p.status === 'draft';
  const labels = (p.classes ?? []).map((c) => c.label);

  const importTable = async () => {
    setError(null);
    setInfo(null);
    const r = await sheet.run('正在上传并核对学生名单，通常需要 1 至 5 秒…', '名单', (base64) =>
      classingApi.importTable(p.version, base64),
    );
    if (!r) return;
    setInfo(`已导入 ${r.imported} 名学生。`);
    await load();
  };

  const run = async () => {
    setBusy(true);
    await act(
      classingApi.run(p.version, Number(classes), Number(cap), seed.trim()),
      (v) => `编班完成：${v.cohortSize} 名学生分为 ${v.classCount} 个班（种子 ${v.seed}）。`,
      (v) => v,
    );
    setBusy(false);
  };

  // 调班: the first tap picks a student, the second a student in another class → preview.
  const tap = async (id: string) => {
    if (!editable) return;
    if (picked === null || picked === id) {
      setPicked(picked === id ? null : id);
      setPreview(null);
      return;
    }
    const r = await classingApi.swap(p.version, picked, id, false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setPreview({ a: picked, b: id, report: r.data.preview });
  };
  const confirmSwap = async () => {
    if (!preview) return;
    await act(
      classingApi.swap(p.version, preview.a, preview.b, true),
      () => '已调班。',
      (d) => d.saved as ClassingPlanView,
    );
  };

  const publish = async () => {
    const c = await Taro.showModal({
      title: '公布分班结果',
      content: '公布后家长即可查看孩子所在班级，分班不能再修改（插班生除外）。确定公布吗？',
    });
    if (c.confirm)
      await act(
        classingApi.publish(p.version),
        (d) => `已公布，已通知 ${d.told} 位家长。`,
        (d) => d.plan,
      );
  };

  const pupils: PupilRow[] = (p.classes ?? []).flatMap((c) =>
    c.students.map((s) => ({ ...s, index: c.index, label: c.label, homeroom: c.homeroom })),
  );
  const nameOf = (id: string) => p.classes?.flatMap((c) => c.students).find((s) => s.id === id)?.name ?? id;

  return (
    <View className="page">
      <View className="page-head">
        <Text className="title">均衡编班</Text>
        <Text className="subtitle">{`${p.schoolName} ${p.year}级 · ${p.status === 'published' ? '已公布' : '草稿'}`}</Text>
      </View>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      <Progress id="classes-progress" step={sheet.step} />
      <ImportProblems id="import-problems" problems={sheet.problems} />

      <View className="desk-grid">
        <View className={`card${editable ? '' : ' desk-wide'}`} id="cohort">
          <Text className="card-title">学生名单</Text>
          <Text className="muted">
            {`${p.source === 'import' ? '导入的名单' : '本校录取名单'}：${p.cohortSize} 人${p.subjects.length > 0 ? `，含成绩（${p.subjects.length} 科）` : '，无成绩'}`}
          </Text>
          <View className="row">
            <Button
              size="mini"
              className="btn"
              id="cohort-template"
              onClick={() =>
                void classingApi.template().then((r) => (r.ok ? fileSave(r.data) : setError(r.message)))
              }
            >
              下载名单（填写成绩用）
            </Button>
            {editable ? (
              <Button size="mini" className="btn" id="cohort-import" onClick={() => void importTable()}>
                导入名单
              </Button>
            ) : null}
            {editable && p.source === 'import' ? (
              <Button
                size="mini"
                className="btn"
                id="cohort-admitted"
                onClick={() =>
                  void act(
                    classingApi.useAdmitted(p.version),
                    () => '已改用录取名单。',
                    (v) => v,
                  )
                }
              >
                改用录取名单
              </Button>
            ) : null}
          </View>
        </View>

        {editable ? (
          <View className="card" id="run-card">
            <Text className="card-title">编班设置</Text>
            <Text className="label">班级数</Text>
            <Input
              {...inputA11y('班级数')}
              className="input"
              id="run-classes"
              type="number"
              value={classes}
              onInput={(e) => setClasses(e.detail.value)}
            />
            <Text className="label">班额上限</Text>
            <Input
              {...inputA11y('班额上限')}
              className="input"
              id="run-cap"
              type="number"
              value={cap}
              onInput={(e) => setCap(e.detail.value)}
            />
            <Text className="label">随机种子（公开记录，用同一种子可复现结果）</Text>
            <Input
              {...inputA11y('随机种子')}
              className="input"
              id="run-seed"
              value={seed}
              maxlength={32}
              onInput={(e) => setSeed(e.detail.value)}
            />
            <Text className="muted">成绩只用于让各班均衡，不按成绩排序或分快慢班。</Text>
            <Button
              className="btn btn-primary"
              id="run"
              disabled={busy || undefined}
              onClick={() => void run()}
            >
              {busy ? '正在编班，请稍候…' : '开始编班'}
            </Button>
          </View>
        ) : null}
      </View>

      {p.classes && desk ? (
        <View className="desk-grid desk-side">
          {p.report ? <BalanceReport report={p.report} labels={labels} /> : <View />}
          <View className="card" id="pupil-list">
            <Text
              className="card-title"
              id="pupil-count"
            >{`分班名单：${p.classes.length} 个班，共 ${pupils.length} 名学生`}</Text>
            <DataTable<PupilRow>
              id="pupil-table"
              caption="分班名单"
              columns={pupilColumns}
              rows={pupils}
              rowKey={(r) => r.id}
              rowId={(r) => `pupil-row-${r.id}`}
              pageSize={20}
            />
          </View>
        </View>
      ) : p.report && p.classes ? (
        <BalanceReport report={p.report} labels={labels} />
      ) : null}

      {preview ? (
        <View className="card" id="swap-preview">
          <Text className="card-title">{`调班预览：${nameOf(preview.a)} ⇄ ${nameOf(preview.b)}`}</Text>
          {preview.report.problems.length > 0 ? (
            <Text className="banner-error">{`不能调班：${preview.report.problems.join('；')}`}</Text>
          ) : null}
          <Text className="muted">
            {Object.entries(preview.report.meanSpread)
              .map(
                ([k, f]) =>
                  `${subjectNames[k] ?? k}平均分相差 ${f.value.toFixed(3)}（现 ${p.report?.meanSpread[k]?.value.toFixed(3) ?? '-'}）`,
              )
              .concat(
                Object.entries(preview.report.countRange).map(
                  ([k, f]) =>
                    `${k === 'M' ? '男生' : k === 'F' ? '女生' : k}相差 ${f.value}（现 ${p.report?.countRange[k]?.value ?? '-'}）`,
                ),
              )
              .join('\n')}
          </Text>
          <View className="row">
            <Button size="mini" className="btn" onClick={() => setPreview(null)}>
              取消
            </Button>
            {preview.report.problems.length === 0 ? (
              <Button
                size="mini"
                className="btn btn-primary"
                id="swap-confirm"
                onClick={() => void confirmSwap()}
              >
                确认调班
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      <View className="desk-grid desk-grid-3">
        {p.classes?.map((c) => (
          <View className="card class-card" key={c.index} id={`class-${c.index}`}>
            <Text className="card-title">{`${c.label}（${c.students.length}人）${c.homeroom ? `　班主任：${c.homeroom}` : ''}`}</Text>
            <View>
              {c.students.map((s) => (
                <Text
                  {...tapA11y('button')}
                  key={s.id}
                  className={`student-chip${picked === s.id ? ' selected' : ''}`}
                  id={`student-${s.id}`}
                  onClick={() => void tap(s.id)}
                >
                  {`${s.name}${s.gender === 'F' ? '♀' : '♂'}`}
                </Text>
              ))}
            </View>
          </View>
        ))}
      </View>
      {editable && p.classes ? (
        <Text className="muted">调班：先点一名学生，再点另一个班的学生，确认预览后保存。</Text>
      ) : null}

      <View className="desk-grid">
        {p.classes && editable ? <Homeroom plan={p} onDone={(v) => show(v)} onError={setError} /> : null}
        {p.classes ? (
          <LateStudent plan={p} onDone={(v, message) => (show(v), setInfo(message))} onError={setError} />
        ) : null}
      </View>

      {p.classes ? (
        <View className="row">
          {editable ? (
            <Button className="btn btn-primary" id="publish" onClick={() => void publish()}>
              公布分班结果
            </Button>
          ) : null}
          <Button
            className="btn"
            id="export-classes"
            onClick={() =>
              void classingApi.exportLists().then((r) => (r.ok ? fileSave(r.data) : setError(r.message)))
            }
          >
            导出分班名单
          </Button>
        </View>
      ) : null}
    </View>
  );
}
