// The county's rotation rules (tenure, exemption ages, the yearly share, 骨干 share, duration):
// each beside its policy default; saved as the county's settings and used by the plan, the hand
// adjustments, the principals' and teachers' pages and the dashboard's checks. Locked once this
// year's plan is published.
import { Button, Input, Text, View } from '@tarojs/components';
import { inputA11y } from '../../../components/a11y';
import type { RotationRulesView } from '@shared/api';
import {
  rotationSettingRules,
  rotationSettingShown,
  type RotationSettings,
} from '@shared/rotation/eligibility';
import { useEffect, useState } from 'react';
import { ErrorBanner, InfoBanner } from '../../../components/Banner';
import { rotationApi } from '../../../services/api';

type Key = keyof RotationSettings;
const keys = Object.keys(rotationSettingRules) as Key[];
const shownAll = (s: RotationSettings) =>
  Object.fromEntries(keys.map((k) => [k, String(rotationSettingShown(k, s[k]))])) as Record<Key, string>;

export function Rules({ changed }: { changed: (rules: RotationSettings) => void }) {
  const [view, setView] = useState<RotationRulesView | null>(null);
  const [draft, setDraft] = useState<Record<Key, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void rotationApi.rules().then((r) => {
      if (!r.ok) return setError(r.message);
      setView(r.data);
      setDraft(shownAll(r.data.rules));
    });
  }, []);

  const save = async () => {
    if (!draft) return;
    const values = {} as Record<Key, number>;
    for (const k of keys) {
      const v = Number(draft[k].trim());
      if (draft[k].trim() === '' || !Number.isFinite(v))
        return setError(`请填写${rotationSettingRules[k].label}（${rotationSettingRules[k].unit}）。`);
      values[k] = v;
    }
    setBusy(true);
    const r = await rotationApi.setRules(values);
    setBusy(false);
    // A refused change keeps what was typed, so it can be corrected.
    if (!r.ok) return setError(r.message);
    setView(r.data);
    setDraft(shownAll(r.data.rules));
    setError(null);
    setInfo('交流规则已保存，请重新生成方案。');
    changed(r.data.rules);
  };

  if (!view || !draft)
    return error ? (
      <View className="card">
        <ErrorBanner message={error} />
      </View>
    ) : null;
  return (
    <View className="card" id="rotation-rules">
      <Text className="card-title">交流规则</Text>
      <Text className="muted line">
        {view.locked
          ? `${view.year}年方案已公示，交流规则不能再修改。`
          : '按本县规定填写；括号内为政策默认值。保存后生成方案、人工调整、学校和教师页面及督导检查都按此执行。'}
      </Text>
      <ErrorBanner message={error} />
      <InfoBanner message={info} />
      {keys.map((k) => {
        const r = rotationSettingRules[k];
        return (
          <View className="table-row" key={k}>
            <Text className="cell-wide">{`${r.label}（默认 ${rotationSettingShown(k, view.defaults[k])}${r.unit}）`}</Text>
            <Input
              {...inputA11y(r.label)}
              className="input cell"
              id={`rule-${k}`}
              type="number"
              value={draft[k]}
              disabled={view.locked || undefined}
              onInput={(e) => setDraft({ ...draft, [k]: e.detail.value })}
            />
            <Text className="cell">{r.unit}</Text>
          </View>
        );
      })}
      {view.locked ? null : (
        <Button
          className="btn btn-primary"
          id="rotation-rules-save"
          disabled={busy || undefined}
          onClick={() => void save()}
        >
          {busy ? '正在保存…' : '保存交流规则'}
        </Button>
      )}
    </View>
  );
}
