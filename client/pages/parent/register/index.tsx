// Registration form: zone → child → guardians → route → special groups → documents → 公办/民办
// confirmation → submit. The shared validators run as the parent types; the draft is saved on
// the phone at once and on the server shortly after. A refused submit keeps everything.
import { Button, Text, View } from '@tarojs/components';
import { tapA11y } from '../../../components/a11y';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import type { RegistrationContext, RegistrationView } from '@shared/api';
import type { ErrorCode } from '@shared/errors';
import { documentsMissing } from '@shared/registration/documents';
import type { RegistrationForm } from '@shared/registration/form';
import { documentsLateAllowed } from '@shared/registration/guidance';
import { tierAssess } from '@shared/registration/tier';
import type { DocumentRef } from '@shared/registration/types';
import { registrationFormCheck } from '@shared/registration/validate';
import { useMemo, useRef, useState } from 'react';
import { InfoBanner } from '../../../components/Banner';
import { Chips } from '../../../components/Chips';
import { LoadFailed } from '../../../components/LoadFailed';
import { registrationApi } from '../../../services/api';
import { subscribeAsk } from '../../../services/subscribe';
import { formField } from './fields';
import { localDraftClear, localDraftFind, localDraftLoad, localDraftSave, setAt } from './formState';
import { ChildSection } from './sections/ChildSection';
import { DocumentsSection } from './sections/DocumentsSection';
import { GuardiansSection } from './sections/GuardiansSection';
import { RouteSection } from './sections/RouteSection';
import { SpecialSection } from './sections/SpecialSection';
import { ZoneSection } from './sections/ZoneSection';
import { dateTextLabel } from '@shared/time';

const SERVER_SAVE_DELAY_MS = 1500;
const fieldOfCode: Partial<Record<ErrorCode, string>> = {
  INVALID_ID_NUMBER: 'idNumber',
  UNDER_AGE: 'idNumber',
  DUPLICATE_REGISTRATION: 'idNumber',
};

/** What stops a submit, shown beside the button: the message and the fields to fix, in page order. */
interface SubmitProblem {
  readonly message: string;
  readonly fields: readonly { readonly label: string; readonly anchor: string }[];
}

const jumpTo = (anchor: string) => void Taro.pageScrollTo({ selector: `#${anchor}`, duration: 200 });

export default function Register() {
  const { params } = useRouter();
  const editId = params['edit'] ?? null;
  // 重新报名: a withdrawn registration's form starts a new draft.
  const againId = params['again'] ?? null;
  const [ctx, setCtx] = useState<RegistrationContext | null>(null);
  const [draftId, setDraftId] = useState(() => localDraftLoad(againId).draftId);
  const [form, setForm] = useState<RegistrationForm>(() => localDraftLoad(againId).form);
  const [editing, setEditing] = useState<RegistrationView | null>(null);
  const [documents, setDocuments] = useState<Record<string, DocumentRef>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [showAll, setShowAll] = useState(false);
  const [serverError, setServerError] = useState<{ field: string | null; message: string } | null>(null);
  const [submitProblem, setSubmitProblem] = useState<SubmitProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [againReady, setAgainReady] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Several fields can change in one tap (community → school): each update builds on the latest.
  const latest = useRef(form);
  latest.current = form;

  useLoad(() => {
    void (async () => {
      const c = await registrationApi.context();
      if (!c.ok) return setServerError({ field: null, message: c.message });
      setCtx(c.data);
      if (editId) {
        const r = await registrationApi.get(editId);
        if (!r.ok) return setServerError({ field: null, message: r.message });
        setEditing(r.data);
        latest.current = r.data.form;
        setForm(r.data.form);
        setDraftId(`edit-${editId.slice(-24)}`);
        return;
      }
      if (againId) {
        // A 重新报名 already begun on this device continues where it stopped (with its uploads);
        // otherwise it starts from the withdrawn registration's form, in a draft of its own.
        const begun = localDraftFind(againId);
        if (begun) {
          const server = await registrationApi.getDraft(begun.draftId);
          if (server.ok) setDocuments({ ...server.data.documents });
          setAgainReady(true);
          return;
        }
        const r = await registrationApi.get(againId);
        if (!r.ok) return setServerError({ field: null, message: r.message });
        const next = { draftId: `draft-again-${Date.now().toString(36)}`, form: r.data.form };
        localDraftSave(next, againId);
        latest.current = next.form;
        setDraftId(next.draftId);
        setForm(next.form);
        setDocuments({});
        setAgainReady(true);
        return;
      }
      const server = await registrationApi.getDraft(localDraftLoad().draftId);
      if (server.ok) setDocuments({ ...server.data.documents });
    })();
  });

  /** The family changes its mind: the draft and its uploads are deleted on the server too. */
  const discard = async () => {
    const c = await Taro.showModal({
      title: '删除草稿',
      content: '将删除已填写的内容和已上传的材料，确定吗？',
    });
    if (!c.confirm) return;
    const r = await registrationApi.discardDraft(draftId);
    if (!r.ok && r.code !== 'NOT_FOUND') return setSubmitProblem({ message: r.message, fields: [] });
    localDraftClear(againId);
    void Taro.reLaunch({ url: '/pages/parent/home/index' });
  };

  const saveServer = async (f: RegistrationForm): Promise<boolean> => {
    const r = await registrationApi.saveDraft(draftId, f);
    if (r.ok)
      setSaved(`草稿已保存 ${new Date(r.data.savedAt).toLocaleTimeString('zh-CN', { hour12: false })}`);
    return r.ok;
  };

  const set = (path: string, value: unknown) => {
    const next = setAt(latest.current, path, value);
    latest.current = next;
    setForm(next);
    setServerError(null);
    setSubmitProblem(null);
    if (!editId) localDraftSave({ draftId, form: next }, againId);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveServer(next), SERVER_SAVE_DELAY_MS);
  };

  const check = useMemo(
    () => (ctx ? registrationFormCheck(form, ctx.settings, ctx.today) : null),
    [form, ctx],
  );
  const problem = (path: string): string | null => {
    if (serverError?.field === path) return serverError.message;
    if (!check || check.status === 'valid' || (!showAll && !touched[path])) return null;
    return check.problems.find((p) => p.field === path)?.message ?? null;
  };
  const touch = (path: string) => setTouched((t) => ({ ...t, [path]: true }));
  const tier = ctx ? tierAssess(form, ctx.settings, ctx.today) : null;

  /** Shows what stops the submit beside the button and brings the first field into view. */
  const refuse = (p: SubmitProblem) => {
    setSubmitProblem(p);
    const first = p.fields[0];
    if (first) jumpTo(first.anchor);
  };

  const submit = async () => {
    setShowAll(true);
    if (submitting || !ctx) return;
    if (!check || check.status !== 'valid') {
      const seen = new Set<string>();
      const fields = (check?.status === 'invalid' ? check.problems : [])
        .map((p) => formField(p.field))
        .filter((f) => !seen.has(f.label) && (seen.add(f.label), true));
      refuse({ message: `还有${fields.length}项需要补充或修改（已标红）：`, fields });
      return;
    }
    const attached = new Set([
      ...Object.keys(documents),
      ...(editing ? editing.documents.filter((d) => d.attached).map((d) => d.slot) : []),
    ]);
    const missing = documentsMissing(form, attached);
    // The bureau may have opened or closed 缺件先报 since the page opened: ask again.
    let settings = ctx.settings;
    let today = ctx.today;
    if (missing.length > 0) {
      const fresh = await registrationApi.context();
      if (fresh.ok) {
        setCtx(fresh.data);
        settings = fresh.data.settings;
        today = fresh.data.today;
      }
    }
    const late = documentsLateAllowed(settings, today);
    if (missing.length > 0 && !late) {
      refuse({
        message: `还缺少${missing.length}份必须上传的材料：${missing.map((m) => m.label).join('、')}。请上传后再提交。`,
        fields: [formField('documents')],
      });
      return;
    }
    if (missing.length > 0 && settings.missingDocumentsUntil) {
      const c = await Taro.showModal({
        title: '材料未上传齐全',
        content: `还缺少${missing.length}份材料：${missing.map((m) => m.label).join('、')}。可以先提交，请在${dateTextLabel(settings.missingDocumentsUntil)}前在报名详情页补传，否则可能影响审核。`,
        confirmText: '先提交',
        cancelText: '去上传',
      });
      if (!c.confirm) return jumpTo(formField('documents').anchor);
    }
    if (!editing) {
      const confirm = await Taro.showModal({
        title: '确认报名公办学校',
        content: '根据“公民同招”政策，公办和民办只能选择其一。提交后不能再改报民办学校，确定提交吗？',
        confirmText: '确定提交',
        cancelText: '再看看',
      });
      if (!confirm.confirm) return;
      // Asked from the same tap: one 允许 lets us send the review result.
      await subscribeAsk(ctx?.subscribeTemplateId ?? null);
    }
    setSubmitting(true);
    await saveServer(form);
    const r = editing
      ? await registrationApi.resubmit(editing.id, editing.version, draftId, form)
      : await registrationApi.submit(draftId, form);
    setSubmitting(false);
    if (!r.ok) {
      // Shown at the field it concerns and, always, beside the button that was pressed.
      const field = fieldOfCode[r.code] ?? null;
      setServerError({ field, message: r.message });
      setSubmitProblem({ message: r.message, fields: field ? [formField(field)] : [] });
      return;
    }
    if (editing) {
      // Back to the registration's page, which reloads and shows the new status.
      await Taro.navigateBack();
      return;
    }
    localDraftClear(againId);
    await Taro.redirectTo({ url: `/pages/parent/detail/index?id=${r.data.id}` });
  };

  // Nothing is drawn until the registration being fixed (or registered again) is loaded: fields
  // take their values when they are created (setting them just after made Taro's inputs throw).
  if (!ctx || (editId && !editing) || (againId && !againReady))
    return <LoadFailed message={serverError?.message ?? null} />;
  const props = { form, ctx, set, problem, touch };
  return (
    <View className="page">
      <Text className="title">{editing ? '修改报名并重新提交' : '入学报名'}</Text>
      {editing ? (
        <InfoBanner
          message={`学校的意见：${editing.reason ?? ''}${editing.deadline ? `（请在${dateTextLabel(editing.deadline)}前提交）` : ''}`}
        />
      ) : (
        <InfoBanner
          message={`${ctx.settings.enrollmentYear}年招生。报名时间：${ctx.windowLabel}${ctx.windowOpen ? '' : '（当前不在报名时间内）'}。小学一年级须在${ctx.cutoffLabel}（含）前年满${ctx.settings.primaryEntryAge}周岁。报名先后不影响录取。`}
        />
      )}
      {editing ? null : <ZoneSection {...props} />}
      <ChildSection {...props} />
      <GuardiansSection {...props} />
      <RouteSection {...props} />
      <SpecialSection {...props} />
      <DocumentsSection
        form={form}
        draftId={draftId}
        documents={documents}
        registrationId={editing?.id ?? null}
        existing={editing ? editing.documents.filter((d) => d.attached).map((d) => d.slot) : []}
        ensureDraft={() => saveServer(form)}
        onAttached={(slot, ref) => setDocuments((d) => ({ ...d, [slot]: ref }))}
      />
      <View className="card">
        <Text className="card-title">7 确认</Text>
        {tier ? (
          <Text className="banner-info" id="tier-preview">
            {tier.status === 'eligible'
              ? `按您填写的信息，预计为${tier.label}：${tier.reasons.join('；')}。以学校审核结果为准。`
              : `按您填写的信息：${tier.reasons.join('；')}。`}
          </Text>
        ) : null}
        {editing ? null : (
          <View>
            <Text className="label">公办或民办（公民同招，二者只能选一，确认后不可更改）</Text>
            <Chips
              id="school-type"
              options={[
                { value: 'public', label: '公办学校' },
                { value: 'private', label: '民办学校' },
              ]}
              value={form.schoolType}
              onChange={(v) => set('schoolType', v)}
            />
          </View>
        )}
        {submitProblem ? (
          <View className="banner-error" id="submit-problems">
            <Text>{submitProblem.message}</Text>
            {submitProblem.fields.map((f, i) => (
              <Text
                {...tapA11y('button')}
                key={f.label}
                className="problem-link"
                id={i === 0 ? 'goto-first-problem' : undefined}
                onClick={() => jumpTo(f.anchor)}
              >
                {f.label}
              </Text>
            ))}
          </View>
        ) : null}
        <Button
          className="btn btn-primary"
          id="submit-registration"
          loading={submitting}
          onClick={() => void submit()}
        >
          {editing ? '重新提交' : '提交报名'}
        </Button>
        {saved ? <Text className="muted">{`\n${saved}`}</Text> : null}
        {editing ? null : (
          <Button className="btn" size="mini" id="discard-draft" onClick={() => void discard()}>
            删除草稿和已上传的材料
          </Button>
        )}
      </View>
    </View>
  );
}
