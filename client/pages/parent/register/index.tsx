// Registration form (first version): stage → zone school → child's name and ID number, with the
// same shared checks the server runs, shown while typing. A refused submit keeps everything typed.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import type { RegistrationContext } from '@shared/api';
import { idNumberParse } from '@shared/idNumber';
import type { RegistrationDraft } from '@shared/registration/types';
import { registrationDraftCheck, type DraftField } from '@shared/registration/validate';
import { stageLabels, type Stage } from '@shared/settings';
import { useMemo, useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { registrationApi } from '../../../services/api';
import { draftClear, draftLoad, draftSave } from './draft';

const stages: Stage[] = ['primary', 'junior'];

export default function Register() {
  const [ctx, setCtx] = useState<RegistrationContext | null>(null);
  const [draft, setDraft] = useState<RegistrationDraft>(draftLoad);
  const [touched, setTouched] = useState<Partial<Record<DraftField, boolean>>>({});
  const [serverError, setServerError] = useState<{ field: DraftField | null; message: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useLoad(() => {
    void registrationApi
      .context()
      .then((r) => (r.ok ? setCtx(r.data) : setServerError({ field: null, message: r.message })));
  });

  const update = (patch: Partial<RegistrationDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    draftSave(next);
    setServerError(null);
  };

  const check = useMemo(() => (ctx ? registrationDraftCheck(draft, ctx.settings) : null), [draft, ctx]);
  const problemOf = (f: DraftField): string | null => {
    if (serverError?.field === f) return serverError.message;
    if (!touched[f] || !check || check.status === 'valid') return null;
    return check.problems.find((p) => p.field === f)?.message ?? null;
  };
  const idInfo = idNumberParse(draft.idNumber);
  const zones = ctx?.zones.filter((z) => z.stage === draft.stage) ?? [];

  const submit = async () => {
    setTouched({ childName: true, idNumber: true, schoolId: true, stage: true });
    if (!check || check.status !== 'valid' || submitting) return;
    setSubmitting(true);
    const r = await registrationApi.submit(draft);
    setSubmitting(false);
    if (!r.ok) {
      const field: DraftField | null =
        r.code === 'INVALID_ID_NUMBER' || r.code === 'UNDER_AGE' || r.code === 'DUPLICATE_REGISTRATION'
          ? 'idNumber'
          : null;
      setServerError({ field, message: r.message });
      return;
    }
    draftClear();
    await Taro.redirectTo({ url: `/pages/parent/detail/index?id=${r.data.id}` });
  };

  const nameProblem = problemOf('childName');
  const idProblem = problemOf('idNumber');
  const schoolProblem = problemOf('schoolId');

  return (
    <View className="page">
      <Text className="title">入学报名</Text>
      {ctx ? (
        <InfoBanner
          message={`${ctx.settings.enrollmentYear}年招生。报名时间：${ctx.windowLabel}${ctx.windowOpen ? '' : '（当前不在报名时间内）'}。小学一年级须在${ctx.cutoffLabel}（含）前年满${ctx.settings.primaryEntryAge}周岁。报名先后不影响录取。`}
        />
      ) : null}
      <ErrorBanner message={serverError && serverError.field === null ? serverError.message : null} />

      <Text className="label">报名学段</Text>
      <View className="chips">
        {stages.map((s) => (
          <Text
            key={s}
            className={`chip ${draft.stage === s ? 'chip-on' : ''}`}
            id={`stage-${s}`}
            onClick={() => update({ stage: s, schoolId: '' })}
          >
            {stageLabels[s]}
          </Text>
        ))}
      </View>

      <Text className="label">学区学校（按居住地所属学区选择）</Text>
      {zones.map((z) => (
        <View key={z.id} className="card">
          <Text className="card-title">{z.name}</Text>
          <Text className="muted">{`覆盖：${z.communities.join('、')}`}</Text>
          <View className="chips" style={{ marginTop: '12px' }}>
            {z.schools.map((s) => (
              <Text
                key={s.id}
                className={`chip ${draft.schoolId === s.id ? 'chip-on' : ''}`}
                id={`school-${s.id}`}
                onClick={() => {
                  update({ schoolId: s.id });
                  setTouched((t) => ({ ...t, schoolId: true }));
                }}
              >
                {s.name}
              </Text>
            ))}
          </View>
        </View>
      ))}
      {schoolProblem ? <Text className="field-error">{schoolProblem}</Text> : null}

      <Text className="label">儿童姓名（与户口簿一致）</Text>
      <Input
        className={`input ${nameProblem ? 'input-error' : ''}`}
        id="child-name"
        value={draft.childName}
        maxlength={30}
        placeholder="请输入儿童姓名"
        onInput={(e) => update({ childName: e.detail.value })}
        onBlur={() => setTouched((t) => ({ ...t, childName: true }))}
      />
      {nameProblem ? (
        <Text className="field-error" id="child-name-error">
          {nameProblem}
        </Text>
      ) : null}

      <Text className="label">儿童身份证号</Text>
      <Input
        className={`input ${idProblem ? 'input-error' : ''}`}
        id="id-number"
        type="idcard"
        value={draft.idNumber}
        maxlength={20}
        placeholder="18位身份证号码"
        onInput={(e) => update({ idNumber: e.detail.value })}
        onBlur={() => setTouched((t) => ({ ...t, idNumber: true }))}
      />
      {idProblem ? (
        <Text className="field-error" id="id-number-error">
          {idProblem}
        </Text>
      ) : idInfo.status === 'valid' ? (
        <Text className="field-ok" id="id-number-ok">
          {`出生日期 ${idInfo.birthDate}，性别${idInfo.gender === 'M' ? '男' : '女'}`}
        </Text>
      ) : null}

      <Button
        className="btn btn-primary"
        id="submit-registration"
        loading={submitting}
        onClick={() => void submit()}
      >
        提交报名
      </Button>
    </View>
  );
}
