// Rule findings as the dashboard and the record page show them: the rule's text and severity,
// what is wrong, the policy source, and the records behind it. With `linked`, each record opens
// its page (a child on the census roster opens the 控辍保学 page; a county-wide rotation finding
// opens the rotation plan) — the bureau's click-through.
import { Text, View } from '@tarojs/components';
import { tapA11y } from './a11y';
import Taro from '@tarojs/taro';
import { rules, type Finding, type RecordRef, type RuleCode } from '@shared/oversight/rules';
import { useState } from 'react';

const SHOWN = 12;

export function recordUrl(r: RecordRef): string {
  return r.kind === 'child'
    ? '/pages/bureau/census/index'
    : `/pages/bureau/record/index?kind=${r.kind}&id=${encodeURIComponent(r.id)}`;
}

export function FindingList({
  findings,
  linked,
  here,
}: {
  findings: readonly Finding[];
  linked: boolean;
  /** The record whose page this is: shown, not linked. */
  here?: { readonly kind: string; readonly id: string };
}) {
  // Findings with many records show the first few; the rest open on a tap, so every one is reachable.
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  return (
    <View>
      {findings.length === 0 ? <Text className="field-ok">未发现问题。</Text> : null}
      {findings.map((f, i) => {
        const rule = rules[f.rule as RuleCode];
        return (
          <View className="sub-card finding" key={i} id={`finding-${i}`}>
            <Text className={rule?.severity === 'error' ? 'field-error line' : 'label'}>
              {rule?.text ?? f.rule}
            </Text>
            <Text className="muted line">{f.text}</Text>
            <View>
              {(open.has(i) ? f.records : f.records.slice(0, SHOWN)).map((r) =>
                linked && r.kind !== 'teacher' && !(here && here.kind === r.kind && here.id === r.id) ? (
                  <Text
                    {...tapA11y('button')}
                    className="record-link"
                    key={`${r.kind}:${r.id}`}
                    onClick={() => void Taro.navigateTo({ url: recordUrl(r) })}
                  >
                    {r.label}
                  </Text>
                ) : (
                  <Text className="muted" key={`${r.kind}:${r.id}`}>{`${r.label} `}</Text>
                ),
              )}
              {linked && f.records.length === 0 && f.rule.startsWith('ROTATION_') ? (
                <Text
                  {...tapA11y('button')}
                  className="record-link"
                  onClick={() => void Taro.navigateTo({ url: '/pages/bureau/rotation/index' })}
                >
                  交流轮岗方案
                </Text>
              ) : null}
              {f.records.length > SHOWN && !open.has(i) ? (
                <Text
                  {...tapA11y('button')}
                  className="record-link more"
                  onClick={() => setOpen(new Set([...open, i]))}
                >
                  {`展开全部${f.records.length}项`}
                </Text>
              ) : null}
            </View>
            <Text className="muted line">{`依据：${rule?.source ?? ''}`}</Text>
          </View>
        );
      })}
    </View>
  );
}
